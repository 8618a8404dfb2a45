/**
 * Benchmark: the simulator's event queues and draws alone, to say how much of an event's CPU time
 * they take (docs/simulate.md, "How fast"). A hold model shaped like the event page (bench/sim.ts):
 * about 340 events queued; each pop pushes one event a third of the time a lognormal compute time
 * later (median 3 ms, sigma 0.8) and otherwise one of seven network delays (0.5-1.7 ms). The same
 * delays go through the calendar queue (calendar.ts) and the binary heap (heap.ts); then the
 * lognormal and exponential draws of random.ts. Printed: CPU ns per push and pop, per draw (medians
 * of five rounds).
 *
 *   npx tsx bench/sim-queue.ts
 */
import { EventCalendar } from '../src/sim/calendar.js';
import { EventHeap } from '../src/sim/heap.js';
import { Stream } from '../src/sim/random.js';

const QUEUED = 340;
const N = 10_000_000;
const ROUNDS = 5;

const rng = new Stream(1, 1);
const delays = new Float64Array(1 << 20);
for (let i = 0; i < delays.length; i++)
  delays[i] = i % 3 === 0 ? 0.003 * Math.exp(0.8 * rng.normal()) : 0.0005 + (i % 7) * 0.0002;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

/** CPU ns per call of `fn` over `n` calls, median of the rounds. */
function nsPer(n: number, fn: (n: number) => void): number {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const cpu = process.cpuUsage();
    fn(n);
    const used = process.cpuUsage(cpu);
    rounds.push(((used.user + used.system) * 1000) / n);
  }
  return median(rounds);
}

function hold(queue: EventCalendar | EventHeap): (n: number) => void {
  for (let i = 0; i < QUEUED; i++) queue.push(delays[i] as number, 1, i);
  let k = QUEUED;
  return (n) => {
    for (let i = 0; i < n; i++) {
      queue.pop();
      queue.push(queue.time + (delays[k] as number), 1, queue.target);
      k = (k + 1) & (delays.length - 1);
    }
  };
}

let sink = 0;
const draws = new Stream(2, 1);
const figures = {
  calendar: nsPer(N, hold(new EventCalendar(4096))),
  heap: nsPer(N, hold(new EventHeap(4096))),
  lognormal: nsPer(N, (n) => {
    for (let i = 0; i < n; i++) sink += 0.003 * Math.exp(0.8 * draws.normal());
  }),
  exponential: nsPer(N, (n) => {
    for (let i = 0; i < n; i++) sink += draws.exponential(1);
  }),
};
console.log(
  `bench/sim-queue: CPU ns, medians of ${ROUNDS} rounds of ${N.toLocaleString('en-US')} (${sink > 0 ? 'ok' : ''})`,
);
console.log(`  calendar queue, ${QUEUED} events: ${figures.calendar.toFixed(1)} ns per pop and push`);
console.log(`  binary heap, ${QUEUED} events:    ${figures.heap.toFixed(1)} ns per pop and push`);
console.log(`  lognormal draw (polar method, exp): ${figures.lognormal.toFixed(1)} ns`);
console.log(`  exponential draw (Math.log):        ${figures.exponential.toFixed(1)} ns`);
