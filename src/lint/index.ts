/**
 * `lint`: the seeds' do's and don'ts, and network hygiene, as rules. Every finding names its rule,
 * the elements involved, what it costs and the fix; an estate that does not load yields its
 * errors as findings too, so that code hosts can annotate them (SARIF).
 */
import { type Diagnostic, type ErrorCode, FootprintError } from '../errors.js';
import { type Estate, loadEstate } from '../model/index.js';
import { LintContext } from './context.js';
import {
  aliasTtlIgnored,
  failoverPrimaryUnchecked,
  healthCheckedTtl,
  noFailoverForMethod,
} from './rules-front-doors.js';
import { lzDxHairpin, lzParentFirewall, lzSharedVpc } from './rules-local-zones.js';
import {
  blackholeRoute,
  dxGatewayVpcToVpc,
  overlappingCidrs,
  singleDxCircuit,
  tgwAttachmentZone,
} from './rules-network.js';
import { asymmetricPath, routingLoop } from './rules-paths.js';
import { singleFaultDomain } from './rules-services.js';
import type { LintFinding, LintRule, Severity } from './types.js';

export { LintContext } from './context.js';
export { SARIF_SCHEMA, toSarif } from './sarif.js';
export type { LintFinding, LintRule, Severity } from './types.js';

/** Rules that report an estate which does not load: its errors, by kind. */
export const INVALID_RULES: readonly LintRule[] = [
  invalidRule('hygiene/unknown-reference', 'Reference to an element or place that does not exist'),
  invalidRule('hygiene/unattached-gateway', 'Route to a gateway that is not attached to the VPC'),
  invalidRule('hygiene/bad-cidr', 'CIDR block that does not parse or lies outside its VPC'),
  invalidRule('hygiene/overlapping-subnets', 'Overlapping subnets in a VPC'),
  invalidRule(
    'placement/not-offered',
    'Service placed where its instance family, GPU or service is not offered',
  ),
  invalidRule('placement/residency', 'Service placed outside the countries its data may live in'),
  invalidRule('placement/capacity', 'Services placed at a site beyond its capacity'),
  invalidRule('estate/invalid', 'Estate file that does not validate'),
];

function invalidRule(id: string, title: string): LintRule {
  return {
    id,
    title,
    severity: 'error',
    description: `${title}: the estate does not load until it is fixed.`,
    check: () => [],
  };
}

/** Every rule, in the order findings are reported. */
export const RULES: readonly LintRule[] = [
  lzDxHairpin,
  lzSharedVpc,
  lzParentFirewall,
  dxGatewayVpcToVpc,
  tgwAttachmentZone,
  singleDxCircuit,
  singleFaultDomain,
  routingLoop,
  blackholeRoute,
  overlappingCidrs,
  asymmetricPath,
  healthCheckedTtl,
  failoverPrimaryUnchecked,
  aliasTtlIgnored,
  noFailoverForMethod,
  ...INVALID_RULES,
];

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/** What `lint` found in an estate, worst first, with counts by severity. */
export interface LintResult {
  readonly estate: string;
  readonly files: readonly string[];
  /** False when the estate did not load: the findings are its errors. */
  readonly loaded: boolean;
  readonly findings: readonly LintFinding[];
  readonly summary: { readonly errors: number; readonly warnings: number; readonly notes: number };
}

/**
 * Runs every rule on a loaded estate.
 * @example
 * const { findings } = lintEstate(loadEstate('examples/ticketmaster-phoenix/network-dont.yaml'));
 * findings.map((f) => f.rule) // ['lz/dx-hairpin', 'lz/dx-hairpin', 'lz/shared-vpc', …]
 */
export function lintEstate(estate: Estate, rules: readonly LintRule[] = RULES): LintResult {
  const context = new LintContext(estate);
  const findings = rules.flatMap((rule) => rule.check(context));
  return result(estate.name, estate.files, true, findings);
}

function result(
  name: string,
  files: readonly string[],
  loaded: boolean,
  findings: LintFinding[],
): LintResult {
  const sorted = [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      RULES.findIndex((r) => r.id === a.rule) - RULES.findIndex((r) => r.id === b.rule) ||
      (b.costMs ?? 0) - (a.costMs ?? 0) ||
      a.message.localeCompare(b.message),
  );
  return {
    estate: name,
    files,
    loaded,
    findings: sorted,
    summary: {
      errors: sorted.filter((f) => f.severity === 'error').length,
      warnings: sorted.filter((f) => f.severity === 'warning').length,
      notes: sorted.filter((f) => f.severity === 'note').length,
    },
  };
}

const RULE_OF_CODE: Partial<Record<ErrorCode, string>> = {
  FP_UNKNOWN_ELEMENT: 'hygiene/unknown-reference',
  FP_UNKNOWN_PLACE: 'hygiene/unknown-reference',
  FP_UNATTACHED: 'hygiene/unattached-gateway',
  FP_BAD_CIDR: 'hygiene/bad-cidr',
  FP_OVERLAP: 'hygiene/overlapping-subnets',
  FP_NOT_OFFERED: 'placement/not-offered',
  FP_RESIDENCY: 'placement/residency',
  FP_CAPACITY: 'placement/capacity',
};

/** An error of an estate that does not load, as a finding. */
export function diagnosticFinding(d: Diagnostic): LintFinding {
  return {
    rule: RULE_OF_CODE[d.code] ?? 'estate/invalid',
    severity: 'error',
    message: d.message,
    elements: [],
    fix: d.suggestion ?? (d.expected ? `expected ${d.expected}` : 'fix the estate file'),
    ...(d.location ? { location: d.location } : {}),
  };
}

/**
 * Loads and lints an estate file. A file that does not load is not thrown: its errors come back as
 * findings (`loaded: false`). A file that cannot be read at all still throws.
 * @example
 * const result = lintFile('examples/ticketmaster-phoenix/network-dont.yaml');
 * result.summary // { errors: 0, warnings: 4, notes: 1 }
 */
export function lintFile(file: string, rules: readonly LintRule[] = RULES): LintResult {
  let estate: Estate;
  try {
    estate = loadEstate(file);
  } catch (error) {
    if (!(error instanceof FootprintError) || error.code === 'FP_FILE_NOT_FOUND') throw error;
    return result(file, [file], false, error.diagnostics.map(diagnosticFinding));
  }
  return lintEstate(estate, rules);
}
