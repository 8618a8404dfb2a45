/**
 * A snapshot: every file of the folder read, its content recognised by top-level key, records
 * de-duplicated by id, and the outputs that do not carry their owner's id (the routes of
 * search-transit-gateway-routes, the entries of get-managed-prefix-list-entries) given one.
 * Pure: files (path and text) in, records out. Files are read in path order, so the result does not
 * depend on the order they are given in.
 */

import { listRegions } from '../../catalog/index.js';
import { type Diagnostic, FootprintError } from '../../errors.js';
import { codeFrame } from '../../model/index.js';
import { lineCol, looksLikeJson, parseJsonFile } from './json.js';
import { compare } from './order.js';
import {
  type AwsTgwRoute,
  IGNORED_KEYS,
  isObject,
  type Json,
  ORPHAN_KEYS,
  READERS,
  type RecordKey,
  type RecordOf,
  readPrefixListEntry,
  readTgwRoute,
} from './shapes.js';

/** One file of the snapshot folder: its path relative to the folder (`/` separated) and its text. */
export interface SnapshotFile {
  readonly path: string;
  readonly text: string;
  /** The path as the user would open it (e.g. with the folder in front), for error locations. */
  readonly shownAs?: string;
}

/** A record and where it came from. */
export interface Sourced<T> {
  readonly value: T;
  readonly file: string;
  /** The region named by the file's path (a folder or file name such as us-west-2), if any. */
  readonly pathRegion?: string;
}

/** How the owner of an orphan output (TGW routes, prefix list entries) was found. */
export type OwnerSource = 'wrapper key' | 'file name' | 'only one in the snapshot';

export interface OwnedOutput<T> {
  readonly owner: string;
  readonly items: readonly T[];
  readonly files: readonly string[];
  readonly how: OwnerSource;
}

export interface FileSummary {
  readonly path: string;
  /** Records read, by top-level key. */
  readonly recognised: Readonly<Record<string, number>>;
  /** Top-level keys Footprint does not read, with their entry counts. */
  readonly skipped: Readonly<Record<string, number>>;
}

export type Records = { readonly [K in RecordKey]: readonly Sourced<RecordOf<K>>[] };

export interface Snapshot {
  readonly records: Records;
  /** TGW routes by route table id. */
  readonly tgwRoutes: ReadonlyMap<string, OwnedOutput<AwsTgwRoute>>;
  /** Prefix list entries (CIDRs) by prefix list id. */
  readonly prefixListEntries: ReadonlyMap<string, OwnedOutput<string>>;
  readonly files: readonly FileSummary[];
  /** Files that are not JSON (ignored). */
  readonly ignoredFiles: readonly string[];
  /** Unknown top-level keys, summed over files, with their entry counts. */
  readonly skipped: ReadonlyMap<string, number>;
  readonly warnings: readonly string[];
}

const TGW_RTB = /tgw-rtb-[0-9a-f]+/g;
const PREFIX_LIST = /pl-[0-9a-f]+/g;

interface Orphan {
  readonly kind: keyof typeof ORPHAN_KEYS;
  readonly file: string;
  readonly wrapper?: string;
  readonly items: readonly unknown[];
}

/**
 * Reads the files of a snapshot. Throws FP_BAD_JSON (every malformed file, each at line:col) and
 * FP_IMPORT when no file holds AWS CLI output; anything else unusable is a warning.
 */
export function readSnapshot(input: readonly SnapshotFile[]): Snapshot {
  const files = [...input].sort((a, b) => compare(a.path, b.path));
  const bad: Diagnostic[] = [];
  const reading: Reading = {
    warnings: [],
    ignoredFiles: [],
    skipped: new Map(),
    summaries: [],
    raw: new Map(),
    orphans: [],
  };
  const regionCodes = listRegions().map((r) => r.code);
  for (const file of files) {
    const problem = readSnapshotFile(file, reading, regionCodes);
    if (problem) bad.push(problem);
  }
  if (bad.length > 0) throw new FootprintError(bad);

  const { warnings, ignoredFiles, skipped, summaries, raw } = reading;
  const records = Object.fromEntries(
    (Object.keys(READERS) as RecordKey[]).map((key) => [key, dedupe(key, raw.get(key) ?? [], warnings)]),
  ) as unknown as Records;
  const { tgwRoutes, prefixListEntries } = ownOrphans(reading.orphans, records, warnings);
  const recognisedAny = summaries.some((s) => Object.keys(s.recognised).length > 0);
  if (!recognisedAny) {
    throw new FootprintError({
      code: 'FP_IMPORT',
      message: `no AWS CLI output found in ${files.length} file${files.length === 1 ? '' : 's'}`,
      expected:
        'files holding the JSON of `aws ec2 describe-vpcs --output json` and the other commands listed in docs/import.md',
    });
  }
  return {
    records,
    tgwRoutes,
    prefixListEntries,
    files: summaries,
    ignoredFiles,
    skipped,
    warnings,
  };
}

