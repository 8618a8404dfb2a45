/**
 * Benchmark: the simulator's engine against SimPy, and one simulated hour of the event page.
 *
 * 1. The M/M/c queue (c = 4 servers, one FIFO queue, Poisson arrivals at 3.2/s, exponential
 *    service of mean 1 s: utilisation 0.8) and 2. a chain of 10 such pools visited in series, each
 *    in Footprint (chainModel through simulateModel) and in SimPy 2.3 (bench/peers/simpy_mmc.py, run
 *    as a child process), for the same simulated time. Footprint's figures are medians of several
 *    runs after a warm-up run; SimPy's the same (medians of its runs after a warm-up run of the same
 *    size: a first run in a fresh interpreter takes 15-20 % more CPU than the next ones).
 * 3. The event page of the Ticketmaster on-sale estate at a constant 5,000 requests/s (the issue's
 *    figure) for an hour of simulated time, on the design seed 000 describes for an on-sale: the 20
 *    servers of the Phoenix data center, and the rest burst into the Phoenix Local Zone
 *    (examples/ticketmaster-phoenix/onsale-lz-burst.yaml). The example's burst groups are sized for
 *    its peak of 2,250 pages/s (100 servers in all); at 5,000/s the bench gives each Local Zone
 *    group, in an estate that extends the example's, the size target tracking settles at (60 % of
 *    the service's workers busy) from the start: a page's calls keep 23.5 event-details, 16.7
 *    pricing, 36.2 seat-map and 47.0 recommendations servers busy on average (mean compute times
 *    of the estate's lognormals, times calls per page: pricing 1.4 with the recommendations' cache
 *    misses), so 35, 25, 54 and 71 in the zone, beside 4, 3, 6 and 7 on-premises: 205 servers, about
 *    the seed's 100 scaled by 5,000 / 2,250. The design holds: no request fails, p99 within the
 *    page's 100 ms budget. Printed: the design, compile time, CPU and wall time, events, events/s,
 *    the requests' outcomes and the busiest pool.
 *
 * An event is one event taken off the event list and handled: in Footprint `summary.events` (the
 * event queues' and the client timeouts' pops), in SimPy one `Simulation.step()` (one resumption of a
 * process generator). The two count differently: per request of k calls in series Footprint pops
 * 1 + 3k (the arrival; per call the leg's arrival at the pool, its computation's end and its return)
 * and SimPy 2 + 3k (the source's hold; the customer's start; per call the grant, the hold's end and
 * the release), so requests/s is the fairer ratio; both are printed. A return that nothing can
 * observe before it is due (a fan-out's legs back before the last, a leg whose caller's own work
 * is then done and starts back in turn) is taken ahead of time without a pop of its own
 * (src/sim/calls-returns.ts): the event page pops 27.8 events a request, not 36.8. Both must give
 * the same mean wait in queue per visit (and Erlang C's) for the comparison to mean anything: it is
 * printed beside them.
 * The same model on both sides: Poisson arrivals until the duration, then a drain until the last
 * request leaves; exponential service drawn per visit; FIFO; the same counts of requests. What each
 * collects differs against Footprint: SimPy's peer sums only the waits it prints, Footprint records
 * everything a simulation reports (latency histograms, per-interval series, utilisation, cost).
 * Both are timed as CPU time of the run alone (the model built, no start-up), after a warm-up.
 *
 * Printed: the machine (CPU, cores, load average, Node, Python, SimPy), a table per model and the
 * targets of issue 13 (at least 50x SimPy and 5 M events/s on one core; the hour in under 60 s),
 * each with whether it holds. Wall-clock figures: run it on a quiet machine (the load is printed).
 *
 *   npm run bench:sim                  full sizes (several minutes, most of it the hour)
 *   npm run bench:sim -- --quick       small sizes: a smoke test in seconds
 *   npm run bench:sim -- --json        machine-readable
 *   npm run bench:sim -- --only chain  one part: queue, chain or event-page
 *
 * To profile a part, bundle it and run the bundle from the repository root:
 *
 *   npx esbuild bench/sim.ts --bundle --platform=node --format=esm --packages=external --outfile=/tmp/sim.mjs
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/sim.mjs --only event-page
 *
 * SimPy: Debian's python3-simpy, run by /usr/bin/python3 -O (not the first python3 on PATH, which
 * may be a pyenv shim without it; SIMPY_PYTHON overrides). When it is missing the SimPy columns say
 * so and the Footprint figures are still printed. BENCH_RUNS sets Footprint's repetitions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chainModel,
  compileSimulation,
  DIST_EXPONENTIAL,
  loadScenario,
  mmcMeanWait,
  type SimRun,
  simulateModel,
} from '../src/sim/index.js';

/** This folder; from a bundle built elsewhere (to profile it), the bench/ of the working directory. */
const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH = existsSync(join(HERE, 'peers', 'simpy_mmc.py')) ? HERE : join(process.cwd(), 'bench');
const PEER = join(BENCH, 'peers', 'simpy_mmc.py');
const PYTHON = process.env.SIMPY_PYTHON ?? '/usr/bin/python3';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const QUICK = flag('--quick');
const JSON_OUTPUT = flag('--json');
const PARTS = ['queue', 'chain', 'event-page'] as const;
type Part = (typeof PARTS)[number];
const only = option('--only');
if (only !== undefined && !PARTS.includes(only as Part)) {
  console.error(`bench/sim: --only takes one of ${PARTS.join(', ')}, not '${only}'`);
  process.exit(2);
}
const runs = (part: Part) => only === undefined || only === part;

