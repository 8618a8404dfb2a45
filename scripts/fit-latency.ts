/**
 * Fits the latency model's backbone and internet classes to public measurements, prints how
 * accurate the model is on locations it was not fitted to, and writes the fitted parameters to
 * src/catalog/data/latency-parameters.ts.
 *
 *   npm run fit:latency                      # data from /work/shared/data (or $FOOTPRINT_LATENCY_DATA)
 *   npm run fit:latency -- --data DIR        # another copy of the two CSV files
 *   npm run fit:latency -- --dry-run         # print the figures, write nothing
 *
 * Deterministic: the same data gives the same figures and the same file, byte for byte.
 * The errors are cross-validated by location: for each fold, every measurement touching a held-out
 * region (or city) is left out of the fit and predicted by the product's own latency model
 * (`latencyMatrix`), with the fold's parameters.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type ClassAccuracy,
  HAND_SET_CLASSES,
  type LatencyParameters,
  type RoutedClassParameters,
  type RoutedLinkClass,
} from '../src/catalog/index.js';
import { type Coordinates, distanceKm } from '../src/geo/index.js';
import { assignFolds, type Fold, leaveLocationOutFolds } from '../src/latency/crossval.js';
import {
  type FitContext,
  type FitOptions,
  type FitResult,
  fitContext,
  fitGreatCircle,
  fitRoutedClass,
  predictGreatCircle,
} from '../src/latency/fit.js';
import { latencyMatrix } from '../src/latency/index.js';
import { type ErrorSummary, summariseErrors } from '../src/latency/irls.js';
import { EMPTY_ESTATE, hostPlace } from '../src/model/index.js';
import { AWS_FILE, CITY_FILE, type Dataset, readAwsDataset, readCityDataset } from './latency-datasets.js';
import { parametersSource, round, rounded } from './latency-parameters-file.js';
import { worstPairs } from './latency-worst-pairs.js';

const DEFAULT_DATA = '/work/shared/data';
const PARAMETERS_FILE = 'src/catalog/data/latency-parameters.ts';
/** Folds of the city data (the AWS data has one fold per region). */
const CITY_FOLDS = 10;

