/**
 * The read-only AWS CLI outputs a catalog refresh reads, recognised by their top-level key, in the
 * CLI's exact shapes (botocore's service models: EC2 members are PascalCase, Direct Connect's
 * camelCase), and botocore's partition data (`botocore/data/partitions.json`, whose partitions
 * have an `id`, and `botocore/data/endpoints.json`, whose have a `partition`: both under a
 * top-level `partitions`, see https://github.com/boto/botocore/tree/develop/botocore/data).
 * Fields the refresh does not use are ignored; a file that is not JSON or does not have one of these
 * shapes is an error naming the file.
 */
import { z } from 'zod';
import { FootprintError } from '../../errors.js';

const zoneShape = z.object({
  ZoneName: z.string(),
  ZoneId: z.string(),
  RegionName: z.string(),
  ZoneType: z.string().optional(),
  State: z.string().optional(),
  NetworkBorderGroup: z.string().optional(),
  ParentZoneId: z.string().optional(),
  GroupLongName: z.string().optional(),
});
const offeringShape = z.object({
  InstanceType: z.string(),
  LocationType: z.string().optional(),
  Location: z.string(),
});
const dxLocationShape = z.object({
  locationCode: z.string(),
  locationName: z.string(),
  region: z.string(),
});

const regionsShape = z.record(z.string(), z.object({ description: z.string().optional() }));
/** botocore/data/partitions.json: `{partitions: [{id, outputs: {dnsSuffix, name…}, regionRegex, regions}], version}`. */
const partitionsFileShape = z.object({
  partitions: z.array(
    z.object({ id: z.string(), outputs: z.object({ dnsSuffix: z.string() }), regions: regionsShape }),
  ),
});
/** botocore/data/endpoints.json: `{partitions: [{partition, partitionName, dnsSuffix, regions, services…}], version}`. */
const endpointsFileShape = z.object({
  partitions: z.array(
    z.object({
      partition: z.string(),
      partitionName: z.string().optional(),
      dnsSuffix: z.string(),
      regions: regionsShape,
    }),
  ),
});

/** A partition as botocore's data describes it (both files merged by id). */
export interface BotocorePartition {
  readonly id: string;
  /** endpoints.json's `partitionName`, e.g. `AWS GovCloud (US)`; partitions.json has none. */
  readonly name?: string;
  readonly dnsSuffix: string;
  /** Region code -> description, e.g. `us-west-2` -> `US West (Oregon)`. */
  readonly regions: Readonly<Record<string, string | undefined>>;
}

/** A zone of `aws ec2 describe-availability-zones --all-availability-zones`. */
export type AwsZone = z.infer<typeof zoneShape>;
/** A record of `aws ec2 describe-instance-type-offerings --location-type availability-zone`. */
export type AwsInstanceTypeOffering = z.infer<typeof offeringShape>;
/** A location of `aws directconnect describe-locations`. */
export type AwsDxLocation = z.infer<typeof dxLocationShape>;

/** Everything read from a folder of outputs, with the files each part came from. */
export interface CatalogOutputs {
  readonly zones: readonly AwsZone[];
  readonly offerings: readonly AwsInstanceTypeOffering[];
  readonly dxLocations: readonly AwsDxLocation[];
  /** botocore's partitions, one entry per file and partition (apply merges them by id). */
  readonly partitions: readonly BotocorePartition[];
  readonly files: {
    readonly zones: number;
    readonly offerings: number;
    readonly dxLocations: number;
    readonly partitions: number;
  };
}

const SHAPES = {
  AvailabilityZones: {
    command: 'aws ec2 describe-availability-zones --all-availability-zones',
    shape: z.object({ AvailabilityZones: z.array(zoneShape) }),
  },
  InstanceTypeOfferings: {
    command: 'aws ec2 describe-instance-type-offerings --location-type availability-zone',
    shape: z.object({ InstanceTypeOfferings: z.array(offeringShape) }),
  },
  locations: {
    command: 'aws directconnect describe-locations',
    shape: z.object({ locations: z.array(dxLocationShape) }),
  },
  partitions: {
    command: "botocore's data/partitions.json or data/endpoints.json",
    shape: partitionsFileShape,
  },
} as const;
type OutputKey = keyof typeof SHAPES;