/** The queueing models: the same in both simulators. */
const SERVERS = 4;
const ARRIVAL_RATE = 3.2;
const SERVICE_MEAN_S = 1;
const CHAIN_CALLS = 10;
const SIZES = QUICK
  ? { queueS: 3_000, chainS: 500, eventPageS: 2, footprintRuns: 2, simpyRuns: 1 }
  : { queueS: 150_000, chainS: 30_000, eventPageS: 3_600, footprintRuns: 5, simpyRuns: 3 };
const FOOTPRINT_RUNS = Number(process.env.BENCH_RUNS ?? SIZES.footprintRuns);
const EVENT_PAGE_RATE = 5_000;
/** Mean waits of the two simulators within this share of Erlang C's count as the same queue. */
const WAIT_TOLERANCE = 0.05;

const TARGETS = { ratio: 50, eventsPerS: 5e6, hourS: 60 } as const;

interface RunFigures {
  readonly wallS: number;
  readonly cpuS: number;
  readonly events: number;
  readonly requests: number;
  readonly meanWaitS: number;
  /** Service visits the mean wait is over. */
  readonly visits: number;
}

interface Figures {
  readonly runs: readonly RunFigures[];
  /** Medians over the runs. */
  readonly wallS: number;
  readonly cpuS: number;
  readonly eventsPerS: number;
  readonly requestsPerS: number;
  /** Per second of this process's CPU time: what a busy machine disturbs least. */
  readonly eventsPerCpuS: number;
  readonly requestsPerCpuS: number;
  /** Per run, on average. */
  readonly events: number;
  readonly requests: number;
  readonly eventsPerRequest: number;
  /** Over every visit of every run. */
  readonly meanWaitS: number;
}