/** What reading the files gathers, before the records are deduplicated and the orphan outputs owned. */
interface Reading {
  readonly warnings: string[];
  readonly ignoredFiles: string[];
  /** Unknown top-level keys, summed over files. */
  readonly skipped: Map<string, number>;
  readonly summaries: FileSummary[];
  readonly raw: Map<RecordKey, Sourced<unknown>[]>;
  readonly orphans: Orphan[];
}

/** One file of the snapshot, into `reading`; the diagnostic of a file that is not valid JSON. */
function readSnapshotFile(
  file: SnapshotFile,
  reading: Reading,
  regionCodes: readonly string[],
): Diagnostic | undefined {
  const { warnings, summaries } = reading;
  if (!file.path.endsWith('.json') && !looksLikeJson(file.text)) {
    reading.ignoredFiles.push(file.path);
    return undefined;
  }
  const parsed = parseJsonFile(file.text, file.shownAs ?? file.path);
  if ('diagnostic' in parsed) return parsed.diagnostic;
  const recognised: Record<string, number> = {};
  const fileSkipped: Record<string, number> = {};
  const skip = (key: string, count: number) => {
    fileSkipped[key] = (fileSkipped[key] ?? 0) + count;
    reading.skipped.set(key, (reading.skipped.get(key) ?? 0) + count);
  };
  const pathRegion = regionOfPath(file.path, regionCodes);
  const top = parsed.value;
  if (!isObject(top)) {
    warnings.push(
      `${file.path}: a JSON ${Array.isArray(top) ? 'array' : typeof top}, not AWS CLI output: ignored`,
    );
    summaries.push({ path: file.path, recognised, skipped: fileSkipped });
    return undefined;
  }
  const problems: Diagnostic[] = [];
  readOutput(top, undefined, { path: file.path, pathRegion, recognised, skip, reading, problems, file });
  summaries.push({ path: file.path, recognised, skipped: fileSkipped });
  return problems[0];
}

/** Where the keys of one file's JSON go. */
interface FileReading {
  readonly path: string;
  readonly pathRegion: string | undefined;
  /** Entries recognised in the file, by key. */
  readonly recognised: Record<string, number>;
  readonly skip: (key: string, count: number) => void;
  readonly reading: Reading;
  /** Keys AWS prints as a list that hold something else: the file was edited or is not the CLI's. */
  readonly problems: Diagnostic[];
  readonly file: SnapshotFile;
}

/** A key the AWS CLI prints as a list, holding something else: located at the key. */
function notAList(file: SnapshotFile, key: string, value: unknown): Diagnostic {
  const shown = file.shownAs ?? file.path;
  const offset = Math.max(0, file.text.indexOf(`"${key}"`));
  const { line, col } = lineCol(file.text, offset);
  const location = { file: shown, line, col, length: key.length + 2 };
  return {
    code: 'FP_BAD_JSON',
    message: `${shown}: '${key}' holds ${value === null ? 'null' : typeof value === 'object' ? 'a map' : `a ${typeof value}`}, where the AWS CLI prints a list`,
    location,
    frame: codeFrame(file.text, location),
    expected: 'the JSON the AWS CLI prints with --output json, unedited',
  };
}

/**
 * The keys of an AWS CLI output: records (by READERS), outputs that name no owner (TGW routes,
 * prefix list entries), wrappers that do (`{ "tgw-rtb-…": { "Routes": [...] } }`), or skipped.
 */