function badFile(file: string, message: string, expected: string): FootprintError {
  return new FootprintError({ code: 'FP_BAD_JSON', message: `${file}: ${message}`, expected });
}

const EXPECTED = `the JSON output of one of: ${Object.values(SHAPES)
  .map((s) => `\`${s.command}\``)
  .join(', ')}`;

/** Which output a parsed file is, by its top-level key; an error naming the file otherwise. */
function outputKey(file: string, json: unknown): OutputKey {
  const keys = typeof json === 'object' && json !== null && !Array.isArray(json) ? Object.keys(json) : [];
  const key = (Object.keys(SHAPES) as OutputKey[]).find((k) => keys.includes(k));
  if (!key) {
    const found = keys.length > 0 ? `top-level keys ${keys.join(', ')}` : 'no top-level object';
    throw badFile(file, `not an AWS CLI output the catalog refresh reads (${found})`, EXPECTED);
  }
  return key;
}

/**
 * The shape a file is checked against: botocore's two files share their top-level key, and tell
 * themselves apart by their partitions' key (`id` in partitions.json, `partition` in endpoints.json).
 */
function shapeOf(key: OutputKey, json: unknown): z.ZodType {
  if (key !== 'partitions') return SHAPES[key].shape;
  const first = (json as { partitions?: unknown[] }).partitions?.[0];
  const isEndpoints = typeof first === 'object' && first !== null && 'partition' in first;
  return isEndpoints ? endpointsFileShape : partitionsFileShape;
}

/** Adds one file's text to `into`; throws an error naming the file when it is not a known output. */
export function readCatalogOutput(file: string, text: string, into: MutableOutputs): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw badFile(file, `not JSON (${(error as Error).message})`, EXPECTED);
  }
  const key = outputKey(file, json);
  const parsed = shapeOf(key, json).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : key;
    throw badFile(
      file,
      `not the shape of \`${SHAPES[key].command}\`: ${where}: ${issue?.message ?? 'invalid'}`,
      key === 'partitions'
        ? "botocore's file as it ships (botocore/data/ of the botocore package)"
        : `the CLI's JSON output (--output json), unedited`,
    );
  }
  if (key === 'partitions') {
    into.partitions.push(...botocorePartitions(json));
    into.files.partitions += 1;
    return;
  }
  const data = parsed.data as Record<string, unknown[]>;
  if (key === 'AvailabilityZones') into.zones.push(...(data.AvailabilityZones as AwsZone[]));
  if (key === 'InstanceTypeOfferings')
    into.offerings.push(...(data.InstanceTypeOfferings as AwsInstanceTypeOffering[]));
  if (key === 'locations') into.dxLocations.push(...(data.locations as AwsDxLocation[]));
  const counter = key === 'AvailabilityZones' ? 'zones' : key === 'locations' ? 'dxLocations' : 'offerings';
  into.files[counter] += 1;
}

/** The partitions of a botocore file already checked against one of its two shapes. */
function botocorePartitions(json: unknown): BotocorePartition[] {
  const descriptions = (regions: z.infer<typeof regionsShape>) =>
    Object.fromEntries(Object.entries(regions).map(([code, r]) => [code, r.description]));
  const asPartitions = partitionsFileShape.safeParse(json);
  if (asPartitions.success)
    return asPartitions.data.partitions.map((p) => ({
      id: p.id,
      dnsSuffix: p.outputs.dnsSuffix,
      regions: descriptions(p.regions),
    }));
  return endpointsFileShape.parse(json).partitions.map((p) => ({
    id: p.partition,
    ...(p.partitionName !== undefined ? { name: p.partitionName } : {}),
    dnsSuffix: p.dnsSuffix,
    regions: descriptions(p.regions),
  }));
}

/** The outputs being read, before they are frozen into {@link CatalogOutputs}. */
export interface MutableOutputs {
  zones: AwsZone[];
  offerings: AwsInstanceTypeOffering[];
  dxLocations: AwsDxLocation[];
  partitions: BotocorePartition[];
  files: { zones: number; offerings: number; dxLocations: number; partitions: number };
}

/** An empty set of outputs to read files into. */
export function emptyOutputs(): MutableOutputs {
  return {
    zones: [],
    offerings: [],
    dxLocations: [],
    partitions: [],
    files: { zones: 0, offerings: 0, dxLocations: 0, partitions: 0 },
  };
}