interface Comparison {
  readonly model: {
    readonly calls: number;
    readonly servers: number;
    readonly arrivalRate: number;
    readonly serviceMeanS: number;
    readonly utilisation: number;
    readonly durationS: number;
  };
  /** Erlang C's mean wait in queue at each pool (every pool of the chain sees Poisson arrivals). */
  readonly theoryWaitS: number;
  readonly footprint: Figures;
  readonly simpy: Figures | null;
  readonly simpyError?: string;
  /** Footprint's rates over SimPy's, by wall-clock time and by CPU time. */
  readonly ratio: {
    readonly eventsPerS: number;
    readonly requestsPerS: number;
    readonly eventsPerCpuS: number;
    readonly requestsPerCpuS: number;
  } | null;
  /** Each simulator's mean wait against Erlang C's, as a share. */
  readonly waitError: { readonly footprint: number; readonly simpy: number | null };
  /** Whether both waits are within the tolerance of theory; null when the run is too short to say. */
  readonly sameQueue: boolean | null;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function figuresOf(list: readonly RunFigures[]): Figures {
  const visits = sum(list.map((r) => r.visits));
  const events = sum(list.map((r) => r.events)) / list.length;
  const requests = sum(list.map((r) => r.requests)) / list.length;
  return {
    runs: list,
    wallS: median(list.map((r) => r.wallS)),
    cpuS: median(list.map((r) => r.cpuS)),
    eventsPerS: median(list.map((r) => r.events / r.wallS)),
    requestsPerS: median(list.map((r) => r.requests / r.wallS)),
    eventsPerCpuS: median(list.map((r) => r.events / r.cpuS)),
    requestsPerCpuS: median(list.map((r) => r.requests / r.cpuS)),
    events,
    requests,
    eventsPerRequest: events / requests,
    meanWaitS: visits > 0 ? sum(list.map((r) => r.meanWaitS * r.visits)) / visits : 0,
  };
}

/** Runs `fn` and measures it: wall time and this process's CPU time. */
function timed<T>(fn: () => T): { value: T; wallS: number; cpuS: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const wallS = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { value, wallS, cpuS: (used.user + used.system) / 1e6 };
}

function footprintRun(calls: number, durationS: number, seed: number): RunFigures {
  const {
    value: run,
    wallS,
    cpuS,
  } = timed(() =>
    simulateModel(
      chainModel({
        arrivalRate: ARRIVAL_RATE,
        servers: SERVERS,
        compute: { dist: DIST_EXPONENTIAL, a: SERVICE_MEAN_S, b: 0 },
        durationS,
        seed,
        calls,
      }),
    ),
  );
  const pools = run.summary.pools;
  const visits = sum(pools.map((p) => p.served));
  return {
    wallS,
    cpuS,
    events: run.summary.events,
    requests: run.summary.requests.succeeded,
    meanWaitS: visits > 0 ? sum(pools.map((p) => (p.meanWaitMs / 1000) * p.served)) / visits : 0,
    visits,
  };
}

interface SimpyOutput {
  readonly python: string;
  readonly simpy?: string;
  readonly optimised?: boolean;
  readonly error?: string;
  readonly runs?: readonly {
    wallS: number;
    cpuS: number;
    events: number;
    requests: number;
    meanWaitS: number;
    visits: number;
  }[];
}

/** The SimPy peer's runs, or why there are none. */
function simpyRuns(calls: number, durationS: number, repeat: number): SimpyOutput {
  const result = spawnSync(
    PYTHON,
    [
      '-O',
      PEER,
      `--calls=${calls}`,
      `--servers=${SERVERS}`,
      `--rate=${ARRIVAL_RATE}`,
      `--service-mean=${SERVICE_MEAN_S}`,
      `--duration=${durationS}`,
      `--repeat=${repeat}`,
      '--warmup=1',
      '--seed=1',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (result.error) return { python: '', error: `${PYTHON} did not run: ${result.error.message}` };
  try {
    const output = JSON.parse(result.stdout) as SimpyOutput;
    if (output.error || result.status !== 0)
      return { ...output, error: output.error ?? result.stderr.trim() };
    return output;
  } catch {
    const why = result.stderr.trim().split('\n').at(-1) ?? '';
    return { python: '', error: `the SimPy peer failed (exit ${result.status}): ${why}` };
  }
}

/** The Python and SimPy the peer ran on, as it reported them. */
const peerVersions: { python: string | null; simpy: string | null; optimised: boolean | null } = {
  python: null,
  simpy: null,
  optimised: null,
};

function compare(calls: number, durationS: number): Comparison {
  // Warm-up: the same run once, so that the measured runs are of optimised code.
  footprintRun(calls, durationS, 1);
  const footprint = figuresOf(
    Array.from({ length: FOOTPRINT_RUNS }, (_, r) => footprintRun(calls, durationS, r + 1)),
  );
  const peer = simpyRuns(calls, durationS, SIZES.simpyRuns);
  if (peer.python) {
    peerVersions.python = peer.python;
    peerVersions.simpy = peer.simpy ?? null;
    peerVersions.optimised = peer.optimised ?? null;
  }
  const simpy = peer.runs && !peer.error ? figuresOf(peer.runs) : null;
  const theoryWaitS = mmcMeanWait(ARRIVAL_RATE, SERVICE_MEAN_S, SERVERS);
  const error = (w: number) => (w - theoryWaitS) / theoryWaitS;
  const waitError = { footprint: error(footprint.meanWaitS), simpy: simpy ? error(simpy.meanWaitS) : null };
  return {
    model: {
      calls,
      servers: SERVERS,
      arrivalRate: ARRIVAL_RATE,
      serviceMeanS: SERVICE_MEAN_S,
      utilisation: (ARRIVAL_RATE * SERVICE_MEAN_S) / SERVERS,
      durationS,
    },
    theoryWaitS,
    footprint,
    simpy,
    ...(peer.error ? { simpyError: peer.error } : {}),
    ratio: simpy
      ? {
          eventsPerS: footprint.eventsPerS / simpy.eventsPerS,
          requestsPerS: footprint.requestsPerS / simpy.requestsPerS,
          eventsPerCpuS: footprint.eventsPerCpuS / simpy.eventsPerCpuS,
          requestsPerCpuS: footprint.requestsPerCpuS / simpy.requestsPerCpuS,
        }
      : null,
    waitError,
    // A quick run has too few requests for its mean wait to say anything (tens of % apart).
    sameQueue:
      QUICK || waitError.simpy === null
        ? null
        : Math.abs(waitError.footprint) <= WAIT_TOLERANCE && Math.abs(waitError.simpy) <= WAIT_TOLERANCE,
  };
}

interface EventPage {
  readonly estate: string;
  readonly request: string;
  readonly rate: number;
  readonly durationS: number;
  readonly compileS: number;
  readonly wallS: number;
  readonly cpuS: number;
  readonly events: number;
  readonly eventsPerS: number;
  readonly eventsPerCpuS: number;
  readonly requests: SimRun['summary']['requests'];
  readonly eventsPerRequest: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Per application service: its servers on-premises and in the Local Zone at the start, and the share of its workers busy. */
  readonly services: readonly {
    readonly id: string;
    readonly onPremises: number;
    readonly localZone: number;
    readonly utilisation: number;
  }[];
}

const EVENT_PAGE_DESIGN = '../examples/ticketmaster-phoenix/onsale-lz-burst.yaml';
/** Each service's Local Zone group at 5,000 pages/s: 60 % of the service's workers busy (see above). */
const EVENT_PAGE_BURST = { 'event-details': 35, pricing: 25, 'seat-map': 54, recommendations: 71 } as const;

/**
 * The event page at a constant rate on the Local Zone burst sized for it, from a scenario and an
 * estate built here (beside this file, for their paths).
 */
function eventPage(durationS: number): EventPage {
  const file = join(BENCH, 'event-page-hour.yaml');
  const estateFile = join(BENCH, 'event-page-hour.estate.yaml');
  const estate = [
    `extends: ${EVENT_PAGE_DESIGN}`,
    'name: event-page-hour-lz-burst',
    `description: The Local Zone burst, each group the size target tracking settles at for ${EVENT_PAGE_RATE.toLocaleString('en-US')} pages/s.`,
    'capacity:',
    ...Object.entries(EVENT_PAGE_BURST).flatMap(([service, n]) => [
      `  ${service}:`,
      '    pools:',
      `      us-west-2-phx-2a: { instances: { min: ${n}, max: ${2 * n} } }`,
    ]),
    '',
  ].join('\n');
  const text = [
    'name: event-page-hour',
    `description: The event page at a constant ${EVENT_PAGE_RATE} requests/s on the Local Zone burst sized for it.`,
    'estate: ./event-page-hour.estate.yaml',
    `duration: ${durationS}s`,
    'seed: 1',
    'demand:',
    '  - request: event-page',
    `    rate: ${EVENT_PAGE_RATE}`,
    '',
  ].join('\n');
  const read = (path: string) => {
    if (path === file) return text;
    if (path === estateFile) return estate;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const compiled = timed(() => {
    const scenario = loadScenario(file, read);
    return compileSimulation(scenario, scenario.designs[0] as (typeof scenario.designs)[number]).model;
  });
  const { value: run, wallS, cpuS } = timed(() => simulateModel(compiled.value));
  const summary = run.summary;
  const source = summary.sources.reduce((a, b) => (b.generated > a.generated ? b : a));
  const services = Object.keys(EVENT_PAGE_BURST).map((id) => {
    const pools = summary.pools.filter((p) => p.service === id);
    const hours = sum(pools.map((p) => p.instanceHours));
    const servers = (place: string) =>
      sum(pools.filter((p) => p.place === place).map((p) => p.startInstances));
    return {
      id,
      onPremises: servers('phx-dc'),
      localZone: servers('us-west-2-phx-2a'),
      utilisation: hours > 0 ? sum(pools.map((p) => p.meanUtilisation * p.instanceHours)) / hours : 0,
    };
  });
  return {
    estate: `${EVENT_PAGE_DESIGN.slice(3)}, each Local Zone group sized for ${EVENT_PAGE_RATE.toLocaleString('en-US')} pages/s`,
    request: 'event-page',
    rate: EVENT_PAGE_RATE,
    durationS,
    compileS: compiled.wallS,
    wallS,
    cpuS,
    events: summary.events,
    eventsPerS: summary.events / wallS,
    eventsPerCpuS: summary.events / cpuS,
    requests: summary.requests,
    eventsPerRequest: summary.events / summary.requests.generated,
    p50Ms: source.p50Ms,
    p99Ms: source.p99Ms,
    services,
  };
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {}
  return cpus()[0]?.model ?? 'unknown';
}

// ---- run ----

const loadStart = loadavg();
const queue = runs('queue') ? compare(1, SIZES.queueS) : null;
const chain = runs('chain') ? compare(CHAIN_CALLS, SIZES.chainS) : null;
const page = runs('event-page') ? eventPage(SIZES.eventPageS) : null;
const loadEnd = loadavg();

const machine = {
  cpu: cpuModel(),
  cores: cpus().length,
  node: process.version,
  python: peerVersions.python,
  simpy: peerVersions.simpy,
  pythonOptimised: peerVersions.optimised,
  loadAverage: { start: loadStart, end: loadEnd },
};

/** A target of the issue: judged on wall-clock time, as stated, and on CPU time beside it. */
interface Target {
  readonly name: string;
  readonly unit: 'x' | 'events/s' | 's';
  readonly target: number;
  /** At least the target (a speed) or under it (a time). */
  readonly atLeast: boolean;
  readonly value: number | null;
  readonly cpuValue: number | null;
  readonly met: boolean | null;
  readonly metOnCpu: boolean | null;
}
const targets: Target[] = [];
const target = (
  name: string,
  unit: Target['unit'],
  goal: number,
  atLeast: boolean,
  value: number | null,
  cpuValue: number | null,
): Target => {
  const meets = (v: number | null) => (v === null ? null : atLeast ? v >= goal : v < goal);
  return { name, unit, target: goal, atLeast, value, cpuValue, met: meets(value), metOnCpu: meets(cpuValue) };
};
for (const [name, c] of [
  ['M/M/c', queue],
  ['chain', chain],
] as const) {
  if (!c) continue;
  targets.push(
    target(
      `${name}: requests/s against SimPy`,
      'x',
      TARGETS.ratio,
      true,
      c.ratio?.requestsPerS ?? null,
      c.ratio?.requestsPerCpuS ?? null,
    ),
  );
  targets.push(
    target(
      `${name}: Footprint events/s`,
      'events/s',
      TARGETS.eventsPerS,
      true,
      c.footprint.eventsPerS,
      c.footprint.eventsPerCpuS,
    ),
  );
}
if (page) {
  // A shorter run is timed as if it were the hour at the same speed.
  const hour = 3600 / page.durationS;
  targets.push(
    target(
      page.durationS === 3600 ? 'event page: one hour' : 'event page: one hour, extrapolated',
      's',
      TARGETS.hourS,
      false,
      page.wallS * hour,
      page.cpuS * hour,
    ),
  );
}

if (JSON_OUTPUT) {
  console.log(
    JSON.stringify({ bench: 'sim', quick: QUICK, machine, queue, chain, eventPage: page, targets }, null, 2),
  );
} else {
  const n = (x: number, digits = 0) =>
    x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const rate = (x: number) => (x >= 1e6 ? `${n(x / 1e6, 2)} M/s` : `${n(x / 1e3, 1)} k/s`);
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${n(x * 100, 1)} %`;
  const load = (l: number[]) => l.map((x) => n(x, 2)).join(' ');
  const pad = (cells: string[], widths: number[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ');
  const widths = [16, 10, 11, 8, 8, 11, 11, 10];
  console.log(
    `bench/sim: the simulator against SimPy, and an hour of the event page${QUICK ? ' (--quick: small sizes)' : ''}`,
  );
  console.log(`  CPU: ${machine.cpu}, ${machine.cores} cores; Node ${machine.node}`);
  console.log(
    `  Python: ${machine.python ?? 'not run'}${machine.pythonOptimised ? ' (-O)' : ''}, SimPy: ${machine.simpy ?? 'not available'} (${PYTHON})`,
  );
  console.log(`  load average (1, 5, 15 min): ${load(loadStart)} at the start, ${load(loadEnd)} at the end`);
  for (const [title, c] of [
    ['M/M/c queue', queue],
    [`a chain of ${CHAIN_CALLS} pools in series`, chain],
  ] as const) {
    if (!c) continue;
    const m = c.model;
    console.log('');
    console.log(
      `  ${title}: c = ${m.servers} per pool, λ = ${m.arrivalRate}/s, mean service ${m.serviceMeanS} s (utilisation ${m.utilisation}), ${n(m.durationS)} s simulated`,
    );
    console.log(
      `  ${pad(['', 'requests', 'events', 'wall s', 'CPU s', 'events/s', 'requests/s', 'mean wait'], widths)}`,
    );
    const rows = (name: string, f: Figures, runsNote: string) => [
      `  ${pad(
        [
          name,
          n(f.requests),
          n(f.events),
          n(f.wallS, 3),
          n(f.cpuS, 3),
          rate(f.eventsPerS),
          rate(f.requestsPerS),
          `${n(f.meanWaitS, 4)} s`,
        ],
        widths,
      )}  ${runsNote}`,
      `  ${pad(['  per CPU second', '', '', '', '', rate(f.eventsPerCpuS), rate(f.requestsPerCpuS)], widths)}`,
    ];
    console.log(
      rows('Footprint', c.footprint, `median of ${c.footprint.runs.length} after a warm-up`).join('\n'),
    );
    if (c.simpy)
      console.log(
        rows(`SimPy ${machine.simpy}`, c.simpy, `median of ${c.simpy.runs.length} after a warm-up`).join(
          '\n',
        ),
      );
    else console.log(`  ${'SimPy'.padEnd(widths[0] as number)}  not run: ${c.simpyError}`);
    if (c.ratio) {
      const x = (v: number) => `${n(v, 1)}x`;
      console.log(
        `  ${pad(['ratio', '', '', '', '', x(c.ratio.eventsPerS), x(c.ratio.requestsPerS)], widths)}`,
      );
      console.log(
        `  ${pad(['  per CPU second', '', '', '', '', x(c.ratio.eventsPerCpuS), x(c.ratio.requestsPerCpuS)], widths)}`,
      );
    }
    console.log(
      `  events per request: Footprint ${n(c.footprint.eventsPerRequest, 2)}${c.simpy ? `, SimPy ${n(c.simpy.eventsPerRequest, 2)}` : ''}`,
    );
    const verdict =
      c.sameQueue === null
        ? QUICK
          ? 'too short a run to judge'
          : 'no SimPy run to compare'
        : c.sameQueue
          ? `both within ${WAIT_TOLERANCE * 100} %: the same queue`
          : `not both within ${WAIT_TOLERANCE * 100} %: check the models`;
    console.log(
      `  mean wait per visit, Erlang C: ${n(c.theoryWaitS, 4)} s; Footprint ${pct(c.waitError.footprint)}${c.waitError.simpy !== null ? `, SimPy ${pct(c.waitError.simpy)}` : ''} (${verdict})`,
    );
  }
  if (page) {
    console.log('');
    console.log(
      `  event page at ${n(page.rate)} requests/s for ${n(page.durationS)} s simulated (${page.estate}):`,
    );
    console.log(
      `    compile ${n(page.compileS, 2)} s; run ${n(page.wallS, 1)} s wall, ${n(page.cpuS, 1)} s CPU; ${n(page.events)} events, ${rate(page.eventsPerS)} (${rate(page.eventsPerCpuS)} per CPU second); ${n(page.requests.generated)} requests, ${n(page.eventsPerRequest, 1)} events each`,
    );
    console.log(
      `    ${n(page.requests.succeeded)} succeeded, ${n(page.requests.errors + page.requests.rejected + page.requests.timeouts)} failed; p50 ${n(page.p50Ms, 1)} ms, p99 ${n(page.p99Ms, 1)} ms (busiest metro; the page's budget: p99 100 ms)`,
    );
    const servers = sum(page.services.map((s) => s.onPremises + s.localZone));
    console.log(
      `    ${n(servers)} servers: ${page.services.map((s) => `${s.id} ${s.onPremises} + ${s.localZone} (${n(s.utilisation * 100)} % busy)`).join(', ')} (on-premises + Local Zone)`,
    );
  }
  const show = (t: Target, v: number | null) =>
    v === null ? 'n/a' : t.unit === 'x' ? `${n(v, 1)}x` : t.unit === 's' ? `${n(v, 1)} s` : rate(v);
  const judged = (t: Target, v: number | null, met: boolean | null) =>
    `${show(t, v).padStart(10)} ${(met === null ? 'no SimPy' : met ? 'met' : 'NOT met').padEnd(8)}`;
  console.log('');
  console.log(
    `  ${'targets (issue 13; figures, not tests)'.padEnd(42)} ${'target'.padStart(8)}  ${'wall-clock'.padEnd(19)}  per CPU second`,
  );
  for (const t of targets) {
    const unit = t.unit === 'x' ? 'x' : t.unit === 's' ? ' s' : '';
    const goal = `${t.atLeast ? '>=' : '<'} ${t.unit === 'events/s' ? `${t.target / 1e6} M/s` : `${t.target}${unit}`}`;
    console.log(
      `    ${t.name.padEnd(40)} ${goal.padStart(8)}  ${judged(t, t.value, t.met)}  ${judged(t, t.cpuValue, t.metOnCpu)}`.trimEnd(),
    );
  }
  console.log('');
  console.log(
    '  An event: one pop of the event list (Footprint: 1 + 3 per call in series, fewer where a return can be',
  );
  console.log(
    '  taken ahead of time; SimPy: 2 + 3 per call), so requests/s is the fairer ratio. Wall-clock figures',
  );
  console.log(
    '  need a quiet machine (see the load average); per CPU second counts only the time the process ran,',
  );
  console.log('  which a busy machine disturbs less.');
}
