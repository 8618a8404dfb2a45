/**
 * The two public measurement datasets the latency model is fitted to, read into fit problems.
 * Reference material only: the product never reads them (see docs/latency-model.md, "How accurate is it").
 *
 * - aws-inter-region-rtt.csv: `from,to,rtt_ms`, one-year median RTT between AWS regions
 *   (cloudping.co). Same-region rows are the measurement's own overhead.
 * - city-rtt.csv: `from,from_country,from_lat,from_lon,to,to_country,to_lat,to_lon,rtt_ms`, pings
 *   between internet hosts in world cities (WonderNetwork). Some hosts are mislocated.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getRegion } from '../src/catalog/index.js';
import { distanceKm, fiberFloorRttMs } from '../src/geo/index.js';
import type { FitProblem, MeasuredLocation, RttObservation } from '../src/latency/fit.js';

export const AWS_FILE = 'aws-inter-region-rtt.csv';
export const CITY_FILE = 'city-rtt.csv';

/** A host whose RTTs beat light in fiber to more than this share of its peers is mislocated. */
export const MISLOCATED_SHARE = 0.02;

export interface Dataset {
  readonly file: string;
  /** SHA-256 of the file, so that a figure can be tied to the exact data. */
  readonly sha256: string;
  readonly rows: number;
  readonly problem: FitProblem;
  /** What was left out, and why. */
  readonly notes: readonly string[];
}

function readRows(dir: string, file: string): { text: string; rows: { line: number; cells: string[] }[] } {
  const text = readFileSync(join(dir, file), 'utf8');
  const rows: { line: number; cells: string[] }[] = [];
  let header = true;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '' || raw.startsWith('#')) return;
    if (header) {
      header = false;
      return;
    }
    rows.push({ line: i + 1, cells: raw.split(',') });
  });
  return { text, rows };
}

function fail(file: string, line: number, message: string): never {
  throw new Error(`${file}:${line}: ${message}`);
}

function number(file: string, line: number, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value))
    fail(file, line, `not a number: '${text}'`);
  return value;
}

/** The AWS inter-region medians, against the catalog's region coordinates. */
export function readAwsDataset(dir: string): Dataset {
  const { text, rows } = readRows(dir, AWS_FILE);
  const ids: string[] = [];
  const locations: MeasuredLocation[] = [];
  const indexOf = (code: string, line: number) => {
    let i = ids.indexOf(code);
    if (i < 0) {
      const region = getRegion(code);
      if (!region) fail(AWS_FILE, line, `unknown region '${code}'`);
      i = ids.length;
      ids.push(code);
      locations.push({ id: code, lat: region.lat, lon: region.lon });
    }
    return i;
  };
  const observations: RttObservation[] = rows.map(({ line, cells }) => {
    if (cells.length !== 3) fail(AWS_FILE, line, `expected 3 columns, got ${cells.length}`);
    const [from, to, rtt] = cells as [string, string, string];
    return { from: indexOf(from, line), to: indexOf(to, line), rttMs: number(AWS_FILE, line, rtt) };
  });
  const same = observations.filter((o) => o.from === o.to).length;
  return {
    file: AWS_FILE,
    sha256: createHash('sha256').update(text).digest('hex'),
    rows: rows.length,
    problem: { linkClass: 'backbone', locations, observations },
    notes: [
      `${locations.length} regions; ${observations.length - same} rows between regions, ${same} same-region rows (the measurement's overhead)`,
    ],
  };
}

/** The city pings, with mislocated hosts and rows that beat light in fiber left out. */
export function readCityDataset(dir: string): Dataset {
  const { text, rows } = readRows(dir, CITY_FILE);
  const ids: string[] = [];
  const locations: MeasuredLocation[] = [];
  const indexOf = (name: string, lat: number, lon: number) => {
    let i = ids.indexOf(name);
    if (i < 0) {
      i = ids.length;
      ids.push(name);
      locations.push({ id: name, lat, lon });
    }
    return i;
  };
  const all = rows.map(({ line, cells }) => {
    if (cells.length !== 9) fail(CITY_FILE, line, `expected 9 columns, got ${cells.length}`);
    const from = indexOf(
      cells[0] as string,
      number(CITY_FILE, line, cells[2]),
      number(CITY_FILE, line, cells[3]),
    );
    const to = indexOf(
      cells[4] as string,
      number(CITY_FILE, line, cells[6]),
      number(CITY_FILE, line, cells[7]),
    );
    return { from, to, rttMs: number(CITY_FILE, line, cells[8]) };
  });
  const beatsLight = all.map(
    (o) =>
      o.rttMs <
      fiberFloorRttMs(distanceKm(locations[o.from] as MeasuredLocation, locations[o.to] as MeasuredLocation)),
  );
  const rowsOf = new Int32Array(ids.length);
  const fastOf = new Int32Array(ids.length);
  all.forEach((o, k) => {
    for (const i of [o.from, o.to]) {
      rowsOf[i] = (rowsOf[i] as number) + 1;
      if (beatsLight[k]) fastOf[i] = (fastOf[i] as number) + 1;
    }
  });
  const mislocated = new Set<number>();
  ids.forEach((_, i) => {
    if ((fastOf[i] as number) > MISLOCATED_SHARE * (rowsOf[i] as number)) mislocated.add(i);
  });
  const observations: RttObservation[] = [];
  let mislocatedRows = 0;
  let fastRows = 0;
  all.forEach((o, k) => {
    if (mislocated.has(o.from) || mislocated.has(o.to)) mislocatedRows++;
    else if (beatsLight[k]) fastRows++;
    else observations.push(o);
  });
  const names = [...mislocated].map((i) => `${ids[i]} (${fastOf[i]} of ${rowsOf[i]} rows beat light)`);
  return {
    file: CITY_FILE,
    sha256: createHash('sha256').update(text).digest('hex'),
    rows: rows.length,
    problem: { linkClass: 'internet', locations, observations },
    notes: [
      `${locations.length} hosts; mislocated (RTT beats light in fiber to more than ${MISLOCATED_SHARE * 100} % of peers), all rows left out: ${names.join(', ') || 'none'} (${mislocatedRows} rows)`,
      `${fastRows} more rows beat light in fiber and are left out; ${observations.length} rows kept`,
    ],
  };
}
