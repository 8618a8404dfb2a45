import { readFileSync } from 'node:fs';
import { geoGraticule10, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import { describe, expect, it } from 'vitest';
import { type Atlas, decimal, LAND_UNITS_PER_MAP_UNIT, projectLand } from './land.js';
import { baseProjection } from './projection.js';

const atlas = (scale: string) =>
  JSON.parse(readFileSync(`node_modules/world-atlas/countries-${scale}.json`, 'utf8')) as Atlas;

/** The rings of an SVG path of M, l, z commands (the compact form) as absolute points. */
function decode(path: string): [number, number][][] {
  const rings: [number, number][][] = [];
  let [x, y] = [0, 0];
  for (const [, command, args] of path.matchAll(/([MlLz])([^MlLz]*)/g)) {
    const numbers = [...(args ?? '').matchAll(/-?(?:\d+\.?\d*|\.\d+)/g)].map((m) => Number(m[0]));
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      const [a, b] = [numbers[i] as number, numbers[i + 1] as number];
      if (command === 'M' && i === 0) {
        [x, y] = [a, b];
        rings.push([]);
      } else if (command === 'l' || (command === 'M' && i > 0)) [x, y] = [x + a, y + b];
      else [x, y] = [a, b];
      rings.at(-1)?.push([hundredth(x), hundredth(y)]);
    }
  }
  return rings;
}

/** Rounded to the hundredth of a map unit (and -0 made 0). */
const hundredth = (v: number) => Math.round(v * LAND_UNITS_PER_MAP_UNIT) / LAND_UNITS_PER_MAP_UNIT + 0;

/** The rings d3 draws, at full precision, rounded to the hundredth with repeats dropped. */
function expected(object: Parameters<ReturnType<typeof geoPath>>[0]): [number, number][][] {
  const rings: [number, number][][] = [];
  const round = hundredth;
  const context = {
    moveTo: (x: number, y: number) => rings.push([[round(x), round(y)]]),
    lineTo: (x: number, y: number) => {
      const ring = rings.at(-1) as [number, number][];
      const [px, py] = ring.at(-1) as [number, number];
      if (round(x) !== px || round(y) !== py) ring.push([round(x), round(y)]);
    },
    closePath: () => {},
    arc: () => {},
  };
  geoPath(baseProjection(), context as never)(object);
  return rings;
}

describe('the land, projected at build time', () => {
  it('writes hundredths in the fewest characters', () => {
    expect([5, -5, 120, -120, 300, 0, 1234, -7, 10].map(decimal)).toEqual([
      '.05',
      '-.05',
      '1.2',
      '-1.2',
      '3',
      '0',
      '12.34',
      '-.07',
      '.1',
    ]);
  });

  it('draws every point d3 projects, to the hundredth of a map unit, with no drift', () => {
    const world = atlas('110m');
    const paths = projectLand(world);
    const shapes = {
      land: feature(world, world.objects.land),
      borders: mesh(world, world.objects.countries, (a, b) => a !== b),
      graticule: geoGraticule10(),
    };
    for (const [name, shape] of Object.entries(shapes)) {
      const rings = expected(shape);
      expect(rings.length, name).toBeGreaterThan(30);
      expect(decode(paths[name as keyof typeof shapes]), name).toEqual(rings);
    }
    // Compact: the relative form is much smaller than d3's own absolute path.
    const absolute = geoPath(baseProjection())(shapes.land) ?? '';
    expect(paths.land.length).toBeLessThan(0.6 * absolute.length);
  });
});
