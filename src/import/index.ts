/**
 * Importers: estates from what an architect already has. Pure functions over parsed input; the CLI
 * reads the files. May import from geo, catalog and model.
 */
export * from './aws/index.js';
