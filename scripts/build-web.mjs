// Bundles the page (web/) into dist/web/page.js and dist/web/page.css with esbuild: d3-geo,
// Observable Plot and the world's land included, so `footprint report -o` can inline one script and
// one stylesheet and the page needs nothing from the network. Run by `npm run build`.
//
// The land is projected here, once, rather than by every page as it opens: web/map/land.ts turns
// world-atlas's 1:50m TopoJSON into SVG paths in the map's base projection, and the page imports
// those strings as the module `footprint:land`.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { importBundled } from './import-bundled.mjs';

/** Runs web/map/land.ts in Node (bundled with its d3 and topojson imports) on the atlas. */
async function projectLand() {
  const land = await importBundled('web/map/land.ts');
  const atlas = JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8'));
  return land.projectLand(atlas);
}

const paths = await projectLand();
const landModule = {
  name: 'footprint-land',
  setup(plugin) {
    plugin.onResolve({ filter: /^footprint:land$/ }, (args) => ({ path: args.path, namespace: 'land' }));
    plugin.onLoad({ filter: /.*/, namespace: 'land' }, () => ({
      contents: `export default ${JSON.stringify(paths)};`,
      loader: 'js',
    }));
  },
};

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
  plugins: [landModule],
});
const sizes = Object.entries(result.metafile.outputs).map(
  ([file, { bytes }]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`,
);
console.log(`web: ${sizes.join(', ')}`);
