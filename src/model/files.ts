/**
 * What the loader may read, and how much: the files a user names and the files those name
 * (`extends:`, `calibration:`, a scenario's estates and CSVs). Only regular files (a device such as
 * `/dev/zero` would never end), up to a size limit, and, for files named by other files, only
 * inside the working directory or the folder of the file given on the command line: an estate
 * found on the internet must not read `~/.aws/credentials` and quote it in an error.
 *
 * Two environment variables widen this for whoever runs Footprint (never the files themselves):
 * `FOOTPRINT_MAX_FILE_MB` (default 100) and `FOOTPRINT_ALLOW_ANY_PATH=1`.
 */
import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { type Diagnostic, FootprintError } from '../errors.js';

/** The default size limit of a file Footprint reads, in MB. */
export const DEFAULT_MAX_FILE_MB = 100;

/** The size limit in bytes: FOOTPRINT_MAX_FILE_MB, else the default. */
export function maxFileBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.FOOTPRINT_MAX_FILE_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_FILE_MB) * 1024 * 1024;
}

/**
 * Refuses what is not a regular file or is over the size limit (a missing file is the caller's
 * to report: this returns quietly).
 */
export function checkReadable(path: string, env: NodeJS.ProcessEnv = process.env): void {
  if (path.includes('\0'))
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `'${path}' is not a file name: it holds a NUL byte`,
      expected: 'a path to a YAML, JSON or CSV file',
    });
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return;
  }
  if (stat.isDirectory()) return;
  if (!stat.isFile())
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `'${path}' is not a regular file (a device, pipe or socket): Footprint reads only files`,
      expected: 'a YAML, JSON or CSV file',
    });
  const limit = maxFileBytes(env);
  if (stat.size > limit)
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `'${path}' is ${megabytes(stat.size)} MB, over the ${megabytes(limit)} MB limit of a file Footprint reads`,
      expected: 'a smaller file',
      suggestion: `set FOOTPRINT_MAX_FILE_MB=${Math.ceil(stat.size / 1024 / 1024) + 1} to read it anyway`,
    });
}

/**
 * The folders a file named by another file may be in: the working directory and the folder of the
 * file the user named, each resolved through symbolic links.
 */
export function allowedRoots(topFile: string, cwd = process.cwd()): string[] {
  return [cwd, dirname(resolve(cwd, topFile))].map((dir) => real(dir));
}

/**
 * Why `path` (named by another file) may not be read, or undefined when it may: it must be under
 * one of `roots`, unless FOOTPRINT_ALLOW_ANY_PATH=1.
 */
export function outsideRoots(
  path: string,
  roots: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (env.FOOTPRINT_ALLOW_ANY_PATH === '1') return undefined;
  const target = real(resolve(path));
  const inside = roots.some((root) => {
    const rel = relative(root, target);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
  return inside
    ? undefined
    : `'${path}' is outside the working directory and the estate's folder: a file may name only files there`;
}

/** The suggestion that goes with {@link outsideRoots}. */
export const OUTSIDE_SUGGESTION =
  'copy the file next to the estate, run Footprint from a folder that holds both, or set FOOTPRINT_ALLOW_ANY_PATH=1';

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 10 ? mb.toFixed(0) : mb.toPrecision(2);
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // A missing file: its folder's real path, and the name as given.
    const parent = dirname(path);
    return parent === path ? path : resolve(real(parent), relative(parent, path));
  }
}

/**
 * The text of a file read as UTF-8, refusing bytes that are not (a Latin-1 `é` would otherwise turn
 * into U+FFFD silently, and an id with it would match nothing), at the line and column of the
 * first one. A byte-order mark is dropped.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `'${file}' is not UTF-8 text: byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at ${line}:${col}`,
      location: { file, line, col },
      expected: 'a file saved as UTF-8',
      suggestion:
        'save it as UTF-8 (an editor\'s "Save with encoding"; `iconv -f latin1 -t utf-8` for a Latin-1 file)',
    });
  }
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // The second byte's narrower ranges: no overlong forms, no surrogates, nothing past U+10FFFF.
    const second = bytes[i + 1] ?? 0;
    if (
      (b === 0xe0 && second < 0xa0) ||
      (b === 0xed && second > 0x9f) ||
      (b === 0xf0 && second < 0x90) ||
      (b === 0xf4 && second > 0x8f)
    )
      return i;
    i += length;
  }
  return bytes.length;
}

/** Marks a reader of the disk as one whose files named by other files must stay inside the roots. */
const CONFINED = Symbol('footprint.confined');

/**
 * A reader of the disk (it may wrap readFromDisk, e.g. to note the files read) whose files named by
 * other files are confined to the working directory and the named file's folder, like readFromDisk.
 */
export function confined<Reader extends (path: string) => string | undefined>(read: Reader): Reader {
  Object.defineProperty(read, CONFINED, { value: true });
  return read;
}

/** True for readFromDisk and readers made with {@link confined}: in-memory readers decide for themselves. */
export function isConfined(read: (path: string) => string | undefined): boolean {
  return (read as unknown as Record<symbol, unknown>)[CONFINED] === true;
}

/** Why a file named by another could not be read, to be located where it was named. */
export interface ReadRefusal {
  readonly message: string;
  readonly expected?: string;
  readonly suggestion?: string;
}

/**
 * Reads a file another file names (`extends:`, `calibration:`): inside `roots` when given, through
 * `read`; what is refused (outside the roots, not a regular file, too large, not UTF-8) is thrown
 * as the diagnostic `locate` makes of it, at the key that named the file.
 */
export function readNamedFile(
  path: string,
  read: (path: string) => string | undefined,
  roots: readonly string[] | undefined,
  locate: (refusal: ReadRefusal) => Diagnostic,
): string | undefined {
  const outside = roots ? outsideRoots(path, roots) : undefined;
  if (outside) throw new FootprintError(locate({ message: outside, suggestion: OUTSIDE_SUGGESTION }));
  try {
    return read(path);
  } catch (error) {
    const first = error instanceof FootprintError ? error.diagnostics[0] : undefined;
    if (!first) throw error;
    throw new FootprintError(
      locate({
        message: first.message,
        ...(first.expected ? { expected: first.expected } : {}),
        ...(first.suggestion ? { suggestion: first.suggestion } : {}),
      }),
    );
  }
}
