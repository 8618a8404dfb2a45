import { describe, expect, it } from 'vitest';
import type { Service, ServiceDependencies } from '../model/index.js';
import { startupReport } from './deps.js';

/** Services with only what the start-up report reads: id and dependencies. */
function estate(spec: Record<string, Partial<ServiceDependencies>>) {
  const services = Object.entries(spec).map(
    ([id, d]) =>
      ({
        id,
        dependencies: {
          startup: [],
          requestTime: [],
          scope: 'regional',
          bootstrap: false,
          staticallyStable: false,
          ...d,
        },
      }) as unknown as Service,
  );
  return { name: 'test', services };
}

describe('startupReport', () => {
  it('a chain comes up in waves, one per link', () => {
    const report = startupReport(estate({ web: { startup: ['api'] }, api: { startup: ['db'] }, db: {} }));
    expect(report.waves).toEqual([['db'], ['api'], ['web']]);
    expect(report.groups).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('a statically stable member breaks the cycles through it, not the others of its group', () => {
    // a <-> b <-> c: a starts alone, so a-b-a is broken; b-c-b still deadlocks.
    const report = startupReport(
      estate({
        a: { startup: ['b'], staticallyStable: true },
        b: { startup: ['a', 'c'] },
        c: { startup: ['b'] },
        d: { startup: ['c'] },
      }),
    );
    const [group] = report.groups;
    expect(group?.members).toEqual(['a', 'b', 'c']);
    expect(group?.cycles).toEqual([
      { path: ['a', 'b', 'a'], brokenBy: ['a'] },
      { path: ['b', 'c', 'b'], brokenBy: [] },
    ]);
    expect(group?.deadlock).toBe(true);
    expect(group?.breakEdges).toEqual([{ from: 'b', to: 'c' }]);
    expect(group?.makeStaticallyStable).toHaveLength(1);
    expect(report.waves).toEqual([['a']]);
    expect(report.neverStarts).toEqual([
      { service: 'b', inCycle: true, waitsOn: ['c'] },
      { service: 'c', inCycle: true, waitsOn: ['b'] },
      { service: 'd', inCycle: false, waitsOn: ['c'] },
    ]);
    expect(report.startAlone).toEqual([{ service: 'a', why: 'staticallyStable' }]);
  });

  it('reports each cycle group apart, and a bootstrap ends the deadlock', () => {
    const spec = {
      a: { startup: ['b'] },
      b: { startup: ['a'] },
      x: { startup: ['y'] },
      y: { startup: ['x'], bootstrap: true },
    };
    const report = startupReport(estate(spec));
    expect(report.groups.map((g) => [g.members, g.deadlock])).toEqual([
      [['a', 'b'], true],
      [['x', 'y'], false],
    ]);
    expect(report.waves).toEqual([['y'], ['x']]);
    expect(report.ok).toBe(false);
  });

  it('services without declared dependencies start in wave 0', () => {
    const report = startupReport({ name: 'bare', services: [{ id: 's' } as unknown as Service] });
    expect(report.waves).toEqual([['s']]);
  });
});
