/**
 * A point's scenario: the sweep's scenario with `set` applied, one design, one outage's faults in
 * place of its own, loaded through the simulator's public entry (`loadScenario`) from a scenario
 * written for the point; then its demand scaled by the point's load. Problems the loader finds in
 * what the sweep changed are located back in the sweep file, the rest in the scenario's own files.
 */
import { dirname, relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Node as YamlNode } from 'yaml';
import { type Diagnostic, FootprintError } from '../errors.js';
import { type DataPath, deriveEstate, type ReadFile } from '../model/index.js';
import { compileSimulation, loadScenario, type Scenario } from '../sim/index.js';
import type { SweepDesign, SweepOutage, SweepPlan } from './load.js';

/** The scenario of one design under one outage, written out as the loader reads it. */
export function pointScenarioText(
  plan: SweepPlan,
  design: SweepDesign,
  outage: SweepOutage,
): { path: string; text: string } {
  const base: Record<string, unknown> = { ...plan.scenarioValue, ...(plan.input.set ?? {}) };
  delete base.estate;
  delete base.$schema;
  const estate = relative(dirname(plan.scenarioFile), design.estate) || design.estate;
  base.designs = { [design.id]: { estate, name: design.name } };
  if (outage.faults !== undefined) {
    if (outage.faults.length > 0) base.faults = outage.faults;
    else delete base.faults;
  }
  return { path: `${plan.scenarioFile}#${design.id}.${outage.id}`, text: stringify(base) };
}

/** The scenarios of a plan's design x outage pairs, loaded once each. */
export class PointScenarios {
  private readonly loaded = new Map<string, Scenario>();

  /** `compile`: also compile each design x outage (what faults name is checked then). */
  constructor(
    private readonly plan: SweepPlan,
    private readonly read: ReadFile,
    private readonly compile = true,
  ) {}

  /** The scenario of a design under an outage (load 1, the scenario's seed). Throws located errors. */
  get(design: SweepDesign, outage: SweepOutage): Scenario {
    const key = `${design.id}\0${outage.id}`;
    let scenario = this.loaded.get(key);
    if (!scenario) {
      scenario = this.load(design, outage);
      this.loaded.set(key, scenario);
    }
    return scenario;
  }

  private load(design: SweepDesign, outage: SweepOutage): Scenario {
    const { path, text } = pointScenarioText(this.plan, design, outage);
    const locate = (error: unknown): never => {
      if (!(error instanceof FootprintError)) throw error;
      const mapped = error.diagnostics.map((d) => locateBack(this.plan, design, outage, path, text, d));
      throw new FootprintError(dedupe(mapped));
    };
    let scenario: Scenario;
    try {
      scenario = this.patched(
        loadScenario(path, (file) => (file === path ? text : this.read(file))),
        design,
      );
      // What the faults name is checked against the design when it compiles: now, not at a point.
      if (this.compile) for (const d of scenario.designs) compileSimulation(scenario, d);
    } catch (error) {
      return locate(error);
    }
    return scenario;
  }

  /** The scenario with its design's estate patched, when the sweep patches it. */
  private patched(scenario: Scenario, design: SweepDesign): Scenario {
    const [only] = scenario.designs;
    if (!design.patch || !only) return scenario;
    try {
      return { ...scenario, designs: [{ ...only, estate: deriveEstate(only.estate, design.patch) }] };
    } catch (error) {
      if (!(error instanceof FootprintError)) throw error;
      const where = this.plan.sources.sweep.locate(['designs', design.id, 'patch'], 'key');
      const at = where ? ` (${where.file}:${where.line}:${where.col})` : '';
      throw new FootprintError(
        error.diagnostics.map((d) => ({
          ...d,
          message: `${d.message}, in the patch of design '${design.id}'${at}`,
        })),
      );
    }
  }
}

/** A point's scenario: the design x outage scenario with its demand scaled by `load`. */
export function scaledScenario(scenario: Scenario, load: number): Scenario {
  if (load === 1) return scenario;
  return {
    ...scenario,
    demand: scenario.demand.map((d) => ({
      ...d,
      profile: { stepS: d.profile.stepS, rates: d.profile.rates.map((rate) => rate * load) },
    })),
  };
}

/**
 * A diagnostic of the written scenario, located where the user wrote the value: the sweep's
 * `set`, its outage or its design, or the scenario file. Others (an estate's) stay as they are.
 */
function locateBack(
  plan: SweepPlan,
  design: SweepDesign,
  outage: SweepOutage,
  path: string,
  text: string,
  d: Diagnostic,
): Diagnostic {
  if (d.location?.file !== path) return d;
  const found = pathAt(text, d.location.line, d.location.col);
  const [head, ...rest] = found.path;
  const set = plan.input.set as Record<string, unknown> | undefined;
  let source = plan.sources.scenario;
  let at: DataPath = found.path;
  if (head === 'faults' && outage.faults !== undefined) {
    source = plan.sources.sweep;
    at = ['outages', outage.id, ...rest];
  } else if (head === 'designs') {
    const tail = rest.slice(1);
    if (design.origin === 'sweep') {
      source = plan.sources.sweep;
      at = ['designs', design.id, ...tail];
    } else at = plan.scenarioValue.designs ? ['designs', design.id, ...tail] : ['estate'];
  } else if (typeof head === 'string' && set && head in set) {
    source = plan.sources.sweep;
    at = ['set', ...found.path];
  }
  const extra = {
    ...(d.expected !== undefined ? { expected: d.expected } : {}),
    ...(d.suggestion !== undefined ? { suggestion: d.suggestion } : {}),
    on: found.on,
  };
  return source.diagnostic(at, d.code, d.message, extra);
}

/** The data path of the deepest node at line:col of a YAML text, and whether it is a key. */
function pathAt(text: string, line: number, col: number): { path: DataPath; on: 'key' | 'value' } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  offset += col - 1;
  const path: (string | number)[] = [];
  let node = document.contents as YamlNode | null;
  const within = (n: unknown) => {
    const range = (n as YamlNode | null)?.range;
    return range != null && offset >= range[0] && offset < Math.max(range[1], range[0] + 1);
  };
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => within(p.key) || within(p.value));
      if (!pair || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      if (within(pair.key)) return { path, on: 'key' };
      node = pair.value as YamlNode | null;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => within(item));
      if (i < 0) break;
      path.push(i);
      node = node.items[i] as YamlNode | null;
    } else break;
  }
  return { path, on: 'value' };
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code} ${d.location?.file}:${d.location?.line}:${d.location?.col} ${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
