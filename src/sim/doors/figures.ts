/**
 * What a fault cost the users who enter through front doors, per design: when the doors' health
 * views first noticed it, how long until half and 99 % of the affected users' new requests were
 * served elsewhere (per second), the sessions lost or moved, the writes lost with an asynchronous
 * store's writer, and the share served elsewhere over time for the page's chart.
 *
 * "Served elsewhere" at second s: 1 - (share of the doors' attempts that went to the fault's pools
 * the ten seconds up to s) / (that share over the five minutes before the fault): a window of ten
 * seconds so that a low rate's single attempts do not decide it. A time "until x" is the first
 * second from which every later second of the fault (with attempts) is at least x.
 */
import type { Engine } from '../engine.js';
import type { SimFault } from '../model.js';
import type { Doors } from './doors.js';

/** Seconds per point of the timeline. */
export const TIMELINE_STEP_S = 10;
/** The trailing window of the per-second share served elsewhere. */
const WINDOW_S = 10;

export interface FrontDoorFigures {
  /** When a front door's health view (Route 53, load balancer, accelerator) first saw a pool of it unhealthy. */
  readonly detectedS: number | null;
  /** When half, and 99 %, of the affected users' new requests were served elsewhere; null if never. */
  readonly servedElsewhere50S: number | null;
  readonly servedElsewhere99S: number | null;
  /** The share of the doors' attempts the fault's pools had before it (the affected users). */
  readonly affectedShare: number;
  /** Sessions whose state was in a lost pool's memory: their users start over. */
  readonly sessionsLost: number;
  /** Sessions moved off a lost pool with replicated state, and of them those whose last write was within the lag. */
  readonly sessionsMoved: number;
  readonly sessionWritesAtRisk: number;
  /** Writes an asynchronous store's lost writer had not replicated (its rate x the median lag); 0 when synchronous. */
  readonly writesLost: number;
  /** Seconds the store's replica takes to be promoted (unavailable meanwhile); 0 when none. */
  readonly promotionS: number;
  /** Every TIMELINE_STEP_S from the fault's start: the share served elsewhere (null where no attempt). */
  readonly timeline: readonly (number | null)[];
}

/** The figures of fault `i` for the doors' users. */
export function frontDoorFigures(engine: Engine, doors: Doors, f: SimFault, i: number): FrontDoorFigures {
  const d = doors.d;
  const hit = new Set(f.pools);
  let detected = Number.POSITIVE_INFINITY;
  d.targetLabel.forEach((_, t) => {
    const at = doors.firstDownS[t] as number;
    if (!(at >= f.startS) || at >= detected) return;
    for (let k = d.targetFirst[t] as number; k < (d.targetFirst[t + 1] as number); k++)
      if (hit.has(d.targetPools[k] as number)) detected = at;
  });
  const seconds = doors.seconds;
  const pools = engine.model.pools.length;
  const at = (second: number) => {
    let there = 0;
    let all = 0;
    for (let p = 0; p < pools; p++) {
      const n = doors.perSecond[p * seconds + second] as number;
      all += n;
      if (hit.has(p)) there += n;
    }
    return { there, all };
  };
  const start = Math.floor(f.startS);
  let before = 0;
  let beforeAll = 0;
  for (let s = Math.max(0, start - 300); s < start; s++) {
    const x = at(s);
    before += x.there;
    beforeAll += x.all;
  }
  const affectedShare = beforeAll > 0 ? before / beforeAll : 0;
  const end = Math.min(seconds, Math.ceil(Number.isFinite(f.endS) ? f.endS : engine.model.durationS));
  const shares: (number | null)[] = [];
  for (let s = start; s < end; s++) {
    let there = 0;
    let all = 0;
    for (let w = Math.max(start, s - WINDOW_S + 1); w <= s; w++) {
      const x = at(w);
      there += x.there;
      all += x.all;
    }
    shares.push(all > 0 && affectedShare > 0 ? 1 - there / all / affectedShare : null);
  }
  const until = (level: number) => {
    let from: number | null = null;
    shares.forEach((share, k) => {
      if (share === null) return;
      if (share < level) from = null;
      else if (from === null) from = start + k;
    });
    return from;
  };
  const timeline: (number | null)[] = [];
  for (let k = 0; k < shares.length; k += TIMELINE_STEP_S) {
    let there = 0;
    let all = 0;
    for (let s = start + k; s < Math.min(end, start + k + TIMELINE_STEP_S); s++) {
      const x = at(s);
      there += x.there;
      all += x.all;
    }
    timeline.push(
      all > 0 && affectedShare > 0 ? Math.round((1 - there / all / affectedShare) * 1000) / 1000 : null,
    );
  }
  let writesLost = 0;
  let promotionS = 0;
  d.stores.forEach((store) => {
    const k = f.pools.indexOf(store.writer);
    if (k < 0 || store.sync) return;
    const served = (engine.faults.servedAtStart[i] as Float64Array)[k] as number;
    writesLost += f.startS > 0 ? (served / f.startS) * store.lagMedianS : 0;
    promotionS = Math.max(promotionS, store.promotionS);
  });
  return {
    detectedS: Number.isFinite(detected) ? detected : null,
    servedElsewhere50S: until(0.5),
    servedElsewhere99S: until(0.99),
    affectedShare: Math.round(affectedShare * 1000) / 1000,
    sessionsLost: doors.sessionsLost,
    sessionsMoved: doors.sessionsMoved,
    sessionWritesAtRisk: doors.sessionWritesAtRisk,
    writesLost: Math.round(writesLost * 10) / 10,
    promotionS,
    timeline,
  };
}
