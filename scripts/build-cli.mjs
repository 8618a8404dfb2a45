// Bundles the `footprint` executable with esbuild into dist/cli/main.js (replacing tsc's), its
// commands split into chunks under dist/cli-chunks/ that load when their command runs. One file per
// command's code instead of a module per source file: a cold start resolves, reads and links a few
// files rather than dozens (issue 19: `footprint latency` from a cold start). Run by `npm run build`,
// after tsc; the library (dist/index.js) and the worker threads stay tsc's modules.
//
// The chunks sit two folders deep, as the modules they come from did (dist/cli/, dist/latency/...),
// so the paths the code finds from its own URL (../../package.json, ../../dist/web/,
// ../../dist/latency/precomputed.bin, ../../dist/sweep/thread.js) still resolve.
//
// A plain `footprint latency FROM TO [--json]` (src/cli/latency-plain.ts) is bundled a second time
// on its own, as a script with a V8 code cache (src/cli/script.ts: Node 20 caches no ES module's
// code): dist/cli-chunks/latency-plain.cjs, ending with its id, and latency-plain.cache, made by
// running the script over a few queries of each kind (so the functions they run are compiled) in
// this Node. The executable runs it when it is there, and the modules otherwise.
//
// Pure-JavaScript dependencies are bundled in; those that load files of their own beside them
// (highs' WebAssembly, bullmq's Lua scripts) and anything not listed stay imports of node_modules.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { importBundled } from './import-bundled.mjs';

const BUNDLED = new Set([
  'commander',
  'fastest-levenshtein',
  'geographiclib-geodesic',
  'js-yaml',
  'pure-rand',
  'yaml',
  'zod',
]);

/** The package a bare import names: `zod/v4` -> `zod`, `@scope/pkg/x` -> `@scope/pkg`. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const externalUnlessBundled = {
  name: 'external-unless-bundled',
  setup(plugin) {
    plugin.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || BUNDLED.has(packageOf(args.path))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

// The fingerprint of what dist/latency/precomputed.bin is made from, as this code computes it
// (src/latency/precomputed.ts): the bundles compare the file's with it rather than hash the
// catalog at each start.
const { precomputedFingerprint } = await importBundled('src/latency/precomputed.ts');
const { ACCESS_HUBS } = await importBundled('src/latency/hubs.ts');
const define = {
  FOOTPRINT_BUILT_FINGERPRINT: JSON.stringify(`${ACCESS_HUBS}:${precomputedFingerprint(ACCESS_HUBS)}`),
};

rmSync('dist/cli-chunks', { recursive: true, force: true });
await build({
  entryPoints: { 'cli/main': 'src/cli/main.ts' },
  outdir: 'dist',
  chunkNames: 'cli-chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  define,
  // Bundled CommonJS (commander) requires Node's built-ins: give each file a `require`.
  banner: {
    js: "import { createRequire as __footprintRequire } from 'node:module'; const require = __footprintRequire(import.meta.url);",
  },
  plugins: [externalUnlessBundled],
});

const SCRIPT = 'latency-plain';
const scriptFile = `dist/cli-chunks/${SCRIPT}.cjs`;
await build({
  entryPoints: { [`cli-chunks/${SCRIPT}`]: `src/cli/${SCRIPT}.ts` },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // The script runs inside the function src/cli/script.ts wraps it in, which passes its URL.
  define: { ...define, 'import.meta.url': '__footprintScriptUrl' },
  plugins: [externalUnlessBundled],
});
const { SCRIPT_ID_PREFIX, loadScript, writeScriptCache } = await importBundled('src/cli/script.ts');
const id = createHash('sha256').update(readFileSync(scriptFile)).digest('hex').slice(0, 16);
appendFileSync(scriptFile, `${SCRIPT_ID_PREFIX}${id}\n`);
const dir = new URL('../dist/cli-chunks/', import.meta.url);
const loaded = loadScript(dir, SCRIPT);
// One query of each kind of place and answer, text and JSON, and a misspelt place (the error path).
const WARM_UP = [
  ['ap-south-1', 'eu-central-1', false],
  ['51.51,-0.13', 'us-west-2', true],
  ['metro:las-vegas', 'us-west-2-lax-1a', false],
  ['use1-az1', 'dx:EqDC2', true],
  ['eu-west-9', 'us-east-1', false],
];
const quiet = { stdout: () => {}, stderr: () => {} };
for (const [from, to, json] of WARM_UP) loaded.exports.runPlainLatency({ from, to, json }, quiet, {});
writeScriptCache(dir, SCRIPT, loaded);
console.log(`cli: dist/cli/main.js, dist/cli-chunks/ (${SCRIPT}.cjs with its code cache)`);
