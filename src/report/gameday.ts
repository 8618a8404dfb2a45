/**
 * What `footprint gameday` shows: per game day its timeline (each fault, when it was detected and
 * recovered from, per design) and per design each assertion, held or broken, with what it measured;
 * as text, as data for `--json` (without the runs' time series), and as JUnit XML.
 */
import type { AssertionResult, GamedayResult, Measure } from '../gameday/index.js';
import { formatDuration } from '../model/index.js';
import type { FaultSummary } from '../sim/index.js';
import { counted } from './format.js';
import { type JunitSuite, renderJunit } from './junit.js';

export interface GamedayDesignReport {
  readonly id: string;
  readonly name: string;
  readonly notes: readonly string[];
  readonly faults: readonly FaultSummary[];
  readonly requests: { readonly generated: number; readonly succeeded: number };
  readonly assertions: readonly AssertionResult[];
  readonly broken: number;
}

export interface GamedayReport {
  readonly gameday: string;
  readonly file: string;
  readonly seed: number;
  readonly durationS: number;
  readonly designs: readonly GamedayDesignReport[];
  readonly holds: boolean;
  readonly broken: number;
}

/**
 * A game day's result as plain data, without the runs' series.
 * @example gamedayReport(runGameday(loadGameday('test/fixtures/gameday/parent-az.yaml'))).designs.map((d) => d.broken)
 */
export function gamedayReport(result: GamedayResult): GamedayReport {
  return {
    gameday: result.gameday,
    file: result.file,
    seed: result.seed,
    durationS: result.durationS,
    designs: result.designs.map((d) => ({
      id: d.id,
      name: d.name,
      notes: d.notes,
      faults: d.run.summary.faults ?? [],
      requests: { generated: d.run.summary.requests.generated, succeeded: d.run.summary.requests.succeeded },
      assertions: d.assertions,
      broken: d.assertions.filter((a) => !a.holds).length,
    })),
    holds: result.holds,
    broken: result.broken,
  };
}

const time = (s: number | null) => (s === null ? 'never' : formatDuration(Math.round(s)));

function measureText(m: Measure): string {
  if (m.value === null) return `${m.what}: none (bound ${m.bound})`;
  const value =
    m.unit === '%'
      ? `${(Math.floor(m.value * 1000) / 1000).toString()} %`
      : m.unit === 'ms'
        ? `${(Math.round(m.value * 10) / 10).toString()} ms`
        : m.unit === 's'
          ? formatDuration(Math.round(m.value))
          : String(m.value);
  return `${m.what}: ${value} (bound ${m.bound})`;
}

function faultLine(f: FaultSummary, i: number): string {
  const window = `${time(f.startS)} to ${f.endS === null ? 'the end' : time(f.endS)}`;
  return `  ${i + 1}. ${f.fault}, ${window}: detected ${time(f.detectedS)}, recovered ${time(f.recoveredS)}`;
}

/**
 * One game day as text.
 * @example console.log(renderGameday(gamedayReport(runGameday(loadGameday('test/fixtures/gameday/parent-az.yaml')))));
 */
export function renderGameday(report: GamedayReport): string {
  const lines = [
    `game day '${report.gameday}' (${report.file}, seed ${report.seed}, ${formatDuration(report.durationS)})`,
  ];
  for (const d of report.designs) {
    const held = d.assertions.length - d.broken;
    lines.push('', `design ${d.id}: ${d.name}`, ` assertions holding: ${held} of ${d.assertions.length}`);
    if (d.faults.length) lines.push(' timeline:', ...d.faults.map(faultLine));
    for (const a of d.assertions) {
      lines.push(` ${a.holds ? 'holds ' : 'BROKEN'}  ${a.name}`);
      for (const m of a.measures) lines.push(`           ${measureText(m)}`);
    }
    for (const note of d.notes) lines.push(` note: ${note}`);
  }
  lines.push(
    '',
    report.holds
      ? `every assertion holds (${counted(report.designs.length, 'design')})`
      : `${counted(report.broken, 'assertion')} broken: exit 1`,
  );
  return `${lines.join('\n')}\n`;
}

/** Several game days as text, and a line that sums them up. */
export function renderGamedays(reports: readonly GamedayReport[]): string {
  const broken = reports.filter((r) => !r.holds);
  return `${[
    ...reports.map((r) => renderGameday(r).trimEnd()),
    `${counted(reports.length, 'game day')}: ${reports.length - broken.length} hold${broken.length ? `; broken: ${broken.map((r) => r.gameday).join(', ')}` : ''}`,
  ].join('\n\n')}\n`;
}

/**
 * Game days as JUnit XML: a suite per game day and design, a case per assertion.
 * @example writeFileSync('gameday.xml', gamedayJunit([gamedayReport(runGameday(loadGameday('test/fixtures/gameday/parent-az.yaml')))]));
 */
export function gamedayJunit(reports: readonly GamedayReport[]): string {
  const suites: JunitSuite[] = reports.flatMap((r) =>
    r.designs.map((d) => ({
      name: `${r.gameday} · ${d.id}`,
      cases: d.assertions.map((a) => {
        const detail = a.measures.map(measureText).join('; ');
        return {
          name: a.name,
          classname: `gameday.${r.gameday.replace(/\s+/g, '-')}.${d.id}`,
          output: `${a.window}: ${detail}`,
          ...(a.holds
            ? {}
            : { failure: { message: detail, type: 'assertion', details: `${a.window}: ${detail}` } }),
        };
      }),
    })),
  );
  const name = reports.length === 1 ? `footprint gameday ${reports[0]?.gameday}` : 'footprint gameday';
  return renderJunit(suites, { name });
}