const { values: args } = parseArgs({
  options: { data: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
});
const dataDir = args.data ?? process.env.FOOTPRINT_LATENCY_DATA ?? DEFAULT_DATA;
const missing = [AWS_FILE, CITY_FILE].filter((f) => !existsSync(join(dataDir, f)));
if (missing.length > 0) {
  console.error(
    `fit-latency: ${missing.join(' and ')} not found in ${dataDir}.\n` +
      'This script needs the calibration data (public RTT measurements), which is not part of the\n' +
      'repository. Point it at a folder that holds them: npm run fit:latency -- --data DIR\n' +
      '(or set FOOTPRINT_LATENCY_DATA). Nothing was written.',
  );
  process.exit(2);
}

const started = performance.now();
const aws = readAwsDataset(dataDir);
const city = readCityDataset(dataDir);

/**
 * Where every fit starts: fixed here, not read from the parameters file, so that the figures do not
 * depend on what a previous run wrote.
 */
const INITIAL: Readonly<Record<RoutedLinkClass, RoutedClassParameters>> = {
  backbone: { inflation: 1.3, seaInflation: 1.3, accessInflation: 1.5, hopMs: 1, hubMs: 1 },
  internet: { inflation: 1.5, seaInflation: 1.3, accessInflation: 2, hopMs: 5, hubMs: 1 },
};

/** What each class fits: the backbone has no per-hub terms (one network); the internet has. */
const FIT: Readonly<Record<RoutedLinkClass, Omit<FitOptions, 'initial'>>> = {
  backbone: {
    // routeMs: each corridor's own cost, learned from the region pairs that use it and pulled
    // toward what the city pings say of it (ROUTE_PRIOR below).
    free: ['hopMs', 'accessInflation', 'inflation', 'seaInflation', 'hubMs', 'overheadMs', 'routeMs'],
    overheadMs: 3,
    routeRidge: 0.01,
  },
  internet: {
    // The city pings' overhead (ICMP echo between servers) cannot be told apart from the internet's
    // own per-link cost: both are one constant on every row. It is taken as 0 and the model keeps
    // the constant.
    free: ['hopMs', 'accessInflation', 'inflation', 'seaInflation', 'hubMs', 'hubAccessMs', 'routeMs'],
    overheadMs: 0,
    ridge: 0.1,
    routeRidge: 0.01,
  },
};

interface ClassReport {
  readonly cls: RoutedLinkClass;
  readonly dataset: Dataset;
  readonly folds: string;
  readonly before: ErrorSummary;
  readonly beforeInSample: ErrorSummary;
  readonly after: ErrorSummary;
  readonly afterInSample: ErrorSummary;
  readonly final: FitResult;
  readonly foldOverheads: readonly number[];
  /** Out-of-sample error by great-circle distance between the two ends. */
  readonly byDistance: readonly { readonly band: string; readonly summary: ErrorSummary }[];
  /** Out-of-sample prediction of every observation (overhead included). */
  readonly predictions: Float64Array;
}

/** Distance bands for the breakdown, km. */
const BANDS_KM = [0, 300, 1000, 3000, 6000, 10_000, 20_100];

function evaluate(
  cls: RoutedLinkClass,
  dataset: Dataset,
  folds: Fold[],
  foldsLabel: string,
  base: LatencyParameters,
  extra: Partial<FitOptions> = {},
): ClassReport {
  const context = fitContext(dataset.problem);
  const observations = dataset.problem.observations;
  const observed = observations.map((o) => o.rttMs);
  const between = (i: number) => observations[i]?.from !== observations[i]?.to;
  const options: FitOptions = { ...FIT[cls], ...extra, initial: INITIAL[cls] };
  const fitOverhead = FIT[cls].free.includes('overheadMs');

  // Before: one inflation factor on the great circle, plus one hop cost.
  const before = new Judged(observations.length);
  for (const fold of folds) {
    const fit = fitGreatCircle(context, fold.fitted, { fitOverhead, overheadMs: FIT[cls].overheadMs ?? 0 });
    predictGreatCircle(context, fit, fold.tested).forEach((v, i) => {
      before.add(fold.tested[i] as number, v);
    });
  }
  const greatCircle = fitGreatCircle(context, undefined, {
    fitOverhead,
    overheadMs: FIT[cls].overheadMs ?? 0,
  });

  // After: the hub graph, fitted per fold, predicted by the product's latency model.
  const after = new Judged(observations.length);
  const foldOverheads: number[] = [];
  for (const fold of folds) {
    const fit = fitRoutedClass(context, options, fold.fitted);
    foldOverheads.push(fit.overheadMs);
    const predicted = productRtt(context, base, cls, fit.parameters, fold.tested);
    predicted.forEach((v, i) => {
      after.add(fold.tested[i] as number, v + fit.overheadMs);
    });
  }
  const afterPredictions = after.predictions();
  const final = fitRoutedClass(context, options);
  const inSample = productRtt(
    context,
    base,
    cls,
    final.parameters,
    observations.map((_, i) => i),
  ).map((v) => v + final.overheadMs);
  return {
    cls,
    dataset,
    folds: foldsLabel,
    before: summariseErrors(before.predictions(), observed, between),
    beforeInSample: summariseErrors(predictGreatCircle(context, greatCircle), observed, between),
    after: summariseErrors(afterPredictions, observed, between),
    afterInSample: summariseErrors(inSample, observed, between),
    final,
    foldOverheads,
    predictions: afterPredictions,
    byDistance: BANDS_KM.slice(0, -1).map((low, b) => {
      const high = BANDS_KM[b + 1] as number;
      return {
        band: `${low.toLocaleString('en-US')}-${high.toLocaleString('en-US')} km`,
        summary: summariseErrors(afterPredictions, observed, (i) => {
          const o = observations[i];
          if (!o || o.from === o.to) return false;
          const km = distanceKm(
            dataset.problem.locations[o.from] as Coordinates,
            dataset.problem.locations[o.to] as Coordinates,
          );
          return km >= low && km < high;
        }),
      };
    }),
  };
}

/** Out-of-sample predictions: a pair may be judged by two folds (one per end); it gets the mean. */
class Judged {
  private readonly sum: Float64Array;
  private readonly count: Int32Array;
  constructor(size: number) {
    this.sum = new Float64Array(size);
    this.count = new Int32Array(size);
  }
  add(k: number, value: number): void {
    this.sum[k] = (this.sum[k] as number) + value;
    this.count[k] = (this.count[k] as number) + 1;
  }
  predictions(): Float64Array {
    return this.sum.map((s, k) =>
      (this.count[k] as number) > 0 ? s / (this.count[k] as number) : Number.NaN,
    );
  }
}

/** RTTs of some observations by the product's latency model (the physical graph), in ms. */
function productRtt(
  context: FitContext,
  base: LatencyParameters,
  cls: RoutedLinkClass,
  parameters: RoutedClassParameters,
  subset: readonly number[],
): Float64Array {
  const { locations, observations } = context.problem;
  const full: LatencyParameters = { ...base, classes: { ...base.classes, [cls]: parameters } };
  const used = [
    ...new Set(subset.flatMap((k) => [observations[k]?.from as number, observations[k]?.to as number])),
  ];
  const places = used.map((i) =>
    cls === 'backbone'
      ? (locations[i]?.id as string)
      : hostPlace(locations[i]?.lat as number, locations[i]?.lon as number),
  );
  const matrix = latencyMatrix(EMPTY_ESTATE, places, { parameters: full });
  const position = new Map(used.map((i, p) => [i, p]));
  return Float64Array.from(subset, (k) => {
    const o = observations[k];
    if (!o || o.from === o.to) return 0;
    return matrix.at(position.get(o.from) as number, position.get(o.to) as number);
  });
}

const awsIds = aws.problem.locations.map((l) => l.id);
const cityIds = city.problem.locations.map((l) => l.id);
// The backbone first: between regions only the backbone counts (AWS places never pass internet
// traffic on), so its evaluation does not depend on the internet's parameters. The internet is then
// evaluated over the fitted backbone, as the product will run.
const start: LatencyParameters = {
  source: 'fit in progress',
  classes: { ...HAND_SET_CLASSES, ...INITIAL },
};
// The city pings' evidence on each corridor, for the backbone: a corridor the internet's traffic
// is measured far slower on than its length says (no cable, or traffic goes around) starts the
// backbone's fit with that cost. Only the evidence against a corridor carries over (a fast internet
// corridor says nothing of AWS's). Fitted on every city row: none is an AWS measurement, so the
// backbone's cross-validation stays leave-one-region-out.
const cityFit = fitRoutedClass(fitContext(city.problem), { ...FIT.internet, initial: INITIAL.internet });
const ROUTE_PRIOR = Object.fromEntries(
  Object.entries(cityFit.parameters.routeMs ?? {}).filter(([, ms]) => ms > 0),
);
const backbone = evaluate(
  'backbone',
  aws,
  leaveLocationOutFolds(aws.problem.observations, assignFolds(awsIds, awsIds.length), awsIds.length),
  `leave-one-region-out, ${awsIds.length} folds`,
  start,
  { routePrior: ROUTE_PRIOR },
);
const internet = evaluate(
  'internet',
  city,
  leaveLocationOutFolds(city.problem.observations, assignFolds(cityIds, CITY_FOLDS), CITY_FOLDS),
  `leave-cities-out, ${CITY_FOLDS} folds of ${Math.round(cityIds.length / CITY_FOLDS)} cities`,
  { ...start, classes: { ...start.classes, backbone: backbone.final.parameters } },
);
const reports = [backbone, internet];

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const lines: string[] = [];
lines.push(`footprint fit:latency: data from ${dataDir}`);
for (const d of [aws, city]) {
  lines.push(`  ${d.file} (sha256 ${d.sha256.slice(0, 12)}): ${d.rows} rows`);
  for (const note of d.notes) lines.push(`    ${note}`);
}
lines.push('');
lines.push('Measurement overhead (fitted per dataset; never part of the model):');
lines.push(
  `  ${AWS_FILE}: ${backbone.final.overheadMs.toFixed(2)} ms (TCP connect and name resolution from a Lambda; folds ${Math.min(...backbone.foldOverheads).toFixed(2)}-${Math.max(...backbone.foldOverheads).toFixed(2)} ms)`,
);
lines.push(
  `  ${CITY_FILE}: 0 ms (ICMP echo between servers; one constant on every row, so it cannot be told apart from the internet's per-link cost, which keeps it)`,
);
lines.push('');
lines.push('Relative error |model - measured| / measured, out of sample (cross-validated by location):');
lines.push('  class     measured between             model                    median    p90   pairs');
for (const r of reports) {
  const label = r.cls === 'backbone' ? 'AWS regions' : 'internet hosts (lat,lon)';
  lines.push(
    `  ${r.cls.padEnd(9)} ${label.padEnd(28)} one inflation factor  ${pct(r.before.medianError).padStart(7)} ${pct(r.before.p90Error).padStart(7)} ${String(r.before.pairs).padStart(6)}`,
  );
  lines.push(
    `  ${''.padEnd(9)} ${''.padEnd(28)} hubs and cables       ${pct(r.after.medianError).padStart(7)} ${pct(r.after.p90Error).padStart(7)} ${String(r.after.pairs).padStart(6)}`,
  );
  lines.push(`  ${''.padEnd(38)}(${r.folds})`);
}
lines.push('');
lines.push('Hubs and cables, out of sample, by distance between the two ends:');
lines.push(
  `  ${'distance'.padEnd(17)} ${reports.map((r) => `${r.cls.padEnd(9)} median    p90  pairs`).join('   ')}`,
);
BANDS_KM.slice(0, -1).forEach((_, b) => {
  const cells = reports.map((r) => {
    const s = r.byDistance[b]?.summary;
    if (!s || s.pairs === 0)
      return `${''.padEnd(9)} ${'-'.padStart(6)} ${'-'.padStart(6)} ${'0'.padStart(6)}`;
    return `${''.padEnd(9)} ${pct(s.medianError).padStart(6)} ${pct(s.p90Error).padStart(6)} ${String(s.pairs).padStart(6)}`;
  });
  lines.push(`  ${(reports[0]?.byDistance[b]?.band ?? '').padEnd(17)} ${cells.join('   ')}`);
});
lines.push('');
lines.push("The ten worst region pairs, out of sample (the route is the final fit's):");
for (const line of worstPairs(aws, backbone.predictions, {
  ...start,
  classes: { ...start.classes, backbone: backbone.final.parameters },
}))
  lines.push(`  ${line}`);
lines.push('');
lines.push('In sample (fitted on every row, for comparison):');
for (const r of reports) {
  lines.push(
    `  ${r.cls.padEnd(9)} one inflation factor ${pct(r.beforeInSample.medianError)} / ${pct(r.beforeInSample.p90Error)}, hubs and cables ${pct(r.afterInSample.medianError)} / ${pct(r.afterInSample.p90Error)}`,
  );
}
lines.push('');
lines.push('Fitted parameters:');
for (const r of reports) {
  const p = r.final.parameters;
  lines.push(
    `  ${r.cls.padEnd(9)} land x${p.inflation.toFixed(3)}, sea x${p.seaInflation.toFixed(3)}, access x${p.accessInflation.toFixed(3)}, ${p.hopMs.toFixed(2)} ms per link, ${p.hubMs.toFixed(2)} ms per exchange hub${p.hubAccessMs ? `, access cost at ${Object.keys(p.hubAccessMs).length} hubs` : ''}${p.routeMs ? `, own cost on ${Object.keys(p.routeMs).length} routes` : ''}`,
  );
}

const parameters: LatencyParameters = {
  source: `fitted by npm run fit:latency to ${AWS_FILE} (cloudping.co, 2025) and ${CITY_FILE} (WonderNetwork, 2020)`,
  classes: {
    ...HAND_SET_CLASSES,
    backbone: rounded(backbone.final.parameters),
    internet: rounded(internet.final.parameters),
  },
  accuracy: {
    backbone: accuracy(backbone, `${AWS_FILE} (cloudping.co, 2025)`),
    internet: accuracy(internet, `${CITY_FILE} (WonderNetwork, 2020)`),
  },
};

function accuracy(r: ClassReport, dataset: string): ClassAccuracy {
  return {
    dataset,
    folds: r.folds,
    pairs: r.after.pairs,
    medianError: round(r.after.medianError, 3),
    p90Error: round(r.after.p90Error, 3),
  };
}

if (args['dry-run']) {
  lines.push('', '--dry-run: nothing written');
} else {
  writeFileSync(PARAMETERS_FILE, parametersSource(parameters, [aws, city]));
  execFileSync('npx', ['biome', 'format', '--write', PARAMETERS_FILE], { stdio: 'ignore' });
  lines.push('', `wrote ${PARAMETERS_FILE}`);
}
console.log(lines.join('\n'));
console.error(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