function readOutput(object: Json, wrapper: string | undefined, at: FileReading): void {
  const { path, pathRegion, recognised, skip } = at;
  const { warnings, raw, orphans } = at.reading;
  for (const [key, value] of Object.entries(object)) {
    if (IGNORED_KEYS.has(key)) continue;
    if ((key in READERS || key in ORPHAN_KEYS) && !Array.isArray(value)) {
      at.problems.push(notAList(at.file, key, value));
      continue;
    }
    if (key in READERS) {
      const recordKey = key as RecordKey;
      const reader = READERS[recordKey];
      const items = Array.isArray(value) ? value : [];
      let count = 0;
      items.forEach((item, i) => {
        const record = isObject(item) ? reader.read(item) : undefined;
        if (record === undefined) {
          warnings.push(
            `${path}: ${key}[${i}] has no usable ${reader.idField} (or misses a field Footprint needs): skipped`,
          );
          return;
        }
        count++;
        const list = raw.get(recordKey) ?? [];
        list.push({ value: record, file: path, ...(pathRegion ? { pathRegion } : {}) });
        raw.set(recordKey, list);
      });
      recognised[key] = (recognised[key] ?? 0) + count;
      continue;
    }
    if (key in ORPHAN_KEYS) {
      const kind = key as keyof typeof ORPHAN_KEYS;
      const owner = object[ORPHAN_KEYS[kind].owner];
      const items = Array.isArray(value) ? value : [];
      // search-local-gateway-routes prints `Routes` too, each naming its Outposts route table.
      if (kind === 'Routes' && items.some((r) => isObject(r) && 'LocalGatewayRouteTableId' in r)) {
        skip('Routes (search-local-gateway-routes)', items.length);
        continue;
      }
      orphans.push({
        kind,
        file: path,
        ...(typeof owner === 'string' ? { wrapper: owner } : wrapper ? { wrapper } : {}),
        items,
      });
      recognised[key] = (recognised[key] ?? 0) + items.length;
      continue;
    }
    if (Object.values(ORPHAN_KEYS).some((o) => o.owner === key) && typeof value === 'string') continue;
    // A wrapper: { "tgw-rtb-…": { "Routes": [...] } } or { "pl-…": { "Entries": [...] } }.
    if (/^(tgw-rtb|pl)-[0-9a-f]+$/.test(key) && isObject(value) && wrapper === undefined) {
      readOutput(value, key, at);
      continue;
    }
    skip(key, Array.isArray(value) ? value.length : 1);
  }
}

/**
 * The outputs that name no owner, given one: TGW routes to their route table, entries to their
 * prefix list (by wrapper, file name, or the only candidate), each merged per owner.
 */
function ownOrphans(
  orphans: readonly Orphan[],
  records: Records,
  warnings: string[],
): Pick<Snapshot, 'tgwRoutes' | 'prefixListEntries'> {
  const tgwTables = records.TransitGatewayRouteTables.map((r) => r.value.id);
  const customerLists = records.PrefixLists.filter((r) => r.value.ownerId !== 'AWS').map((r) => r.value.id);
  const tgwRoutes = new Map<string, OwnedOutput<AwsTgwRoute>>();
  const prefixListEntries = new Map<string, OwnedOutput<string>>();
  for (const orphan of orphans) {
    if (orphan.kind === 'Routes') {
      const owner = ownerOf(orphan, TGW_RTB, tgwTables);
      if (!owner) {
        warnings.push(
          `${orphan.file}: ${orphan.items.length} Transit Gateway routes (search-transit-gateway-routes) without a route table id: skipped; wrap them as {"TransitGatewayRouteTableId": "tgw-rtb-…", "Routes": [...]} or put the table id in the file name`,
        );
        continue;
      }
      const routes = orphan.items.filter(isObject).map(readTgwRoute);
      merge(tgwRoutes, owner, routes, orphan.file);
    } else {
      const owner = ownerOf(orphan, PREFIX_LIST, customerLists);
      if (!owner) {
        warnings.push(
          `${orphan.file}: ${orphan.items.length} prefix list entries (get-managed-prefix-list-entries) without a prefix list id: skipped; wrap them as {"PrefixListId": "pl-…", "Entries": [...]} or put the list id in the file name`,
        );
        continue;
      }
      const cidrs = orphan.items
        .filter(isObject)
        .map(readPrefixListEntry)
        .filter((c): c is string => c !== undefined);
      merge(prefixListEntries, owner, cidrs, orphan.file);
    }
  }
  return { tgwRoutes, prefixListEntries };
}

