/**
 * The estate being imported: the sections of the estate file as plain data, comments to attach
 * to its keys, and the import report (what was read, skipped, inferred and left to fill in).
 */
import type { LinkInput, SiteInput } from '../../model/schema.js';
import type { NetworkInput } from '../../network/spec/index.js';

type Section<K extends keyof NetworkInput> = Record<string, NonNullable<NetworkInput[K]>[string]>;

/** Mutable network sections, keyed by element id. */
export interface DraftNetwork {
  vpcs: Section<'vpcs'>;
  subnets: Section<'subnets'>;
  routeTables: Section<'routeTables'>;
  prefixLists: Section<'prefixLists'>;
  internetGateways: Section<'internetGateways'>;
  natGateways: Section<'natGateways'>;
  virtualPrivateGateways: Section<'virtualPrivateGateways'>;
  transitGateways: Section<'transitGateways'>;
  dxGateways: Section<'dxGateways'>;
  virtualInterfaces: Section<'virtualInterfaces'>;
  peerings: Section<'peerings'>;
  appliances: Section<'appliances'>;
  onPrem: Section<'onPrem'>;
}

/** A placeholder site the user has to locate. */
export interface PlaceholderReport {
  readonly site: string;
  readonly connections: readonly {
    readonly id: string;
    readonly location: string;
    readonly metro?: string;
  }[];
  readonly networks: readonly string[];
}

/** Where the routes of a TGW route table or the entries of a prefix list came from. */
export interface OwnerReport {
  readonly id: string;
  readonly files: readonly string[];
  readonly how: string;
}

/** What an import read and wrote, what it inferred, skipped or warns about, and where on-prem is still to be filled in. */
export interface ImportReport {
  readonly files: readonly {
    readonly path: string;
    readonly recognised: Readonly<Record<string, number>>;
    readonly skipped: Readonly<Record<string, number>>;
  }[];
  readonly ignoredFiles: readonly string[];
  /** Elements written, by estate section. */
  readonly counts: Readonly<Record<string, number>>;
  /** What was read but not imported, by kind (unknown keys, unsupported resource types), with counts. */
  readonly skipped: Readonly<Record<string, number>>;
  readonly placeholders: readonly PlaceholderReport[];
  readonly tgwRouteTables: readonly OwnerReport[];
  readonly prefixLists: readonly OwnerReport[];
  /** What the importer inferred rather than read (e.g. what on-prem advertises). */
  readonly inferred: readonly string[];
  readonly warnings: readonly string[];
}

/** A key path in the estate document: `['network', 'vpcs', 'vpc-1']`. */
export type KeyPath = readonly string[];

export class Draft {
  readonly sites: Record<string, SiteInput> = {};
  readonly links: Record<string, LinkInput> = {};
  readonly availabilityZones: Record<string, { region: string; name?: string }> = {};
  readonly network: DraftNetwork = {
    vpcs: {},
    subnets: {},
    routeTables: {},
    prefixLists: {},
    internetGateways: {},
    natGateways: {},
    virtualPrivateGateways: {},
    transitGateways: {},
    dxGateways: {},
    virtualInterfaces: {},
    peerings: {},
    appliances: {},
    onPrem: {},
  };
  /** Comment lines above a key. */
  readonly commentsBefore = new Map<string, string[]>();
  /** A comment after a key's value, on the same line. */
  readonly commentsAfter = new Map<string, string>();
  readonly warnings: string[] = [];
  readonly inferred: string[] = [];
  readonly skipped = new Map<string, number>();
  readonly placeholders: PlaceholderReport[] = [];
  readonly tgwRouteTables: OwnerReport[] = [];
  readonly prefixLists: OwnerReport[] = [];

  /** Adds a comment line above the key at `path`. */
  commentBefore(path: KeyPath, text: string): void {
    const key = path.join('\u0000');
    this.commentsBefore.set(key, [...(this.commentsBefore.get(key) ?? []), text]);
  }

  /** Sets the comment after the value at `path` (one per key; a second one is appended with `;`). */
  commentAfter(path: KeyPath, text: string): void {
    const key = path.join('\u0000');
    const previous = this.commentsAfter.get(key);
    this.commentsAfter.set(key, previous ? `${previous}; ${text}` : text);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Counts something read but not imported: an unsupported resource type or route target. */
  skip(what: string, count = 1): void {
    this.skipped.set(what, (this.skipped.get(what) ?? 0) + count);
  }
}

/** The Name tag, if any. */
export function nameTag(tags: ReadonlyMap<string, string>): string | undefined {
  const name = tags.get('Name')?.trim();
  return name ? name : undefined;
}

/** `{ name }` when there is a Name tag, else `{}`. */
export function named(tags: ReadonlyMap<string, string>): { name?: string } {
  const name = nameTag(tags);
  return name ? { name } : {};
}
