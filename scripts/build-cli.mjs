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
// Pure-JavaScript dependencies are bundled in; those that load files of their own beside them
// (highs' WebAssembly, bullmq's Lua scripts) and anything not listed stay imports of node_modules.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

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
  // Bundled CommonJS (commander) requires Node's built-ins: give each file a `require`.
  banner: {
    js: "import { createRequire as __footprintRequire } from 'node:module'; const require = __footprintRequire(import.meta.url);",
  },
  plugins: [externalUnlessBundled],
});
console.log('cli: dist/cli/main.js and dist/cli-chunks/');
