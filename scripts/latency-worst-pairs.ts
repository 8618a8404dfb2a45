/**
 * The worst out-of-sample predictions of the AWS inter-region dataset, each with the route the
 * model takes (the hubs it passes), for the fit's report and the README's accuracy section.
 */
import type { LatencyParameters } from '../src/catalog/index.js';
import { physicalLatency } from '../src/latency/index.js';
import { EMPTY_ESTATE } from '../src/model/index.js';
import type { Dataset } from './latency-datasets.js';

/**
 * The `count` region pairs with the largest relative error (each pair once: the two directions are
 * averaged), as report lines: the pair, measured and predicted RTT, the error, and the route.
 */
export function worstPairs(
  dataset: Dataset,
  predictions: Float64Array,
  parameters: LatencyParameters,
  count = 10,
): string[] {
  const { locations, observations } = dataset.problem;
  const pairs = new Map<
    string,
    { from: number; to: number; measured: number; predicted: number; n: number }
  >();
  observations.forEach((o, k) => {
    const predicted = predictions[k] as number;
    if (o.from === o.to || !Number.isFinite(predicted)) return;
    const [from, to] = o.from < o.to ? [o.from, o.to] : [o.to, o.from];
    const key = `${from}:${to}`;
    const pair = pairs.get(key) ?? { from, to, measured: 0, predicted: 0, n: 0 };
    pair.measured += o.rttMs;
    pair.predicted += predicted;
    pair.n++;
    pairs.set(key, pair);
  });
  const ranked = [...pairs.values()]
    .map((p) => ({ ...p, error: (p.predicted - p.measured) / p.measured }))
    .sort((a, b) => Math.abs(b.error) - Math.abs(a.error) || a.from - b.from || a.to - b.to)
    .slice(0, count);
  return ranked.map((p) => {
    const from = locations[p.from]?.id as string;
    const to = locations[p.to]?.id as string;
    const route = physicalLatency(EMPTY_ESTATE, from, to, { parameters })
      .path.flatMap((step) => step.segment?.hubs ?? [])
      .join(' > ');
    const sign = p.error > 0 ? '+' : '';
    return `${`${from} - ${to}`.padEnd(32)} measured ${(p.measured / p.n).toFixed(1).padStart(6)} ms, model ${(p.predicted / p.n).toFixed(1).padStart(6)} ms (${sign}${(p.error * 100).toFixed(1)} %) via ${route}`;
  });
}
