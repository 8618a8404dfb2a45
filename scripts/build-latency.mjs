// Writes dist/latency/precomputed.bin: the default parameters' hub tables, the hub routes' lengths
// and the catalog positions' access hubs, so that a process reads them instead of solving them on
// every start (src/latency/precomputed.ts). Run by `npm run build`.
//
// The computation is src/latency/precompute.ts, bundled with esbuild and run here, as build-web.mjs
// runs the page's land projection.
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const FILE = 'dist/latency/precomputed.bin';
// An older file would be read while computing the new one: remove it first.
rmSync(FILE, { force: true });
const bundled = await build({
  entryPoints: ['src/latency/precompute.ts'],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const code = bundled.outputFiles[0].text;
const { precomputedFileBytes } = await import(
  `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
);
const bytes = precomputedFileBytes();
writeFileSync(FILE, bytes);
console.log(`latency: ${FILE} ${(bytes.length / 1024).toFixed(0)} KiB`);
