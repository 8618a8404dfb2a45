/**
 * The text of `footprint deps`: the bring-up waves, the start-up cycles with the edges to break
 * (or the members to make statically stable instead), and the services a cold start never reaches.
 */
import type { StartupCycleGroup, StartupEdge, StartupReport } from '../app/index.js';
import { counted } from './format.js';

const edge = (e: StartupEdge) => `${e.from} -> ${e.to}`;
const list = (ids: readonly string[]) => ids.join(', ');

function renderGroup(group: StartupCycleGroup, index: number): string[] {
  const lines = [
    `  cycle group ${index + 1}: ${list(group.members)}${group.deadlock ? ' - DEADLOCK at a cold start' : ''}`,
  ];
  for (const cycle of group.cycles) {
    const broken = cycle.brokenBy.length ? `   (broken: ${list(cycle.brokenBy)} starts without it)` : '';
    lines.push(`    ${cycle.path.join(' -> ')}${broken}`);
  }
  if (group.cyclesTruncated) lines.push('    ... more cycles not listed');
  if (!group.deadlock) return lines;
  const fewest = group.exact
    ? `the fewest start-up edges to break (${group.breakEdges.length})`
    : `start-up edges to break: at least ${group.atLeast}; these ${group.breakEdges.length} do it (greedy, exact search stops at 20 edges)`;
  lines.push(`    ${fewest}: ${group.breakEdges.map(edge).join('; ')}`);
  lines.push(
    `    or make ${group.makeStaticallyStable.length === 1 ? 'this member' : 'these members'} statically stable (or bootstrap): ${list(group.makeStaticallyStable)}`,
  );
  return lines;
}

/**
 * A start-up report as `footprint deps` prints it: waves, cycles, what to break, what never starts.
 * @example console.log(renderDeps(startupReport(loadEstate('examples/ticketmaster-phoenix/startup-cycle.yaml'))));
 */
export function renderDeps(report: StartupReport): string {
  const lines = [
    `estate '${report.estate}': ${counted(report.services, 'service')}, ${counted(report.edges.length, 'start-up dependency', 'start-up dependencies')}`,
  ];
  if (report.startAlone.length > 0)
    lines.push(
      `starts without its start-up dependencies: ${report.startAlone.map((s) => `${s.service} (${s.why === 'bootstrap' ? 'bootstrap' : 'statically stable'})`).join(', ')}`,
    );
  lines.push('', 'bring-up waves (each starts once the earlier waves answer):');
  report.waves.forEach((wave, i) => {
    lines.push(`  wave ${i}: ${list(wave)}`);
  });
  lines.push('', report.groups.length ? 'start-up cycles:' : 'start-up cycles: none');
  report.groups.forEach((group, i) => {
    lines.push(...renderGroup(group, i));
  });
  if (report.neverStarts.length > 0) {
    lines.push('', 'never start (a cold-start deadlock):');
    for (const n of report.neverStarts)
      lines.push(
        `  ${n.service}: ${n.inCycle ? 'in a start-up cycle' : 'waits on'}${n.inCycle ? '' : ` ${list(n.waitsOn)}`}`,
      );
  }
  lines.push(
    '',
    report.ok
      ? `ok: a cold start brings up every service in ${counted(report.waves.length, 'wave')}`
      : `FAIL: ${counted(report.neverStarts.length, 'service')} never start after a cold start`,
  );
  return `${lines.join('\n')}\n`;
}
