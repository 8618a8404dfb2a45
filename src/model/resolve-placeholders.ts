/**
 * Sites whose position is not known yet. `footprint import aws` cannot tell where the on-prem end
 * of a Direct Connect circuit is, so it writes a site with `placeholder: "what to fill in"` instead
 * of a metro or location. Such a site has no coordinates: it may end direct-connect and WAN links
 * (they get no RTT), and everything physical stops before it until the user gives it a position.
 */
import type { Diagnostic } from '../errors.js';
import type { EstateLink, PlaceholderSite } from './estate.js';
import type { LinkInput, SiteInput } from './schema.js';
import type { ReportProblem } from './users.js';

/** The placeholder site a site input declares, or undefined (reported) when it also has a position. */
export function placeholderSiteOf(
  id: string,
  site: SiteInput,
  report: ReportProblem,
): PlaceholderSite | undefined {
  if (site.metro !== undefined || site.location !== undefined) {
    report(
      ['sites', id, 'placeholder'],
      {
        code: 'FP_INVALID_VALUE',
        message: `site '${id}' has a position and a placeholder`,
        expected: 'a placeholder only while the site has no metro or location',
        suggestion: `the position is filled in: remove 'placeholder' (in a file that extends this one: placeholder: null)`,
      },
      'key',
    );
    return undefined;
  }
  return { id, siteKind: site.kind, name: site.name ?? id, placeholder: site.placeholder as string };
}

/**
 * Resolves a link with a placeholder end: direct-connect to a DX location, or WAN to another site.
 * `canonical` gives the canonical id of a place reference, or undefined when it is unknown.
 */
export function placeholderLink(
  id: string,
  link: LinkInput,
  placeholders: ReadonlySet<string>,
  canonical: (ref: string) => { id: string; kind: string } | undefined,
  report: ReportProblem,
): EstateLink | undefined {
  const path = ['links', id, 'between'];
  const problem = (message: string, expected: string): undefined => {
    const d: Diagnostic = { code: 'FP_BAD_LINK', message: `link '${id}': ${message}`, expected };
    report(path, d);
    return undefined;
  };
  const ends = link.between.map((ref) =>
    placeholders.has(ref) ? { id: ref, kind: 'placeholder' } : canonical(ref),
  );
  const [a, b] = ends;
  if (!a || !b) {
    return problem(
      `unknown place '${a ? link.between[1] : link.between[0]}'`,
      'a site of the estate, or dx:CODE for a direct-connect circuit',
    );
  }
  if (a.id === b.id) return problem(`both ends are '${a.id}'`, 'two different places');
  if (link.kind === 'direct-connect') {
    const kinds = [a.kind, b.kind].sort().join('+');
    if (kinds !== 'dx-location+placeholder')
      return problem(
        `a direct-connect circuit joins a site to a DX location; got ${a.kind} '${a.id}' and ${b.kind} '${b.id}'`,
        '[site, dx:CODE]',
      );
  } else if (link.kind === 'wan') {
    if (![a, b].every((e) => e.kind === 'site' || e.kind === 'placeholder'))
      return problem(
        `a WAN link joins two sites; got ${a.kind} '${a.id}' and ${b.kind} '${b.id}'`,
        '[site, site]',
      );
  } else {
    return problem(
      `a placeholder site has no position yet, so it can end only direct-connect and wan links, not ${link.kind}`,
      "the site's metro or location filled in first",
    );
  }
  return estateLink(id, link, a.id, b.id);
}

/** The resolved form of a link whose two ends are known. */
export function estateLink(id: string, link: LinkInput, a: string, b: string): EstateLink {
  return {
    id,
    kind: link.kind,
    between: [a, b],
    ...(link.name !== undefined ? { name: link.name } : {}),
    ...(link.gbps !== undefined ? { gbps: link.gbps } : {}),
    ...(link.measuredRttMs !== undefined ? { measuredRttMs: link.measuredRttMs } : {}),
  };
}
