/**
 * Running a game day: its scenario through every design, then each assertion on each design's run.
 * What an assertion names in a design (a pool) is checked when the design compiles, before any run.
 */
import { type Diagnostic, FootprintError } from '../errors.js';
import type { EstateSource, ReadFile } from '../model/index.js';
import {
  compileSimulation,
  loadScenarioDocument,
  type Scenario,
  type SimRun,
  simulateModel,
} from '../sim/index.js';
import { didYouMean } from '../suggest.js';
import { type GamedayAssertion, resolveAssertions } from './assertions.js';
import { type AssertionResult, evaluateAssertion } from './evaluate.js';
import { type GamedayInput, gamedaySchema } from './schema.js';

/** A loaded game day: its scenario and assertions. */
export interface Gameday {
  readonly name: string;
  readonly description?: string;
  readonly file: string;
  readonly scenario: Scenario;
  readonly assertions: readonly GamedayAssertion[];
  /** Where the assertions were read from, for locating problems found when designs compile. */
  readonly source?: EstateSource;
}

export interface GamedayDesignResult {
  readonly id: string;
  readonly name: string;
  readonly notes: readonly string[];
  readonly run: SimRun;
  readonly assertions: readonly AssertionResult[];
}

/** A game day's runs and assertion results, per design; `holds` when no assertion broke. */
export interface GamedayResult {
  readonly gameday: string;
  readonly file: string;
  readonly seed: number;
  readonly durationS: number;
  /** The faults of the timeline, as the runs name them. */
  readonly faults: readonly string[];
  readonly designs: readonly GamedayDesignResult[];
  readonly holds: boolean;
  readonly broken: number;
}

/**
 * Loads a game-day file. Throws a {@link FootprintError} listing every problem.
 * @example loadGameday('examples/ticketmaster-phoenix/gameday-parent-az.yaml').assertions.length
 */
export function loadGameday(file: string, readFile?: ReadFile): Gameday {
  const { scenario, input, source } = loadScenarioDocument<GamedayInput>(
    file,
    gamedaySchema,
    'game-day',
    readFile,
  );
  const { assertions, diagnostics } = resolveAssertions(input.assertions, scenario, source);
  if (diagnostics.length > 0) throw new FootprintError(diagnostics);
  return {
    name: scenario.name,
    ...(scenario.description !== undefined ? { description: scenario.description } : {}),
    file,
    scenario,
    assertions,
    source,
  };
}

export interface GamedayOptions {
  readonly seed?: number;
  /** Hears progress: the design running and the share of its simulated time done. */
  readonly onProgress?: (design: string, fraction: number) => void;
}

/**
 * Runs a game day: every design through its timeline, every assertion on every design it applies to.
 * @example runGameday(loadGameday('test/fixtures/gameday/parent-az.yaml')).broken // 1
 */
export function runGameday(gameday: Gameday, options: GamedayOptions = {}): GamedayResult {
  const scenario =
    options.seed !== undefined ? { ...gameday.scenario, seed: options.seed } : gameday.scenario;
  const compiled = scenario.designs.map((design) => ({ design, ...compileSimulation(scenario, design) }));
  const diagnostics = compiled.flatMap(({ design, model }) =>
    unknownPools(
      gameday,
      design.id,
      model.pools.map((p) => p.id),
    ),
  );
  if (diagnostics.length > 0) throw new FootprintError(diagnostics);
  const designs = compiled.map(({ design, model, notes }) => {
    const onProgress = options.onProgress;
    const run = simulateModel(model, onProgress ? (f) => onProgress(design.id, f) : undefined);
    const assertions = gameday.assertions
      .filter((a) => a.design === undefined || a.design === design.id)
      .map((a) => evaluateAssertion(a, design.id, run));
    return { id: design.id, name: design.name, notes, run, assertions };
  });
  const broken = designs.reduce((n, d) => n + d.assertions.filter((a) => !a.holds).length, 0);
  return {
    gameday: gameday.name,
    file: gameday.file,
    seed: scenario.seed,
    durationS: scenario.durationS,
    faults: designs[0]?.run.summary.faults?.map((f) => f.fault) ?? [],
    designs,
    holds: broken === 0,
    broken,
  };
}

/** Pools the assertions name that a design does not have. */
function unknownPools(gameday: Gameday, design: string, pools: readonly string[]): Diagnostic[] {
  return gameday.assertions.flatMap((a) => {
    if (a.check.kind !== 'pool' || pools.includes(a.check.pool)) return [];
    if (a.design !== undefined && a.design !== design) return [];
    const message = `design '${design}' has no pool '${a.check.pool}'`;
    const suggestion =
      didYouMean(a.check.pool, pools) ??
      (a.design === undefined && gameday.scenario.designs.length > 1
        ? `name the design it is about with \`design:\``
        : undefined);
    const extra = {
      expected: `a pool as service@place: ${pools.slice(0, 8).join(', ')}`,
      ...(suggestion ? { suggestion } : {}),
    };
    return [
      gameday.source
        ? gameday.source.diagnostic([...a.path, 'pool'], 'FP_UNKNOWN_ELEMENT', message, extra)
        : { code: 'FP_UNKNOWN_ELEMENT' as const, message, ...extra },
    ];
  });
}
