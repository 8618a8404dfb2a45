/**
 * The estate report as text for a terminal: one section per part of the report's data, each left
 * out when it has nothing to show.
 */
import { candidatesSection } from './candidates-text.js';
import { decisionsSection } from './decisions-text.js';
import type { EstateReport } from './estate.js';
import { km, ms, textTable } from './format.js';
import { renderRequests } from './requests.js';

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
  if (report.decisions) out.push(...decisionsSection(report.decisions));
  if (report.expectations.length > 0) out.push(...expectationsSection(report));
  if (report.links.length > 0) out.push(...linksSection(report));
  if (report.matrix.places.length > 1) out.push(...matrixSection(report));
  if (report.users.length > 0) out.push(...usersSection(report));
  out.push(...candidatesSection(report.candidates));
  if (report.requests.length > 0) out.push(...requestsSection(report));
  if (report.findings.length > 0) out.push(...findingsSection(report));
  return `${out.join('\n')}\n`;
}

/** How many expected figures hold, each with its path. */
function expectationsSection(report: EstateReport): string[] {
  const out: string[] = [];
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
  return out;
}

function linksSection(report: EstateReport): string[] {
  return [
    '',
    'Links',
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
  ];
}

/** The RTT matrix, its columns headed by short labels (explained below it). */
function matrixSection(report: EstateReport): string[] {
  const out = ['', 'RTT between the estate places (ms)'];
  const ids = report.matrix.places;
  out.push(
    textTable(
      ids.map((id, i) => ({ id, i })),
      [
        { header: '', value: (row) => row.id },
        ...ids.map((column, j) => ({
          header: shortLabel(column),
          value: (row: { i: number }) => ms(report.matrix.rttMs[row.i]?.[j]),
          align: 'right' as const,
        })),
      ],
      '  ',
    ),
  );
  const abbreviated = ids.filter((id) => shortLabel(id) !== id);
  if (abbreviated.length > 0)
    out.push(`  (${abbreviated.map((id) => `${shortLabel(id)} = ${id}`).join(', ')})`);
  return out;
}

function usersSection(report: EstateReport): string[] {
  return [
    '',
    "Users: best RTT to the estate's internet-facing places",
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
  ];
}

function requestsSection(report: EstateReport): string[] {
  const { seed, samples, rtt } = report.requestSampling;
  return [
    '',
    `Requests: end-to-end latency per metro of users (seed ${seed}, ${samples.toLocaleString('en-US')} draws; \`footprint evaluate\` for every metro's critical path)`,
    renderRequests({ seed, samples, rtt, requests: report.requests }, { paths: 'top' }).trimEnd(),
  ];
}

function findingsSection(report: EstateReport): string[] {
  return [
    '',
    `Findings: ${report.findings.length} (\`footprint lint\` for the fixes, SARIF and --strict)`,
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
  ];
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
