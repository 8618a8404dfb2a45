/**
 * The JSON the page is fed: what `footprint report FILE --json` prints, plus the optional parts
 * other commands add as they land. The page holds no domain logic; it only draws these figures.
 */
import type { CriticalStep, RequestLatency } from '../src/app/index.js';
import type { ComparisonPagePart } from '../src/report/compare-page.js';
import type {
  EstateReport,
  ReportPathStep,
  ReportPlace,
  ReportTrace,
  ReportTraceHop,
} from '../src/report/estate.js';
import type { SimulationReport } from '../src/report/simulation-page.js';

export type { ComparedMove, ComparisonPagePart } from '../src/report/compare-page.js';
export type {
  EstateReport,
  ReportExpectation,
  ReportLink,
  ReportPlace,
  ReportUsers,
} from '../src/report/estate.js';
export type {
  SimulationDesignReport,
  SimulationFigures,
  SimulationReport,
} from '../src/report/simulation-page.js';

/** A routed trace and its hops with coordinates (`traces` of the report: its routed expectations). */
export type TraceResult = ReportTrace;
export type TraceHop = ReportTraceHop;

/** One call on a request's critical path, and one request's latency per metro (`footprint evaluate`). */
export type CriticalPathCall = CriticalStep;
export type RequestResult = RequestLatency;

/** Everything the page can show. Each optional part feeds one view; a missing part hides it. */
export interface PageReport extends EstateReport {
  /** A scenario's runs, design by design (`footprint simulate SCENARIO -o`, `footprint serve SCENARIO`). */
  readonly simulation?: SimulationReport;
  /**
   * Design B against this report's design A (`footprint report A --against B -o`): the page shows
   * the two side by side first; its map and sections draw design A, and design B's places too.
   */
  readonly comparison?: ComparisonPagePart;
}

/** A part of the report a view can be fed by. */
export type PartKey = Exclude<keyof PageReport, 'estate'>;
export type Part<K extends PartKey> = NonNullable<PageReport[K]>;

/** A place the map can draw: the report's places, users' metros, and places on paths and traces. */
export interface MapPlace {
  readonly id: string;
  readonly kind: ReportPlace['kind'];
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly siteKind?: string;
  /** True for places the estate is about (the report's `places`), false for those only passed through. */
  readonly primary: boolean;
  /** Users' share, for metros. */
  readonly share?: number;
  /** On a comparison page: the place is in design A only, or in design B only. */
  readonly only?: 'a' | 'b';
  /** A candidate the estate does not show: no marker, drawn only at the end of a highlighted arc. */
  readonly transient?: boolean;
}

/** Every place the report mentions with coordinates, by id: the estate's first, then the rest. */
export function placeDirectory(report: PageReport): Map<string, MapPlace> {
  const directory = new Map<string, MapPlace>();
  for (const p of report.places) directory.set(p.id, { ...p, primary: true });
  for (const u of report.users)
    directory.set(u.metro, {
      id: u.metro,
      kind: 'metro',
      name: u.name,
      lat: u.lat,
      lon: u.lon,
      primary: true,
      share: u.share,
    });
  const add = (step: ReportPathStep | TraceHop) => {
    if (directory.has(step.place) || step.lat === undefined || step.lon === undefined) return;
    const name = 'name' in step ? step.name : step.place;
    directory.set(step.place, {
      id: step.place,
      kind: 'element' in step ? (step.placeKind ?? 'host') : step.kind,
      name,
      lat: step.lat,
      lon: step.lon,
      primary: false,
    });
  };
  const onlyInA = new Set(report.comparison?.placesOnlyIn.a ?? []);
  for (const id of onlyInA) {
    const place = directory.get(id);
    if (place) directory.set(id, { ...place, only: 'a' });
  }
  // Design B's own places are as much the subject as design A's: primary, marked as B's only.
  const onlyInB = new Set(report.comparison?.placesOnlyIn.b ?? []);
  for (const p of report.comparison?.b.places ?? [])
    if (onlyInB.has(p.id)) directory.set(p.id, { ...p, primary: true, only: 'b' });
  for (const e of report.expectations) for (const step of e.path ?? []) add(step);
  for (const t of report.traces ?? []) for (const hop of t.hops) add(hop);
  // Candidates (a subnet at its zone's position) for the arcs from the users' metros to them.
  for (const c of report.candidates?.columns ?? [])
    if (!directory.has(c.id))
      directory.set(c.id, {
        id: c.id,
        kind: c.kind === 'subnet' ? 'az' : c.kind,
        name: c.name,
        lat: c.lat,
        lon: c.lon,
        primary: false,
        transient: true,
      });
  return directory;
}
