/**
 * Property: whatever the loader is fed, it returns an estate or throws a FootprintError whose every
 * diagnostic is located in the file (line and column within it). Never any other exception.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { FootprintError } from '../errors.js';
import { parseEstate } from './index.js';

const EXAMPLE = readFileSync('examples/ticketmaster-phoenix/estate.yaml', 'utf8');
const BASE = parse(EXAMPLE) as Record<string, unknown>;

function outcome(text: string): 'estate' | 'error' {
  try {
    parseEstate(text, 'fuzz.yaml');
    return 'estate';
  } catch (error) {
    if (!(error instanceof FootprintError)) throw error;
    const lines = text.split(/\r?\n/).length;
    for (const d of error.diagnostics) {
      expect(d.code).toMatch(/^FP_[A-Z_]+$/);
      expect(d.location?.file).toBe('fuzz.yaml');
      expect(d.location?.line).toBeGreaterThanOrEqual(1);
      expect(d.location?.line).toBeLessThanOrEqual(lines + 1);
      expect(d.location?.col).toBeGreaterThanOrEqual(1);
    }
    return 'error';
  }
}

type Json = unknown;

/** Paths to every node of a plain JSON tree. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...paths(v, [...prefix, i]));
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function mutate(
  root: Json,
  path: (string | number)[],
  mutation: { kind: number; value: Json; key: string },
): Json {
  const copy = structuredClone(root) as Record<string | number, Json>;
  if (path.length === 0) return mutation.value;
  let parent: Record<string | number, Json> = copy;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  switch (mutation.kind) {
    case 0: // replace the value
      parent[last] = mutation.value;
      break;
    case 1: // delete it
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      break;
    case 2: // rename the key
      if (!Array.isArray(parent)) {
        parent[mutation.key] = parent[last];
        delete parent[last];
      }
      break;
    default: // add a sibling
      if (Array.isArray(parent)) parent.push(mutation.value);
      else parent[mutation.key] = mutation.value;
  }
  return copy;
}

const placeLike = fc.constantFrom(
  'phx-dc',
  'iad-dc',
  'dx:ECPH1',
  'dx:ecpo1',
  'us-west-2',
  'usw2-az1',
  'us-west-2-phx-2a',
  'metro:phoenix',
  'nowhere',
  '-33.9,151.2',
  '',
);
const value: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  placeLike,
  fc.tuple(placeLike, placeLike),
  fc.tuple(fc.double({ noNaN: false }), fc.double()),
  fc.constantFrom('datacenter', 'direct-connect', 'wan', null, true, -1, 1e308),
);
const key = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('kind', 'between', 'metro', 'location', 'sites', 'extends'),
);

describe('the loader never crashes', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        outcome(text);
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it('on arbitrary YAML documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (doc) => {
        outcome(stringify(doc));
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });

  it('on mutations of the example estate, in block and flow style', () => {
    const all = paths(BASE).filter((p) => !(p.length === 1 && p[0] === 'extends'));
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.nat({ max: all.length - 1 }),
            kind: fc.nat({ max: 3 }),
            value,
            key,
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.boolean(),
        (mutations, flow) => {
          let doc: Json = BASE;
          for (const m of mutations) {
            const candidates = paths(doc);
            const path = candidates[m.at % candidates.length] as (string | number)[];
            doc = mutate(doc, path, m);
          }
          // Never let a mutation point `extends` at a real file.
          if (doc && typeof doc === 'object' && 'extends' in doc)
            delete (doc as Record<string, Json>).extends;
          seen.add(outcome(stringify(doc, flow ? { collectionStyle: 'flow' } : {})));
        },
      ),
      { numRuns: 400, seed: 20261125 },
    );
    // The mutations exercise both outcomes.
    expect(seen).toEqual(new Set(['estate', 'error']));
  });
});
