/**
 * The world's land, borders and graticule as SVG paths in the base projection, computed once by
 * `npm run build` (scripts/build-web.mjs) from Natural Earth country shapes at 1:50 million
 * (world-atlas TopoJSON), rather than by every page as it opens: projecting the 60,000 points of
 * the atlas took about half of opening a report.
 *
 * Runs in Node at build time; the page imports only the strings (the `footprint:land` module).
 */
import { type GeoPermissibleObjects, geoGraticule10, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { baseProjection } from './projection.js';

export type Atlas = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

/** The three paths the map draws under everything else. */
export interface LandPaths {
  readonly graticule: string;
  readonly land: string;
  readonly borders: string;
}

/**
 * Positions are kept to a hundredth of a map unit at zoom 1: about 400 m at the equator (350 m at
 * Phoenix's latitude), a pixel and a half at metro zoom, finer than the 1:50m shapes themselves.
 */
export const LAND_UNITS_PER_MAP_UNIT = 100;

/**
 * A path in the fewest characters: each ring starts at an absolute, rounded point and goes on by
 * relative steps between rounded points (so rounding never accumulates), with implicit commands,
 * no separator a parser does not need, and repeated points dropped.
 */
class CompactPath {
  private readonly out: string[] = [];
  /** The last number written, or '' right after a command letter. */
  private last = '';
  private x = 0;
  private y = 0;
  private ringStart = false;

  beginPath(): void {}

  moveTo(x: number, y: number): void {
    [this.x, this.y] = [rounded(x), rounded(y)];
    this.command('M');
    this.number(this.x);
    this.number(this.y);
    this.ringStart = true;
  }

  lineTo(x: number, y: number): void {
    const [rx, ry] = [rounded(x), rounded(y)];
    if (rx === this.x && ry === this.y) return;
    if (this.ringStart) this.command('l');
    this.number(rx - this.x);
    this.number(ry - this.y);
    [this.x, this.y, this.ringStart] = [rx, ry, false];
  }

  closePath(): void {
    this.command('z');
  }

  arc(): void {
    throw new Error('the land has no points to draw as circles');
  }

  toString(): string {
    return this.out.join('');
  }

  private command(letter: string): void {
    this.out.push(letter);
    this.last = '';
  }

  /** A number in hundredths, split from the one before only when a parser would join them. */
  private number(hundredths: number): void {
    const text = decimal(hundredths);
    const joined =
      this.last === '' || text.startsWith('-') || (text.startsWith('.') && this.last.includes('.'));
    this.out.push(joined ? text : ` ${text}`);
    this.last = text;
  }
}

function rounded(x: number): number {
  return Math.round(x * LAND_UNITS_PER_MAP_UNIT);
}

/** An integer count of hundredths as the shortest decimal: 5 -> ".05", -120 -> "-1.2", 300 -> "3". */
export function decimal(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const a = Math.abs(hundredths);
  const whole = Math.floor(a / LAND_UNITS_PER_MAP_UNIT);
  const fraction = a % LAND_UNITS_PER_MAP_UNIT;
  if (fraction === 0) return `${sign}${whole}`;
  const digits = String(fraction).padStart(2, '0').replace(/0$/, '');
  return `${sign}${whole === 0 ? '' : whole}.${digits}`;
}

/** The land, the borders between countries and a 10° graticule, projected and serialised. */
export function projectLand(atlas: Atlas): LandPaths {
  const draw = (object: GeoPermissibleObjects) => {
    const path = new CompactPath();
    geoPath(baseProjection(), path)(object);
    return path.toString();
  };
  return {
    graticule: draw(geoGraticule10()),
    land: draw(feature(atlas, atlas.objects.land)),
    borders: draw(mesh(atlas, atlas.objects.countries, (a, b) => a !== b)),
  };
}
