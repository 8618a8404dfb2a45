/**
 * A module the build bundled as a classic script, run with the V8 code cache the build made for
 * it. Node 20 keeps no code cache for ES modules (`module.enableCompileCache` came in Node 22), so
 * a cold start compiles every function it runs from source; `vm.Script` accepts V8's cache of the
 * script's compiled functions instead (issue 19: a third of what `footprint latency` added to
 * Node's own start was compiling its code).
 *
 * The script (`NAME.cjs`, CommonJS as esbuild writes it, `import.meta.url` replaced by
 * `__footprintScriptUrl`) ends with an id line, a hash of its contents; the cache (`NAME.cache`)
 * starts with the same line. V8 checks a cache against its own version, flags and the source's
 * length only, so a cache is given to V8 only with the id of the script beside it: a rebuilt
 * script never runs another's compiled code. V8 itself rejects a cache made by another Node or
 * with other flags (`cachedDataRejected`): the script is then compiled from source, the same code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** The line that ends a script and starts its cache: the script's id (a hash of the rest). */
export const SCRIPT_ID_PREFIX = '//# footprint-script-id=';

/** A script run: its exports, and whether V8 used the cache (false when none, another's, or rejected). */
export interface LoadedScript<T> {
  readonly exports: T;
  readonly cacheUsed: boolean;
  readonly script: Script;
}

/** The id line a script's source ends with; undefined when it has none. */
export function scriptIdLine(source: string): string | undefined {
  const at = source.lastIndexOf(SCRIPT_ID_PREFIX);
  if (at < 0) return undefined;
  const end = source.indexOf('\n', at);
  return source.slice(at, end < 0 ? source.length : end);
}

/** The V8 data of the cache file when it was made for this source (its id line first), else undefined. */
function matchingCache(source: string, cacheFile: URL): Uint8Array | undefined {
  const id = scriptIdLine(source);
  if (id === undefined) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const header = `${id}\n`;
  return bytes.length > header.length && bytes.toString('latin1', 0, header.length) === header
    ? bytes.subarray(header.length)
    : undefined;
}

/**
 * Runs `dir/NAME.cjs` as CommonJS, with `dir/NAME.cache` when it was made for it; undefined when
 * there is no such script (before a build, or run from the sources).
 */
export function loadScript<T>(dir: URL, name: string): LoadedScript<T> | undefined {
  const file = new URL(`${name}.cjs`, dir);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const cachedData = matchingCache(source, new URL(`${name}.cache`, dir));
  const script = new Script(`(function (exports, require, module, __footprintScriptUrl) {${source}\n})`, {
    filename: fileURLToPath(file),
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as T };
  script.runInThisContext()(module.exports, createRequire(file), module, file.href);
  return {
    exports: module.exports,
    cacheUsed: cachedData !== undefined && script.cachedDataRejected !== true,
    script,
  };
}

/**
 * Writes `dir/NAME.cache` for a script loaded (and run, so that the functions it ran are compiled
 * and in the cache) by {@link loadScript}: the script's id line, then V8's data.
 */
export function writeScriptCache(dir: URL, name: string, loaded: LoadedScript<unknown>): void {
  const source = readFileSync(new URL(`${name}.cjs`, dir), 'utf8');
  const id = scriptIdLine(source);
  if (id === undefined) throw new Error(`${name}.cjs has no id line`);
  writeFileSync(
    new URL(`${name}.cache`, dir),
    Buffer.concat([Buffer.from(`${id}\n`, 'latin1'), loaded.script.createCachedData()]),
  );
}
