/**
 * The engine against queueing theory: M/M/c against Erlang C at utilisations 0.5, 0.8 and 0.95,
 * M/G/1 against Pollaczek-Khinchine (lognormal and constant service), over runs long enough that a
 * 2 % error is a real one: over six seeds, runs of these lengths land within about 1.5 % of theory
 * (and 5 million customers within 1 %), so a systematic error of 2 % would not pass.
 */
import { describe, expect, it } from 'vitest';
import { DIST_CONSTANT, DIST_EXPONENTIAL, DIST_LOGNORMAL, type SimComputeTime } from './model.js';
import { erlangC, lognormalMoments, mg1MeanWait, mmcMeanWait } from './queueing.js';
import { simulateModel } from './simulate.js';
import { chainModel } from './synthetic.js';

/** Mean wait in queue of a single-pool run. */
function measuredWait(
  arrivalRate: number,
  servers: number,
  compute: SimComputeTime,
  customers: number,
  seed = 1,
) {
  const durationS = customers / arrivalRate;
  const run = simulateModel(chainModel({ arrivalRate, servers, compute, durationS, seed }));
  const pool = run.summary.pools[0];
  if (!pool) throw new Error('no pool');
  return { meanWaitS: pool.meanWaitMs / 1000, run };
}

describe('theory itself', () => {
  it('Erlang C and P-K give the textbook values', () => {
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 12);
    expect(mmcMeanWait(0.8, 1, 1)).toBeCloseTo(4, 12); // M/M/1: rho / (mu - lambda)
    expect(erlangC(2, 1.6)).toBeCloseTo(0.7111111, 6);
    expect(mg1MeanWait(0.5, 1, 1)).toBeCloseTo(0.5, 12); // M/D/1
    expect(mg1MeanWait(0.5, 1, 2)).toBeCloseTo(1, 12); // M/M/1 as M/G/1: E[S^2] = 2
  });
});

describe('M/M/c against Erlang C (c = 4)', () => {
  for (const [rho, customers] of [
    [0.5, 1_500_000],
    [0.8, 2_000_000],
    [0.95, 4_000_000],
  ] as const) {
    it(`mean wait within 2 % at utilisation ${rho}`, () => {
      const lambda = rho * 4;
      const theory = mmcMeanWait(lambda, 1, 4);
      const { meanWaitS, run } = measuredWait(lambda, 4, { dist: DIST_EXPONENTIAL, a: 1, b: 0 }, customers);
      expect(Math.abs(meanWaitS - theory) / theory).toBeLessThan(0.02);
      expect(run.summary.pools[0]?.meanUtilisation).toBeCloseTo(rho, 2);
      const { l, lambdaW } = run.summary.littlesLaw;
      expect(Math.abs(l - lambdaW) / lambdaW).toBeLessThan(1e-9);
    });
  }
});

describe('M/G/1 against Pollaczek-Khinchine', () => {
  it('lognormal service (median 1, sigma 0.8) at utilisation 0.7', () => {
    const { mean, secondMoment } = lognormalMoments(1, 0.8);
    const lambda = 0.7 / mean;
    const theory = mg1MeanWait(lambda, mean, secondMoment);
    const { meanWaitS } = measuredWait(lambda, 1, { dist: DIST_LOGNORMAL, a: 1, b: 0.8 }, 2_000_000);
    expect(Math.abs(meanWaitS - theory) / theory).toBeLessThan(0.02);
  });

  it('constant service (M/D/1) at utilisation 0.8', () => {
    const theory = mg1MeanWait(0.8, 1, 1);
    const { meanWaitS } = measuredWait(0.8, 1, { dist: DIST_CONSTANT, a: 1, b: 0 }, 1_000_000);
    expect(Math.abs(meanWaitS - theory) / theory).toBeLessThan(0.02);
  });
});
