/**
 * Fuzz: the CLI, in-process, on generated hostile and careless inputs (estates, scenario files and
 * AWS snapshots), each within a time and memory budget. Every input must end in a result (exit 0
 * or 1) or a clean user error (exit 2, `error[FP_...]`), never an internal error, a stack trace, a
 * non-finite figure in JSON, or a run that does not end.
 *
 * The inputs start from real ones (the Ticketmaster example, its on-sale scenario, the hybrid AWS
 * snapshot) and are broken the ways people and tools break files: a value replaced by a hostile
 * one (huge, negative, non-finite spelled as a string, empty, deeply nested, control bytes, a list
 * for a map), a key dropped or duplicated, an id renamed, the text cut short or a character
 * flipped. Seeded: the same inputs on every run (`FUZZ_SEED`, `FUZZ_RUNS` for others or more).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { footprint, ROOT, STACK_TRACE } from './cli.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
/** Budgets per input: far above what a sane input takes, far below a hang or a blow-up. */
const TIME_BUDGET_MS = 20_000;
const HEAP_BUDGET_BYTES = 1024 * 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'footprint-fuzz-'));
// Beside a copy of the example, so that `extends: estate.yaml` and the like resolve.
cpSync(join(ROOT, 'examples/ticketmaster-phoenix'), dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How the runs ended, by command and exit code: printed, so a fuzz that only tests refusals shows. */
const outcomes = new Map<string, number>();
afterAll(() => console.log(`fuzz: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values a careless or hostile file puts where another was expected. */
const hostile: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    0,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    0.5,
    'NaN',
    'Infinity',
    '',
    ' ',
    '\u001b[2J',
    '../../../../etc/passwd',
    '/dev/zero',
    'metro:',
    'us-west-2',
    'phx-dc',
    '0x3D',
    '1e999',
    null,
    true,
    [],
    {},
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.constantFrom<Json>(1, 'a', null), { maxLength: 3 }),
  fc.nat(60).map((depth) => {
    let value: Json = 1;
    for (let i = 0; i < depth; i++) value = { a: value };
    return value;
  }),
);

/** Every path to a value of a document, as keys and indexes. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...paths(v, [...at, i]));
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

function valueAt(doc: Json, path: readonly (string | number)[]): Json {
  let value = doc;
  for (const key of path) value = (value as Record<string | number, Json>)[key] as Json;
  return value;
}

function edit(doc: Json, path: (string | number)[], change: (parent: Json, key: string | number) => void) {
  if (path.length === 0) return;
  let parent = doc;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as Json;
  change(parent, path[path.length - 1] as string | number);
}

interface Mutation {
  readonly picks: readonly { readonly at: number; readonly kind: number; readonly value: Json }[];
  readonly text: { readonly at: number; readonly kind: number; readonly char: string } | null;
}

/** A mutation of a parsed document, then of its text. */
const mutation: fc.Arbitrary<Mutation> = fc.record({
  // Often one change only: a file with a single mistake gets furthest into the commands.
  picks: fc.array(fc.record({ at: fc.nat(), kind: fc.nat(3), value: hostile }), {
    minLength: 1,
    maxLength: 2,
  }),
  // A quarter of the files also get their text broken (cut short, a character replaced or added).
  text: fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.record({
        at: fc.nat(),
        kind: fc.nat(2),
        char: fc.constantFrom(':', '-', '\t', '{', '"', '\u0000', '&a', '*a', '<<'),
      }),
    },
  ),
});

function mutate(source: string, m: Mutation): string {
  const doc = parse(source) as Json;
  for (const pick of m.picks) {
    // Paths again after each change: an earlier one may have replaced a subtree.
    const all = paths(doc).filter((p) => p.length > 0);
    const path = all[pick.at % Math.max(1, all.length)];
    if (!path) continue;
    // A value from elsewhere in the same file: a plausible mistake (an id in the wrong place, a
    // number from another field) that gets past the schema more often than a hostile one.
    const leaves = all.filter((p) => {
      const v = valueAt(doc, p);
      return v === null || typeof v !== 'object';
    });
    const donorPath = leaves[(pick.at >>> 7) % Math.max(1, leaves.length)] ?? [];
    const donor = structuredClone(valueAt(doc, donorPath));
    edit(doc, path, (parent, key) => {
      const record = parent as Record<string | number, Json>;
      const current = record[key] as Json;
      if (pick.kind === 0) record[key] = pick.value;
      else if (pick.kind === 1 || Array.isArray(parent)) record[key] = donor;
      else if (pick.kind === 2) delete record[key];
      else if (typeof current === 'number')
        record[key] = current * ([1000, 0.001, -1, 0][pick.at % 4] as number);
      else record[`${String(key)}-renamed`] = current;
    });
  }
  let text = stringify(doc);
  if (m.text) {
    const at = m.text.at % Math.max(1, text.length);
    if (m.text.kind === 0) text = text.slice(0, at);
    else if (m.text.kind === 1) text = `${text.slice(0, at)}${m.text.char}${text.slice(at + 1)}`;
    else text = `${text.slice(0, at)}${m.text.char}${text.slice(at)}`;
  }
  return text;
}

/** JSON output parses (JSON.stringify would have turned a NaN figure into null: see figuresFinite). */
function checkJson(stdout: string) {
  JSON.parse(stdout);
}

/** Text output shows no NaN or Infinity figure (unless the input itself spelled one, as a name). */
function figuresFinite(stdout: string, input: string) {
  if (/NaN|Infinity/.test(input)) return;
  expect(stdout).not.toMatch(/(^|[\s(])(NaN|-?Infinity)([\s),]|$)/m);
}

async function runWithinBudget(argv: string[]) {
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = await footprint(...argv);
  const ms = performance.now() - started;
  const context = `footprint ${argv.join(' ')}\n${result.stderr.slice(0, 2000)}`;
  const key = `${argv[0]}:${result.code}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  expect(result.code, context).toBeOneOf([0, 1, 2]);
  expect(result.stderr, context).not.toContain('internal error');
  expect(result.stderr, context).not.toMatch(STACK_TRACE);
  if (result.code === 2 && argv.includes('--json')) {
    const { errors } = JSON.parse(result.stderr) as { errors: { code: string }[] };
    expect(errors.length, context).toBeGreaterThan(0);
    for (const e of errors) expect(e.code, context).toMatch(/^FP_[A-Z_]+$/);
  } else if (result.code === 2) expect(result.stderr, context).toMatch(/^error\[FP_[A-Z_]+\]: /);
  expect(ms, `${context}\ntook ${Math.round(ms)} ms`).toBeLessThan(TIME_BUDGET_MS);
  expect(process.memoryUsage().heapUsed - heap, context).toBeLessThan(HEAP_BUDGET_BYTES);
  return result;
}

const ESTATE = readFileSync(join(ROOT, 'examples/ticketmaster-phoenix/estate.yaml'), 'utf8');
const NETWORK = readFileSync(join(ROOT, 'examples/ticketmaster-phoenix/network-do.yaml'), 'utf8');
const SCENARIO = [
  'name: fuzz',
  'estate: ./onsale-lz-burst.yaml',
  'duration: 30s',
  'interval: 10s',
  'seed: 3',
  'demand:',
  '  - request: event-page',
  '    rate: { spike: { base: 20, peak: 60, at: 10s, ramp: 5s, hold: 5s } }',
  '    sessions: { requests: 2, think: 5s }',
  'client: { timeout: 10s, attempts: 2, backoff: { base: 500ms, cap: 5s } }',
  'actions:',
  '  - { at: 0, service: pricing, min: 2 }',
  'faults:',
  '  - { at: 15s, for: 10s, lose: { zone: us-west-2-phx-2a } }',
  '',
].join('\n');

describe('fuzz: the CLI on broken inputs', () => {
  let n = 0;
  const file = (name: string, text: string) => {
    const path = join(dir, `${n++}-${name}`);
    writeFileSync(path, text);
    return path;
  };

  it('estates: validate, report, evaluate and lint end in a result or a located error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(ESTATE, NETWORK), mutation, async (base, m) => {
        const path = file('estate.yaml', mutate(base, m));
        const validated = await runWithinBudget(['validate', path]);
        if (validated.code !== 0) return;
        const report = await runWithinBudget(['report', path, '--json', '--samples', '200']);
        if (report.code === 0) checkJson(report.stdout);
        const text = readFileSync(path, 'utf8');
        figuresFinite((await runWithinBudget(['evaluate', path, '--samples', '200'])).stdout, text);
        figuresFinite((await runWithinBudget(['lint', path])).stdout, text);
      }),
      { seed: SEED, numRuns: 120 * RUNS },
    );
  }, 600_000);

  it('scenarios: simulate ends in a result or a located error', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const path = file('scenario.yaml', mutate(SCENARIO, m));
        const result = await runWithinBudget(['simulate', path, '--json']);
        if (result.code === 0) checkJson(result.stdout);
      }),
      { seed: SEED, numRuns: 40 * RUNS },
    );
  }, 600_000);

  it('AWS snapshots: import ends in an estate or a located error', async () => {
    const snapshot = join(ROOT, 'test/fixtures/aws/hybrid');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true }))
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.json')) files.push(relative(snapshot, join(d, e.name)));
    };
    walk(snapshot);
    await fc.assert(
      fc.asyncProperty(fc.nat(files.length - 1), mutation, async (which, m) => {
        const copy = join(dir, `${n++}-snapshot`);
        for (const f of files) {
          mkdirSync(join(copy, f, '..'), { recursive: true });
          const text = readFileSync(join(snapshot, f), 'utf8');
          writeFileSync(join(copy, f), f === files[which] ? mutateJson(text, m) : text);
        }
        const result = await runWithinBudget(['import', 'aws', copy, '--json']);
        if (result.code === 0) checkJson(result.stdout);
      }),
      { seed: SEED, numRuns: 25 * RUNS },
    );
  }, 600_000);
});

/** A JSON file mutated as `mutate` does, written back as JSON (or cut short). */
function mutateJson(text: string, m: Mutation): string {
  const mutated = mutate(text, { ...m, text: null });
  const doc = parse(mutated) as Json;
  const json = JSON.stringify(doc, null, 2) ?? 'null';
  return m.text && m.text.kind === 0 ? json.slice(0, m.text.at % Math.max(1, json.length)) : json;
}
