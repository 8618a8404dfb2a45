// Bundles the page (web/) into dist/web/page.js and dist/web/page.css with esbuild: d3-geo,
// Observable Plot and the world atlas included, so `footprint report -o` can inline one script and
// one stylesheet and the page needs nothing from the network. Run by `npm run build`.
import { build } from 'esbuild';

const result = await build({
  entryPoints: { page: 'web/main.ts' },
  outdir: 'dist/web',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  legalComments: 'eof',
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
});
const sizes = Object.entries(result.metafile.outputs).map(
  ([file, { bytes }]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`,
);
console.log(`web: ${sizes.join(', ')}`);
