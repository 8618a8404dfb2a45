/**
 * Writing a placement back: in place (only the `at` of the moved services changes, byte for byte
 * elsewhere), or as a file that extends the estate; both read back to the placement that was
 * evaluated, with the same figures, and placing again moves nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateRequests } from '../app/index.js';
import { loadEstate } from '../model/index.js';
import { placeServices } from './place.js';
import type { PlacementResult } from './result.js';
import { type PlacementEdits, placementOverlay, writePlacementInPlace } from './write.js';

const EXAMPLE = 'examples/ticketmaster-phoenix/estate.yaml';
const SAMPLES = 4000;
const dir = mkdtempSync(join(tmpdir(), 'footprint-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function editsOf(result: PlacementResult): PlacementEdits {
  return Object.fromEntries(result.services.filter((s) => s.moved).map((s) => [s.service, s.proposed]));
}

function figures(file: string) {
  return evaluateRequests(loadEstate(file), { samples: SAMPLES }).requests.map((r) => ({
    metro: r.metro,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
  }));
}

describe('writing the placement', async () => {
  const original = readFileSync(EXAMPLE, 'utf8');
  const result = await placeServices(loadEstate(EXAMPLE), { samples: SAMPLES, timings: false });
  const edits = editsOf(result);
  const proposed = result.proposed.map((r) => ({ metro: r.metro, p50Ms: r.p50Ms, p99Ms: r.p99Ms }));

  it("in place: only the moved services' `at` lines change, and the file reads back to the same figures", async () => {
    expect(Object.keys(edits)).toEqual(['event-details', 'pricing', 'seat-map', 'recommendations']);
    const file = join(dir, 'estate.yaml');
    const written = writePlacementInPlace(original, edits);
    writeFileSync(file, written);
    const before = original.split('\n');
    const after = written.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.map((line, i) => [before[i], line]).filter(([a, b]) => a !== b);
    expect(changed).toEqual([
      [
        '    at: [{ place: usw2-az1, instances: 6 }, { place: usw2-az2, instances: 6 }]',
        '    at: [{ place: us-west-2-phx-2a, instances: 12 }]',
      ],
      [
        '    at: [{ place: usw2-az1, instances: 4 }, { place: usw2-az2, instances: 4 }]',
        '    at: [{ place: us-west-2-phx-2a, instances: 8 }]',
      ],
      [
        '    at: [{ place: usw2-az1, instances: 6 }, { place: usw2-az2, instances: 6 }]',
        '    at: [{ place: us-west-2-phx-2a, instances: 12 }]',
      ],
      [
        '    at: [{ place: usw2-az1, instances: 4 }, { place: usw2-az2, instances: 4 }]',
        '    at: [{ place: us-west-2-phx-2a, instances: 8 }]',
      ],
    ]);
    expect(figures(file)).toEqual(proposed);
    // Placing the written estate again moves nothing.
    const again = await placeServices(loadEstate(file), { samples: SAMPLES, timings: false });
    expect(again.services.filter((s) => s.moved)).toEqual([]);
    expect(again.objective.proposed).toBeCloseTo(result.objective.proposed, 9);
  });

  it('as a file that extends the estate: only the moved placements, the same figures as the hand-made design', () => {
    const file = join(dir, 'placed.yaml');
    writeFileSync(join(dir, 'base.yaml'), original);
    const text = placementOverlay(join(dir, 'base.yaml'), file, result.estate, edits);
    writeFileSync(file, text);
    expect(text).toContain('extends: ./base.yaml\n');
    expect(text).toContain('  event-details:\n    at: [{ place: us-west-2-phx-2a, instances: 12 }]\n');
    const estate = loadEstate(file);
    expect(estate.files).toEqual([file, join(dir, 'base.yaml')]);
    expect(figures(file)).toEqual(proposed);
    // The placement the example's authors made by hand, figure for figure.
    expect(figures('examples/ticketmaster-phoenix/event-page-local-zone.yaml')).toEqual(proposed);
  });
});

describe('writePlacementInPlace on other shapes', () => {
  const at = [{ place: 'us-west-2-phx-2a', instances: 3 }];
  it('keeps a block list a block list, and comments outside the replaced value', () => {
    const text =
      'name: x\nservices:\n  a:\n    # where\n    at:\n      - usw2-az1\n      - usw2-az2\n    computeMs: 2 # ms\n';
    expect(writePlacementInPlace(text, { a: at })).toBe(
      'name: x\nservices:\n  a:\n    # where\n    at:\n      - { place: us-west-2-phx-2a, instances: 3 }\n    computeMs: 2 # ms\n',
    );
  });
  it('writes into a service given as a flow map', () => {
    expect(writePlacementInPlace('services:\n  a: { at: [usw2-az1], computeMs: 1 }\n', { a: at })).toBe(
      'services:\n  a: { at: [{ place: us-west-2-phx-2a, instances: 3 }], computeMs: 1 }\n',
    );
  });
  it('gives a service the file does not define (it comes from the file it extends) its own `at`', () => {
    expect(
      writePlacementInPlace('extends: base.yaml\nname: x\nservices:\n  b:\n    computeMs: 1\n', { a: at }),
    ).toBe(
      'extends: base.yaml\nname: x\nservices:\n  b:\n    computeMs: 1\n  a:\n    at: [{ place: us-west-2-phx-2a, instances: 3 }]\n',
    );
    expect(writePlacementInPlace('extends: base.yaml\nname: x\n', { a: at })).toBe(
      'extends: base.yaml\nname: x\nservices:\n  a:\n    at: [{ place: us-west-2-phx-2a, instances: 3 }]\n',
    );
  });
  it('adds `at` to a service that has none in this file', () => {
    expect(writePlacementInPlace('services:\n  a:\n    computeMs: 1 # c\n', { a: at })).toBe(
      'services:\n  a:\n    at: [{ place: us-west-2-phx-2a, instances: 3 }]\n    computeMs: 1 # c\n',
    );
  });
  it('quotes a site id that YAML would read as a number', () => {
    expect(
      writePlacementInPlace('services:\n  a: { at: [x] }\n', { a: [{ place: '1234', instances: 1 }] }),
    ).toBe('services:\n  a: { at: [{ place: "1234", instances: 1 }] }\n');
  });
});
