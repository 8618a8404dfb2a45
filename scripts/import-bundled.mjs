// What build-web.mjs and build-latency.mjs share: a TypeScript module of the project bundled with
// esbuild (its imports included) and imported here, in Node, to compute at build time what the
// page or every process would otherwise compute as it starts.
import { build } from 'esbuild';

/** The module `entry` (a path from the repository's root), bundled for Node and imported. */
export async function importBundled(entry) {
  const bundled = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  const code = bundled.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}
