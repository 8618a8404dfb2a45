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

/** A plain `footprint latency FROM TO [--json]`: the command line the executable runs without commander. */
export interface PlainLatency {
  readonly from: string;
  readonly to: string;
  readonly json: boolean;
}

/**
 * The places and the format of a plain `latency` command line (the command, two places with
 * coordinates protected as commander's parse sees them, and `--json` at most once, anywhere);
 * undefined for any other (options commander must read, help, a usage error), which commander
 * parses as before.
 * @example plainLatency(['latency', 'us-east-1', '-33.87,151.21', '--json']) // { from: 'us-east-1', to: 'geo:-33.87,151.21', json: true }
 */
export function plainLatency(argv: readonly string[]): PlainLatency | undefined {
  if (argv[0] !== 'latency') return undefined;
  const places: string[] = [];
  let json = false;
  for (const arg of protectCoordinates(argv.slice(1))) {
    if (arg === '--json' && !json) json = true;
    else if (arg.startsWith('-')) return undefined;
    else places.push(arg);
  }
  const [from, to] = places;
  return places.length === 2 && from !== undefined && to !== undefined ? { from, to, json } : undefined;
}
