/** The land, borders and graticule as SVG paths, projected by `npm run build` (web/map/land.ts). */
declare module 'footprint:land' {
  const paths: import('./map/land.js').LandPaths;
  export default paths;
}
