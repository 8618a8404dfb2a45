/**
 * A user's own RTT measurements: a CSV file of `from,to,rtt_ms` rows, places by id (sites of the
 * estate, catalog ids) or as a quoted `"lat,lon"`. Every bad row is an error located at
 * file:line:col, and every one is reported, not just the first.
 */
import type { Place } from '../catalog/index.js';
import { type Diagnostic, FootprintError, type SourceLocation } from '../errors.js';
import { distanceKm, fiberFloorRttMs } from '../geo/index.js';
import type { Estate } from './estate.js';
import { findPlace, unknownPlaceDiagnostic } from './places.js';
import { codeFrame } from './source.js';

/** One measured RTT between two places. */
export interface Ping {
  readonly from: Place;
  readonly to: Place;
  readonly rttMs: number;
  /** Where it was read: file and 1-based line. */
  readonly file: string;
  readonly line: number;
}

/** What to check when a link's `measuredRttMs` beats light in fiber. */
export const LINK_RTT_HELP =
  'check the measurement (a round trip, in ms) and the places the link joins: one of them is probably somewhere else';

export const PINGS_HEADER = ['from', 'to', 'rtt_ms'] as const;

/** A CSV field with its 1-based column and length on its line. */
interface Field {
  readonly text: string;
  readonly col: number;
  readonly length: number;
}

/**
 * Splits one CSV line (RFC 4180: fields may be double-quoted, `""` is a quote) into fields with
 * their positions. Undefined when a quote is left open.
 * @example splitCsvLine('a,"1,2",3').map((f) => f.text) // ['a', '1,2', '3']
 */
export function splitCsvLine(line: string): Field[] | undefined {
  const fields: Field[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '"') {
      const open = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += line[i];
        i++;
      }
      const close = i;
      while (i < line.length && line[i] !== ',') i++;
      fields.push({ text: text.trim(), col: open + 1, length: close - open });
    } else {
      i = start;
      while (i < line.length && line[i] !== ',') i++;
      const raw = line.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      fields.push({ text: raw.trim(), col: start + 1 + lead, length: Math.max(1, raw.trim().length) });
    }
    if (i >= line.length) return fields;
    i++;
  }
}

/**
 * Reads a pings file against an estate. Throws a {@link FootprintError} listing every bad row:
 * wrong column count, an unknown place (with did-you-mean), an RTT that is not a number or is
 * negative, or a pair faster than light in fiber.
 * @example parsePings('from,to,rtt_ms\nus-east-1,eu-west-1,68\n', 'pings.csv', estate)[0]?.rttMs // 68
 */
