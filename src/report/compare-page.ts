/**
 * The comparison page's data (`footprint report A --against B -o PAGE`): design A's report, which
 * the page's map and sections draw as on any report page, with a `comparison` part the page shows
 * first: the comparison of B against A (`compare.ts`), design B's report, the services whose places
 * differ between the two, and the places only one design has. Pure.
 */
import type { ReportComparison } from './compare.js';
import { compareReports } from './compare.js';
import type { EstateReport } from './estate.js';

/** A service whose places differ between the designs (by where it runs, not how many instances). */
export interface ComparedMove {
  readonly service: string;
  /** The service's places in design A; empty when A does not have the service. */
  readonly a: readonly string[];
  readonly b: readonly string[];
}

/** The `comparison` part of a comparison page. */
export interface ComparisonPagePart {
  /** B against A: every difference is B minus A. */
  readonly comparison: ReportComparison;
  /** Design B's report: its decisions, places and services for the page's side-by-side and map. */
  readonly b: EstateReport;
  /** Services that run somewhere else in B than in A, by service id. */
  readonly moves: readonly ComparedMove[];
  /** Map places (the report's `places`) only one design has. */
  readonly placesOnlyIn: { readonly a: readonly string[]; readonly b: readonly string[] };
}

/** The comparison page's report: design A's report and the comparison. */
export type ComparisonPageReport = EstateReport & { readonly comparison: ComparisonPagePart };

/**
 * Design A's report with the comparison of B against A, for `renderHtmlPage`.
 * @example renderHtmlPage(comparisonPageReport(buildEstateReport(a), buildEstateReport(b)), loadPageAssets())
 */
export function comparisonPageReport(a: EstateReport, b: EstateReport): ComparisonPageReport {
  const placesA = new Set(a.places.map((p) => p.id));
  const placesB = new Set(b.places.map((p) => p.id));
  return {
    ...a,
    comparison: {
      comparison: compareReports(a, b),
      b,
      moves: servicesMoved(a, b),
      placesOnlyIn: {
        a: [...placesA].filter((id) => !placesB.has(id)),
        b: [...placesB].filter((id) => !placesA.has(id)),
      },
    },
  };
}

function servicesMoved(a: EstateReport, b: EstateReport): ComparedMove[] {
  const placesOf = (r: EstateReport) =>
    new Map(r.services.services.map((s) => [s.id, [...new Set(s.today.map((t) => t.place))].sort()]));
  const inA = placesOf(a);
  const inB = placesOf(b);
  const ids = [...new Set([...inA.keys(), ...inB.keys()])].sort();
  return ids.flatMap((service) => {
    const before = inA.get(service) ?? [];
    const after = inB.get(service) ?? [];
    return before.join('\n') === after.join('\n') ? [] : [{ service, a: before, b: after }];
  });
}
