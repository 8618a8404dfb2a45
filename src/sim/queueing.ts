/**
 * Queueing theory the simulator is checked against: Erlang C for M/M/c, Pollaczek-Khinchine for
 * M/G/1. Pure formulas, for tests and for the summary's "what theory says" line.
 */

/**
 * Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = λ/μ
 * (in Erlangs) and c servers; requires a < c.
 * @example erlangC(2, 0.8 * 2) // ≈ 0.711
 */
export function erlangC(servers: number, offeredLoad: number): number {
  if (!(offeredLoad < servers)) return 1;
  // Erlang B by its stable recursion, then C from B.
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  const rho = offeredLoad / servers;
  return b / (1 - rho + rho * b);
}

/**
 * Mean wait in queue of M/M/c: C(c, a) / (c μ - λ).
 * @example mmcMeanWait(0.8, 1, 1) // 4 (M/M/1 at ρ = 0.8)
 */
export function mmcMeanWait(arrivalRate: number, serviceRate: number, servers: number): number {
  const a = arrivalRate / serviceRate;
  return erlangC(servers, a) / (servers * serviceRate - arrivalRate);
}

/**
 * Mean wait in queue of M/G/1 (Pollaczek-Khinchine): λ E[S²] / (2 (1 - ρ)).
 * @example mg1MeanWait(0.5, 1, 1) // 0.5 (M/D/1 with S = 1 at ρ = 0.5)
 */
export function mg1MeanWait(arrivalRate: number, meanService: number, secondMomentService: number): number {
  const rho = arrivalRate * meanService;
  return (arrivalRate * secondMomentService) / (2 * (1 - rho));
}

/** Mean and second moment of a lognormal with the given median and sigma. */
export function lognormalMoments(median: number, sigma: number): { mean: number; secondMoment: number } {
  const mu = Math.log(median);
  return { mean: Math.exp(mu + (sigma * sigma) / 2), secondMoment: Math.exp(2 * mu + 2 * sigma * sigma) };
}
