/**
 * What the command line needs before any command loads: light, so that start-up stays fast.
 */

/**
 * Commander reads `-33.87,151.21` as an option. Before parsing, such arguments become RFC 5870
 * `geo:` URIs, which every place argument accepts.
 * @example protectCoordinates(['latency', '-33.87,151.21', 'x']) // ['latency', 'geo:-33.87,151.21', 'x']
 */
export function protectCoordinates(argv: readonly string[]): string[] {
  return argv.map((arg) => (/^-\d+(\.\d+)?\s*,\s*[-+]?\d+(\.\d+)?$/.test(arg) ? `geo:${arg}` : arg));
}

/**
 * The estate named by `--estate`, or the catalog alone; the estate loader (YAML, schemas) is
 * imported only when a file is named.
 */
export async function optionalEstate(file: string | undefined): Promise<import('../model/estate.js').Estate> {
  if (file === undefined) return (await import('../model/estate.js')).EMPTY_ESTATE;
  return (await import('../model/index.js')).loadEstate(file);
}
