/**
 * The estate report: Footprint's main job. What the estate is, how far apart its places are, how
 * its users reach it, and whether the figures it expects hold. Built as plain data (for `--json`
 * and the HTML page), then rendered as text.
 */
import {
  type EvaluateOptions,
  evaluateRequests,
  type RequestEvaluation,
  type RequestLatency,
} from '../app/index.js';
import type { Place } from '../catalog/index.js';
import { estateLinkRttMs, type LatencyOptions, latencyMatrix, physicalLatency } from '../latency/index.js';
import { type LintFinding, lintEstate } from '../lint/index.js';
import { type Estate, resolvePlace } from '../model/index.js';
import {
  checkAllExpectations,
  locatePath,
  locateTrace,
  type ReportExpectation,
  type ReportTrace,
  reportTrace,
  summarisePath,
  summariseTrace,
} from './expectations.js';
import { km, ms, textTable } from './format.js';
import type { PlacementReport } from './placement.js';
import { renderRequests } from './requests.js';

export type {
  CheckedExpectation,
  ReportExpectation,
  ReportPathStep,
  ReportTrace,
  ReportTraceHop,
} from './expectations.js';
export { checkAllExpectations, summarisePath, summariseTrace } from './expectations.js';

export interface ReportPlace {
  readonly id: string;
  readonly kind: Place['kind'];
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  /** A site's own kind: `datacenter`, `colo`, `office` or `edge`. */
  readonly siteKind?: string;
  /** The region an AZ or Local Zone belongs to, or a DX location is associated with. */
  readonly region?: string;
}

export interface ReportLink {
  readonly id: string;
  readonly kind: string;
  readonly between: readonly [string, string];
  readonly distanceKm: number;
  readonly rttMs: number;
  readonly measured: boolean;
}

export interface ReportUsers {
  readonly metro: string;
  readonly name: string;
  readonly share: number;
  readonly lat: number;
  readonly lon: number;
  /** RTT from these users to each of the estate's internet-facing places, best first. */
  readonly reach: readonly { readonly place: string; readonly rttMs: number }[];
}

/** The estate report: what `footprint report` prints and the HTML page shows (`--json` gives this). */
export interface EstateReport {
  readonly estate: {
    readonly name: string;
    readonly description?: string;
    readonly files: readonly string[];
  };
  readonly places: readonly ReportPlace[];
  readonly links: readonly ReportLink[];
  readonly expectations: readonly ReportExpectation[];
  /** RTT between every pair of the estate's places. */
  readonly matrix: { readonly places: readonly string[]; readonly rttMs: readonly (readonly number[])[] };
  readonly users: readonly ReportUsers[];
  /** Routed traces of the estate's routed expectations, laid on the map. */
  readonly traces: readonly ReportTrace[];
  /** End-to-end latency of each request per metro, with its critical path. */
  readonly requests: readonly RequestLatency[];
  /** How the request latencies were drawn. */
  readonly requestSampling: {
    readonly seed: number;
    readonly samples: number;
    readonly rtt: RequestEvaluation['rtt'];
  };
  /** Lint findings: the seeds' do's and don'ts, costed (`footprint lint` for SARIF and --strict). */
  readonly findings: readonly LintFinding[];
  /** Where each service should run (`report --place` only: placement takes a while). */
  readonly placement?: PlacementReport;
}

/**
 * The places an estate is about: its sites, and every catalog place its links, expectations and
 * services name. Placeholder sites (position not known yet) and their links are left out.
 */
export function estatePlaces(estate: Estate): Place[] {
  const ids = new Set<string>();
  for (const site of estate.sites) ids.add(site.id);
  for (const link of positionedLinks(estate)) for (const end of link.between) ids.add(end);
  for (const e of estate.expectations) {
    if (e.routed) continue;
    ids.add(e.from);
    ids.add(e.to);
  }
  for (const service of estate.services) for (const p of service.placements) ids.add(p.place.id);
  return [...ids].map((id) => resolvePlace(id, estate));
}

/**
 * Builds the report data for an estate.
 * @example
 * const report = buildEstateReport(loadEstate('examples/ticketmaster-phoenix/estate.yaml'));
 * report.expectations.every((e) => e.ok) // true: the seed figures hold
 */
