import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { loadEstate } from '../src/model/index.js';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const text = readFileSync('/tmp/estate10k.yaml', 'utf8');
for (let r = 0; r < 5; r++) {
  let t = cpu();
  loadEstate('/tmp/estate10k.yaml');
  const a = cpu() - t;
  t = cpu();
  parseDocument(text);
  const b = cpu() - t;
  t = cpu();
  JSON.parse(JSON.stringify(parseDocument(text).toJS()));
  console.log('load', a.toFixed(0), 'yaml parseDocument', b.toFixed(0));
}
