/**
 * Text renderings of physical latency results.
 */
import type { LatencyMatrix, PhysicalLatency } from '../latency/index.js';
import { km, ms, textTable } from './format.js';

/** Below this distance the fiber floor is a rounding error next to per-hop costs. */
const LOCAL_KM = 50;

/**
 * The answer to "how far apart, and why": the RTT, the distance, the floor, and each step of the path.
 * @example renderPhysicalLatency(physicalLatency(estate, 'phx-dc', 'us-west-2')) // 'phx-dc -> us-west-2: 32.0 ms RTT\n…'
 */
export function renderPhysicalLatency(result: PhysicalLatency): string {
  const head = `${result.from} -> ${result.to}: ${ms(result.rttMs)} ms RTT`;
  const detail =
    result.distanceKm >= LOCAL_KM
      ? `  ${km(result.distanceKm)} km apart; straight fiber would take ${ms(result.fiberFloorRttMs)} ms, this path is ${(result.stretch ?? 1).toFixed(2)}x that`
      : `  ${km(result.distanceKm)} km apart: at this range the RTT is the cost of each hop, not distance`;
  const table = textTable(
    result.path,
    [
      { header: 'place', value: (s) => s.place },
      { header: 'kind', value: (s) => s.kind },
      {
        header: 'via',
        value: (s) =>
          s.segment
            ? `${s.segment.linkClass}${s.segment.link ? ` (${s.segment.link})` : ''}${s.segment.measured ? ' measured' : ''}`
            : '',
      },
      { header: 'km', value: (s) => (s.segment ? km(s.segment.distanceKm) : ''), align: 'right' },
      { header: 'step ms', value: (s) => (s.segment ? ms(s.segment.rttMs) : ''), align: 'right' },
      { header: 'total ms', value: (s) => ms(s.rttMs), align: 'right' },
      { header: 'name', value: (s) => s.name },
    ],
    '  ',
  );
  const routes = result.path
    .filter((s) => (s.segment?.hubs?.length ?? 0) > 0)
    .map((s) => {
      const from = result.path[result.path.indexOf(s) - 1]?.place ?? '';
      return `  ${from} -> ${s.place} (${s.segment?.linkClass}): via ${s.segment?.hubs?.join(' > ')}`;
    });
  const via = routes.length > 0 ? `\n${routes.join('\n')}\n` : '';
  return `${head}\n${detail}\n\n${table}\n${via}`;
}

/**
 * A square matrix with row and column labels.
 * @example console.log(renderMatrix(latencyMatrix(estate, ['phx-dc', 'us-west-2'])));
 */
export function renderMatrix(matrix: LatencyMatrix): string {
  const labels = matrix.places.map((p) => p.id);
  const rows = labels.map((_, i) => i);
  return `${textTable(rows, [
    { header: 'RTT ms', value: (i) => labels[i] as string },
    ...labels.map((label, j) => ({
      header: label,
      value: (i: number) => ms(matrix.at(i, j)),
      align: 'right' as const,
    })),
  ])}\n`;
}

/**
 * The matrix as CSV: a header row of ids, then one row per place. Empty cells where there is no path.
 * @example matrixCsv(latencyMatrix(estate, ['phx-dc', 'us-west-2'])) // 'place,phx-dc,us-west-2\nphx-dc,0.000,32.004\n…'
 */
export function matrixCsv(matrix: LatencyMatrix): string {
  const labels = matrix.places.map((p) => p.id);
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['place', ...labels].map(quote).join(',')];
  labels.forEach((label, i) => {
    const cells = labels.map((_, j) => {
      const v = matrix.at(i, j);
      return Number.isFinite(v) ? v.toFixed(3) : '';
    });
    lines.push([quote(label), ...cells].join(','));
  });
  return `${lines.join('\n')}\n`;
}