export function buildEstateReport(
  estate: Estate,
  options: LatencyOptions & EvaluateOptions = {},
): EstateReport {
  const places = estatePlaces(estate).filter((p) => p.kind !== 'host');
  const matrix = latencyMatrix(estate, places, options);
  const links: ReportLink[] = positionedLinks(estate).map((link) => {
    const result = physicalLatency(estate, link.between[0], link.between[1], options);
    const direct = result.path.length === 2 && result.path[1]?.segment?.link === link.id;
    return {
      id: link.id,
      kind: link.kind,
      between: link.between,
      distanceKm: result.distanceKm,
      // The link's own RTT; when a shorter way exists the report still states the link itself.
      rttMs: direct ? result.rttMs : linkOwnRtt(estate, link.id, options),
      measured: link.measuredRttMs !== undefined,
    };
  });
  const checked = checkAllExpectations(estate, options);
  const traces = checked.flatMap((c) => (c.trace ? [reportTrace(estate, c.trace)] : []));
  const expectations: ReportExpectation[] = checked.map(({ result, trace }) => {
    if (trace) return { ...result, via: summariseTrace(trace), path: locateTrace(estate, trace) };
    const path = physicalLatency(estate, result.from, result.to, options).path;
    return { ...result, via: summarisePath(path), path: locatePath(estate, path) };
  });
  const facing = places.filter(
    (p) =>
      p.kind === 'region' ||
      p.kind === 'local-zone' ||
      (p.kind === 'site' && (p as { internet?: boolean }).internet),
  );
  const users: ReportUsers[] = [];
  if (estate.users.length > 0 && facing.length > 0) {
    const userMatrix = latencyMatrix(
      estate,
      [...estate.users.map((u) => u.metro.id), ...facing.map((p) => p.id)],
      options,
    );
    estate.users.forEach((u, i) => {
      const reach = facing
        .map((p, j) => ({ place: p.id, rttMs: userMatrix.at(i, estate.users.length + j) }))
        .sort((a, b) => a.rttMs - b.rttMs || a.place.localeCompare(b.place));
      users.push({
        metro: u.metro.id,
        name: u.name,
        share: u.share,
        lat: u.metro.lat,
        lon: u.metro.lon,
        reach,
      });
    });
  }
  const evaluation = evaluateRequests(estate, options);
  return {
    estate: {
      name: estate.name,
      ...(estate.description !== undefined ? { description: estate.description } : {}),
      files: estate.files,
    },
    places: places.map(reportPlace),
    links,
    expectations,
    matrix: {
      places: places.map((p) => p.id),
      rttMs: places.map((_, i) => places.map((__, j) => matrix.at(i, j))),
    },
    users,
    traces,
    requests: evaluation.requests,
    requestSampling: { seed: evaluation.seed, samples: evaluation.samples, rtt: evaluation.rtt },
    findings: lintEstate(estate).findings,
  };
}

function positionedLinks(estate: Estate): Estate['links'] {
  const placeholders = new Set((estate.placeholderSites ?? []).map((s) => s.id));
  return estate.links.filter((l) => !l.between.some((end) => placeholders.has(end)));
}

function reportPlace(p: Place): ReportPlace {
  const siteKind = (p as { siteKind?: string }).siteKind;
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    lat: p.lat,
    lon: p.lon,
    ...(siteKind !== undefined ? { siteKind } : {}),
    ...(p.region !== undefined ? { region: p.region } : {}),
  };
}

function linkOwnRtt(estate: Estate, linkId: string, options: LatencyOptions): number {
  return estateLinkRttMs(estate, linkId, options);
}

/**
 * Renders the report as text for a terminal.
 * @example console.log(renderEstateReport(buildEstateReport(estate))); // what `npm start` prints
 */
