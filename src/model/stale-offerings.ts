/**
 * Warnings for the Local Zones an estate runs instances in (services' places, subnets' zones) whose
 * offerings the catalog knows only from a record more than a year older than a reference date, or
 * not at all. AWS adds instance families to a Local Zone over time, and what a zone offers is only
 * in `aws ec2 describe-instance-type-offerings --location-type availability-zone` output
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html):
 * a placement checked against an old record may be refused, or accepted, wrongly. A zone whose
 * offerings the estate states (`offerings:`) is the estate's word, and not warned about.
 */
import { catalogSources, getLocalZoneOffering } from '../catalog/index.js';
import type { Diagnostic } from '../errors.js';
import type { Estate } from './estate.js';
import type { DataPath } from './source.js';

/** How old a record may be before it is stale: a year. */
const STALE_AFTER_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * The date offerings are judged against by default: when the catalog's Local Zones were taken.
 * @example catalogAsOf() // '2026-12-05'
 */
export function catalogAsOf(): string {
  return catalogSources().find((s) => s.data === 'local-zones')?.asOf ?? '1970-01-01';
}

/** Where the estate runs instances in a Local Zone, first mention of each zone first. */
function localZoneMentions(estate: Estate): Map<string, DataPath> {
  const mentions = new Map<string, DataPath>();
  for (const service of estate.services)
    for (const p of service.placements)
      if (p.place.kind === 'local-zone' && !mentions.has(p.place.id)) mentions.set(p.place.id, p.path);
  for (const subnet of estate.network?.subnets.values() ?? [])
    if (subnet.zoneKind === 'local-zone' && !mentions.has(subnet.zone))
      mentions.set(subnet.zone, ['network', 'subnets', subnet.id, 'zone']);
  return mentions;
}

/**
 * A located warning for each Local Zone the estate runs instances in whose catalog offerings are
 * more than a year older than `asOf` (YYYY-MM-DD; default: the catalog's), or unknown.
 * @example staleOfferings(loadEstate('examples/ticketmaster-phoenix/event-page-local-zone.yaml'))[0]?.code
 * // 'FP_STALE_OFFERINGS'
 */
export function staleOfferings(estate: Estate, asOf: string = catalogAsOf()): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  for (const [zone, path] of localZoneMentions(estate)) {
    if (estate.offerings.has(zone)) continue;
    const record = getLocalZoneOffering(zone);
    const ageDays = record ? (Date.parse(asOf) - Date.parse(record.asOf)) / DAY_MS : Number.POSITIVE_INFINITY;
    if (ageDays <= STALE_AFTER_DAYS) continue;
    const message = record
      ? `the catalog's record of what ${zone} offers is of ${record.asOf}, more than a year before ${asOf}: its instance families (${record.instanceFamilies.join(', ')}) may have changed`
      : `the catalog has no record of what ${zone} offers: its instance families are not checked`;
    const suggestion = `state them under 'offerings: ${zone}' (from aws ec2 describe-instance-type-offerings --location-type availability-zone --filters Name=location,Values=${zone}), or refresh the catalog (npm run refresh:catalog, docs/catalog.md)`;
    const d = { code: 'FP_STALE_OFFERINGS' as const, message, suggestion };
    warnings.push(estate.source?.diagnostic(path, d.code, d.message, { suggestion }) ?? d);
  }
  return warnings;
}
