// Writes dist/latency/precomputed.bin: the default parameters' hub tables, the hub routes' lengths
// and the catalog positions' access hubs, so that a process reads them instead of solving them on
// every start (src/latency/precomputed.ts). Run by `npm run build`.
//
// The computation is src/latency/precompute.ts, bundled with esbuild and run here (import-bundled.mjs),
// as build-web.mjs runs the page's land projection.
import { rmSync, writeFileSync } from 'node:fs';
import { importBundled } from './import-bundled.mjs';

const FILE = 'dist/latency/precomputed.bin';
// An older file would be read while computing the new one: remove it first.
rmSync(FILE, { force: true });
const { precomputedFileBytes } = await importBundled('src/latency/precompute.ts');
const bytes = precomputedFileBytes();
writeFileSync(FILE, bytes);
console.log(`latency: ${FILE} ${(bytes.length / 1024).toFixed(0)} KiB`);