export function parsePings(text: string, file: string, estate: Estate): Ping[] {
  const diagnostics: Diagnostic[] = [];
  const pings: Ping[] = [];
  const lines = text.split(/\r?\n/);
  const at = (
    line: number,
    field: { col: number; length: number },
  ): { location: SourceLocation; frame: string } => {
    const location = { file, line, col: field.col, length: field.length };
    return { location, frame: codeFrame(text, location) };
  };
  let sawHeader = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const fields = splitCsvLine(raw);
    if (!fields) {
      diagnostics.push({
        code: 'FP_BAD_CSV',
        message: 'a quoted field is not closed',
        ...at(line, { col: raw.indexOf('"') + 1, length: raw.length - raw.indexOf('"') }),
        expected: 'fields in double quotes end with a double quote',
      });
      return;
    }
    if (!sawHeader && pings.length === 0 && isHeader(fields)) {
      sawHeader = true;
      return;
    }
    if (fields.length !== 3) {
      const unquoted = fields.length > 3 && fields.some((f) => /^-?\d+(\.\d+)?$/.test(f.text));
      diagnostics.push({
        code: 'FP_BAD_CSV',
        message: `expected 3 columns (${PINGS_HEADER.join(',')}), got ${fields.length}`,
        ...at(line, { col: 1, length: Math.max(1, raw.length) }),
        expected: 'from,to,rtt_ms: two places and an RTT in ms',
        ...(unquoted ? { suggestion: 'a place given as lat,lon must be quoted: "33.45,-112.07"' } : {}),
      });
      return;
    }
    const [fromField, toField, rttField] = fields as [Field, Field, Field];
    const ends = [fromField, toField].map((field) => {
      if (field.text === '') {
        diagnostics.push({
          code: 'FP_MISSING_KEY',
          message: 'a place is missing',
          ...at(line, field),
          expected: 'a place id or a quoted "lat,lon"',
        });
        return undefined;
      }
      const place = findPlace(field.text, estate);
      if (!place) diagnostics.push({ ...unknownPlaceDiagnostic(field.text, estate), ...at(line, field) });
      return place;
    });
    const rttMs = Number(rttField.text);
    // Decimal only: Number() would read '0x3D' as 61 and '' as 0.
    if (!DECIMAL.test(rttField.text.trim()) || !Number.isFinite(rttMs)) {
      diagnostics.push({
        code: 'FP_INVALID_VALUE',
        message: `rtt_ms is not a decimal number: '${rttField.text}'`,
        ...at(line, rttField),
        expected: 'a round-trip time in milliseconds, e.g. 31.8',
      });
      return;
    }
    if (rttMs <= 0) {
      diagnostics.push({
        code: 'FP_INVALID_VALUE',
        message: `rtt_ms must be positive, got ${rttField.text}`,
        ...at(line, rttField),
        expected: 'a round-trip time in milliseconds, greater than 0',
      });
      return;
    }
    const [from, to] = ends;
    if (!from || !to) return;
    if (from.id === to.id) {
      diagnostics.push({
        code: 'FP_INVALID_VALUE',
        message: `both ends are '${from.id}'`,
        ...at(line, toField),
        expected: 'two different places',
      });
      return;
    }
    const tooFast = fasterThanLight(
      rttMs,
      from,
      to,
      'check the places: one of them is probably somewhere else',
    );
    if (tooFast) {
      diagnostics.push({ ...tooFast, ...at(line, rttField) });
      return;
    }
    pings.push({ from, to, rttMs, file, line });
  });
  if (diagnostics.length > 0) throw new FootprintError(diagnostics);
  if (pings.length === 0) {
    throw new FootprintError({
      code: 'FP_BAD_CSV',
      message: `no measurements in '${file}'`,
      expected: `rows of ${PINGS_HEADER.join(',')}, e.g. phx-dc,us-west-2,31.8`,
    });
  }
  return pings;
}

/**
 * Why an RTT measured between two places cannot be: it beats light in fiber over their great-circle
 * distance (the floor, named in `expected`). Undefined when it can be. Unlocated: callers add where
 * the figure is written.
 * @example fasterThanLight(12, phoenix, ashburn, 'check the measurement')?.expected // 'at least 30.… ms: …'
 */
export function fasterThanLight(
  rttMs: number,
  from: Place,
  to: Place,
  suggestion: string,
): Diagnostic | undefined {
  const km = distanceKm(from, to);
  const floor = fiberFloorRttMs(km);
  if (rttMs >= floor) return undefined;
  return {
    code: 'FP_FASTER_THAN_LIGHT',
    message: `${rttMs} ms between '${from.id}' and '${to.id}' beats light in fiber`,
    expected: `at least ${floor.toFixed(2)} ms: light in fiber takes that for ${Math.round(km).toLocaleString('en-US')} km and back`,
    suggestion,
  };
}

/** A first row that starts `from,to` is the header (whatever it calls the RTT column). */
function isHeader(fields: readonly Field[]): boolean {
  return fields[0]?.text.toLowerCase() === 'from' && fields[1]?.text.toLowerCase() === 'to';
}

/** A decimal number as people write a ping: 31.8, 0.9, 1e2. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
