/**
 * The shipped model against well-known public RTT figures (round trips between the cities'
 * internet exchanges, as carriers and measurement sites publish them). The model is fitted to
 * other data; these check it lands where the world is. Tolerance: 20 % around the stated range,
 * the model's own 90th-percentile error on hosts it has never seen being about 35 %.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LATENCY_PARAMETERS } from '../catalog/index.js';
import { EMPTY_ESTATE } from '../model/index.js';
import { physicalLatency } from './index.js';

const CITY = {
  london: '51.51,-0.13',
  'new-york': '40.71,-74.01',
  frankfurt: '50.11,8.68',
  singapore: '1.29,103.85',
  'los-angeles': '34.05,-118.24',
  tokyo: '35.68,139.69',
  sydney: '-33.87,151.21',
  miami: '25.76,-80.19',
  'sao-paulo': '-23.55,-46.63',
  chicago: '41.88,-87.63',
} as const;

/** Facts: typical RTT between two cities' exchanges, in ms. */
const FACTS: readonly [keyof typeof CITY, keyof typeof CITY, number, number][] = [
  ['london', 'new-york', 70, 76],
  ['frankfurt', 'singapore', 150, 160],
  ['new-york', 'los-angeles', 60, 70],
  ['los-angeles', 'tokyo', 100, 115],
  ['sydney', 'los-angeles', 140, 160],
  ['miami', 'sao-paulo', 105, 120],
  ['chicago', 'new-york', 17, 21],
  ['london', 'frankfurt', 10, 16],
];

describe('the shipped model against well-known RTT figures', () => {
  for (const [a, b, low, high] of FACTS) {
    it(`${a} - ${b}: ${low}-${high} ms`, () => {
      const { rttMs } = physicalLatency(EMPTY_ESTATE, CITY[a], CITY[b]);
      expect(rttMs).toBeGreaterThan(low * 0.8);
      expect(rttMs).toBeLessThan(high * 1.2);
    });
  }

  it('routes where the cables go: Frankfurt - Singapore through Suez, Sydney - Los Angeles across the Pacific', () => {
    const suez = physicalLatency(EMPTY_ESTATE, CITY.frankfurt, CITY.singapore).path.flatMap(
      (s) => s.segment?.hubs ?? [],
    );
    expect(suez).toContain('suez');
    const pacific = physicalLatency(EMPTY_ESTATE, 'ap-southeast-2', 'us-west-1').path.flatMap(
      (s) => s.segment?.hubs ?? [],
    );
    expect(pacific.some((h) => ['honolulu', 'sydney'].includes(h))).toBe(true);
    expect(pacific).not.toContain('singapore');
  });

  it('sends AWS traffic from Sao Paulo to Europe through the United States, as AWS does', () => {
    const hubs = physicalLatency(EMPTY_ESTATE, 'sa-east-1', 'eu-west-1').path.flatMap(
      (s) => s.segment?.hubs ?? [],
    );
    expect(hubs.some((h) => ['ashburn', 'new-york', 'miami', 'virginia-beach'].includes(h))).toBe(true);
    expect(hubs).not.toContain('sines');
  });

  it('ships its cross-validated accuracy with its parameters, within the aims', () => {
    const { backbone, internet } = DEFAULT_LATENCY_PARAMETERS.accuracy ?? {};
    expect(backbone?.medianError).toBeLessThan(0.08);
    expect(backbone?.p90Error).toBeLessThan(0.2);
    expect(internet?.medianError).toBeLessThan(0.15);
    expect(internet?.p90Error).toBeLessThan(0.35);
  });
});
