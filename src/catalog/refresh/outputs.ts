/**
 * The read-only AWS CLI outputs a catalog refresh reads, recognised by their top-level key, in the
 * CLI's exact shapes (botocore's service models: EC2 members are PascalCase, Direct Connect's
 * camelCase). Fields the refresh does not use are ignored; a file that is not JSON or does not have
 * one of these shapes is an error naming the file.
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
  readonly files: { readonly zones: number; readonly offerings: number; readonly dxLocations: number };
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

/** Adds one file's text to `into`; throws an error naming the file when it is not a known output. */
export function readCatalogOutput(file: string, text: string, into: MutableOutputs): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw badFile(file, `not JSON (${(error as Error).message})`, EXPECTED);
  }
  const key = outputKey(file, json);
  const parsed = SHAPES[key].shape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : key;
    throw badFile(
      file,
      `not the shape of \`${SHAPES[key].command}\`: ${where}: ${issue?.message ?? 'invalid'}`,
      `the CLI's JSON output (--output json), unedited`,
    );
  }
  const data = parsed.data as Record<string, unknown[]>;
  if (key === 'AvailabilityZones') into.zones.push(...(data.AvailabilityZones as AwsZone[]));
  if (key === 'InstanceTypeOfferings')
    into.offerings.push(...(data.InstanceTypeOfferings as AwsInstanceTypeOffering[]));
  if (key === 'locations') into.dxLocations.push(...(data.locations as AwsDxLocation[]));
  const counter = key === 'AvailabilityZones' ? 'zones' : key === 'locations' ? 'dxLocations' : 'offerings';
  into.files[counter] += 1;
}

/** The outputs being read, before they are frozen into {@link CatalogOutputs}. */
export interface MutableOutputs {
  zones: AwsZone[];
  offerings: AwsInstanceTypeOffering[];
  dxLocations: AwsDxLocation[];
  files: { zones: number; offerings: number; dxLocations: number };
}

/** An empty set of outputs to read files into. */
export function emptyOutputs(): MutableOutputs {
  return { zones: [], offerings: [], dxLocations: [], files: { zones: 0, offerings: 0, dxLocations: 0 } };
}