/** The owner of an orphan output: its wrapper, else the one id in its file name, else the only candidate. */
function ownerOf(
  orphan: Orphan,
  pattern: RegExp,
  candidates: readonly string[],
): { id: string; how: OwnerSource } | undefined {
  if (orphan.wrapper) return { id: orphan.wrapper, how: 'wrapper key' };
  const named = [...new Set(orphan.file.match(pattern) ?? [])];
  if (named.length === 1) return { id: named[0] as string, how: 'file name' };
  if (candidates.length === 1) return { id: candidates[0] as string, how: 'only one in the snapshot' };
  return undefined;
}

function merge<T>(
  into: Map<string, OwnedOutput<T>>,
  owner: { id: string; how: OwnerSource },
  items: readonly T[],
  file: string,
): void {
  const previous = into.get(owner.id);
  into.set(owner.id, {
    owner: owner.id,
    items: [...(previous?.items ?? []), ...items],
    files: [...(previous?.files ?? []), file],
    how: previous?.how ?? owner.how,
  });
}

/** The key a record is de-duplicated by. */
function identity(key: RecordKey, value: unknown): string {
  const v = value as Record<string, unknown>;
  if (key === 'AvailabilityZones') return String(v.zoneId);
  if (key === 'directConnectGatewayAssociations') return `${v.dxGatewayId}|${v.gatewayId}`;
  // A peering attachment shows the same id from both of its Transit Gateways.
  if (key === 'TransitGatewayAttachments') return `${v.id}|${v.transitGatewayId}`;
  return String(v.id);
}

/**
 * One record per identity. A resource shared between accounts (a Transit Gateway, a subnet shared by
 * RAM) shows up in each account's output, with that account's tags: the owner's copy is kept (the
 * one in a folder named after its OwnerId), else the first by file path, then content. A differing
 * duplicate is a warning.
 */
function dedupe(key: RecordKey, list: readonly Sourced<unknown>[], warnings: string[]): Sourced<unknown>[] {
  const groups = new Map<string, Sourced<unknown>[]>();
  for (const record of list) {
    const id = identity(key, record.value);
    groups.set(id, [...(groups.get(id) ?? []), record]);
  }
  const out: Sourced<unknown>[] = [];
  for (const [id, group] of groups) {
    const owned = (r: Sourced<unknown>) => {
      const owner = (r.value as { ownerId?: string }).ownerId;
      return owner !== undefined && r.file.split('/').includes(owner) ? 0 : 1;
    };
    const sorted = [...group].sort(
      (a, b) =>
        owned(a) - owned(b) || compare(a.file, b.file) || compare(canonical(a.value), canonical(b.value)),
    );
    const kept = sorted[0] as Sourced<unknown>;
    const differing = sorted.filter((r) => canonical(r.value) !== canonical(kept.value));
    if (differing.length > 0) {
      warnings.push(
        `${id} (${key}) appears with different content in ${[...new Set(sorted.map((r) => r.file))].join(', ')}: kept the one in ${kept.file}`,
      );
    }
    out.push(kept);
  }
  return out.sort((a, b) => compare(identity(key, a.value), identity(key, b.value)));
}

/** A stable text of a record (maps as sorted entries) to compare duplicates. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Map ? [...v.entries()].sort(([a], [b]) => compare(String(a), String(b))) : v,
  );
}

/** The region a path names as a whole folder or file-name token, e.g. `acct/us-west-2/vpcs.json`. */
export function regionOfPath(path: string, codes: readonly string[]): string | undefined {
  // A whole token: not inside a longer word, and not the start of a Local Zone name (us-west-2-phx-2a).
  const found = codes.filter((code) => new RegExp(`(?<![a-z0-9])${code}(?![a-z0-9]|-[a-z])`).test(path));
  return found.length === 1 ? found[0] : undefined;
}