export function renderEstateReport(report: EstateReport): string {
  const out: string[] = [];
  out.push(`Footprint estate report: ${report.estate.name}`);
  if (report.estate.description) out.push(report.estate.description.trim());
  out.push(`files: ${report.estate.files.join(' <- ') || '(in memory)'}`);
  out.push('All figures are round-trip times (RTT) in milliseconds over the physical network.');
  if (report.expectations.length > 0) {
    const failed = report.expectations.filter((e) => !e.ok).length;
    out.push(
      '',
      `Expected figures: ${report.expectations.length - failed} of ${report.expectations.length} hold`,
    );
    out.push(
      textTable(
        report.expectations,
        [
          { header: '', value: (e) => (e.ok ? 'ok' : 'FAIL') },
          { header: 'from', value: (e) => e.from },
          { header: 'to', value: (e) => e.to },
          { header: 'rtt ms', value: (e) => ms(e.rttMs), align: 'right' },
          { header: 'expected', value: (e) => range(e.minMs, e.maxMs) },
          { header: 'source', value: (e) => e.note ?? '' },
        ],
        '  ',
      ),
    );
    out.push('', '  paths:');
    for (const e of report.expectations) out.push(`    ${e.via}`);
  }
  if (report.links.length > 0) {
    out.push('', 'Links');
    out.push(
      textTable(
        report.links,
        [
          { header: 'id', value: (l) => l.id },
          { header: 'kind', value: (l) => l.kind },
          { header: 'between', value: (l) => `${l.between[0]} - ${l.between[1]}` },
          { header: 'km', value: (l) => km(l.distanceKm), align: 'right' },
          {
            header: 'rtt ms',
            value: (l) => `${ms(l.rttMs)}${l.measured ? ' (measured)' : ''}`,
            align: 'right',
          },
        ],
        '  ',
      ),
    );
  }
  if (report.matrix.places.length > 1) {
    out.push('', 'RTT between the estate places (ms)');
    const ids = report.matrix.places;
    out.push(
      textTable(
        ids.map((_, i) => i),
        [
          { header: '', value: (i) => ids[i] as string },
          ...ids.map((_, j) => ({
            header: shortLabel(ids[j] as string),
            value: (i: number) => ms(report.matrix.rttMs[i]?.[j]),
            align: 'right' as const,
          })),
        ],
        '  ',
      ),
    );
    const abbreviated = ids.filter((id) => shortLabel(id) !== id);
    if (abbreviated.length > 0)
      out.push(`  (${abbreviated.map((id) => `${shortLabel(id)} = ${id}`).join(', ')})`);
  }
  if (report.users.length > 0) {
    out.push('', "Users: best RTT to the estate's internet-facing places");
    out.push(
      textTable(
        report.users,
        [
          { header: 'users', value: (u) => u.metro },
          { header: 'share', value: (u) => `${Math.round(u.share * 100)}%`, align: 'right' },
          { header: 'nearest', value: (u) => u.reach[0]?.place ?? '-' },
          { header: 'rtt ms', value: (u) => ms(u.reach[0]?.rttMs), align: 'right' },
          {
            header: 'others',
            value: (u) =>
              u.reach
                .slice(1, 4)
                .map((r) => `${r.place} ${ms(r.rttMs)}`)
                .join(', '),
          },
        ],
        '  ',
      ),
    );
  }
  if (report.requests.length > 0) {
    const { seed, samples, rtt } = report.requestSampling;
    out.push(
      '',
      `Requests: end-to-end latency per metro of users (seed ${seed}, ${samples.toLocaleString('en-US')} draws; \`footprint evaluate\` for every metro's critical path)`,
    );
    out.push(renderRequests({ seed, samples, rtt, requests: report.requests }, { paths: 'top' }).trimEnd());
  }
  if (report.findings.length > 0) {
    out.push(
      '',
      `Findings: ${report.findings.length} (\`footprint lint\` for the fixes, SARIF and --strict)`,
    );
    out.push(
      textTable(
        report.findings,
        [
          { header: 'severity', value: (f) => f.severity },
          { header: 'rule', value: (f) => f.rule },
          {
            header: 'costs',
            value: (f) => (f.costMs !== undefined ? `${f.costMs.toFixed(1)} ms` : (f.risk ?? '')),
          },
          { header: 'finding', value: (f) => f.message },
        ],
        '  ',
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min}-${max}`;
  if (max !== undefined) return `<= ${max}`;
  return `>= ${min}`;
}

/** Column headers stay narrow: `us-west-2-phx-2a` -> `phx-2a`, `dx:ECPH1` stays. */
function shortLabel(id: string): string {
  const lz = /^[a-z]+-[a-z]+-\d-([a-z]{3}-\d[a-z])$/.exec(id);
  return lz ? (lz[1] as string) : id;
}
