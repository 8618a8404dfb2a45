/**
 * Services on the map (issue 22): each service at its place (a list under the place's marker), its
 * calls between places as arcs labelled with their RTT in ms, and each users' metro's worst p99
 * over its requests beside its circle. With a proposed placement (`report --place`), a switch shows
 * today's placement or the proposed one; on a comparison page, design A's or design B's; all are
 * drawn, the switch only shows one.
 */
import { type GeoProjection, geoPath } from 'd3-geo';
import { h, s } from '../dom.js';
import type { PageReport } from '../report.js';
import { ms, rttColor } from '../rtt.js';
import type { Page } from '../view.js';

/**
 * Which placement a services layer draws: today's or the proposed one (`report --place`), or on a
 * comparison page (`report A --against B -o`) design A's or design B's.
 */
export type Variant = 'today' | 'proposed' | 'a' | 'b';

/** Which placement the map shows; it survives re-renders. */
const state: { shown: Variant } = { shown: 'today' };

type Services = PageReport['services'];
export type Spot = Services['services'][number]['today'][number];
type Call = Services['calls'][number];

/** What one variant draws: each service's spots, the calls between them, each metro's worst p99. */
export interface Placed {
  readonly variant: Variant;
  readonly spots: readonly { service: { id: string }; spot: Spot }[];
  readonly calls: readonly Call[];
  readonly worstP99: ReadonlyMap<string, number>;
}

/** True when the report proposes a placement the map can show against today's. */
export function hasProposal(report: PageReport): boolean {
  return (report.services?.services ?? []).some((s) => s.proposed !== undefined);
}

/** The variants the map can show, the first shown by default: one, today's, when nothing to switch. */
function variantsOf(report: PageReport): Variant[] {
  if (report.comparison) return ['a', 'b'];
  return hasProposal(report) ? ['today', 'proposed'] : ['today'];
}

export function shownOf(report: PageReport): Variant {
  const variants = variantsOf(report);
  return variants.includes(state.shown) ? state.shown : (variants[0] as Variant);
}

function worstP99(rows: readonly { metro: string; p99: number }[]): Map<string, number> {
  const worst = new Map<string, number>();
  for (const r of rows) worst.set(r.metro, Math.max(worst.get(r.metro) ?? 0, r.p99));
  return worst;
}

function placed(report: PageReport, variant: Variant): Placed {
  const part = variant === 'b' && report.comparison ? report.comparison.b.services : report.services;
  const spots = part.services.flatMap((service) =>
    ((variant === 'proposed' ? service.proposed : service.today) ?? []).map((spot) => ({ service, spot })),
  );
  const calls = (variant === 'proposed' ? part.proposedCalls : part.calls) ?? [];
  const requests = variant === 'b' && report.comparison ? report.comparison.b.requests : report.requests;
  const p99 =
    variant === 'proposed'
      ? (report.decisions?.placement?.metros ?? []).map((m) => ({ metro: m.metro, p99: m.p99ProposedMs }))
      : requests.map((r) => ({ metro: r.metro, p99: r.p99Ms }));
  return { variant, spots, calls, worstP99: worstP99(p99) };
}

/** Every variant the map can show, with what it draws. */
export function placedVariants(report: PageReport): Placed[] {
  return variantsOf(report)
    .map((variant) => placed(report, variant))
    .filter((p) => p.spots.length > 0);
}

/**
 * The services' layer of the map: the calls' arcs of every variant, one shown. Their labels (the
 * services at each place, the calls' ms, the users' p99) go on top of the map's own labels, where
 * they fit (web/map/service-labels.ts).
 */
export function drawServices(page: Page, projection: GeoProjection): SVGElement {
  const layer = s('g', { class: 'services', 'data-shown': shownOf(page.report) });
  for (const variant of placedVariants(page.report)) layer.append(drawCalls(page, projection, variant));
  return layer;
}

/** Where a variant's calls start and end: each spot's place and zone, else the map's place. */
export function callEnds(
  page: Page,
  variant: Placed,
): (place: string) => { lat: number; lon: number } | undefined {
  const located = new Map<string, { lat: number; lon: number }>();
  for (const { spot } of variant.spots) located.set(spot.place, spot);
  for (const { spot } of variant.spots) located.set(spot.at, spot);
  return (place) => located.get(place) ?? page.places.get(place);
}

/** A call's id on the map: caller, service and the places between. */
export function callId(call: Call): string {
  return `${call.caller}>${call.service}:${call.from}>${call.to}`;
}

function drawCalls(page: Page, projection: GeoProjection, variant: Placed): SVGElement {
  const group = s('g', { class: `services-${variant.variant}`, 'data-variant': variant.variant });
  const point = callEnds(page, variant);
  for (const call of variant.calls) {
    const a = point(call.from);
    const b = point(call.to);
    if (!a || !b || (a.lat === b.lat && a.lon === b.lon)) continue;
    const d = geoPath(projection)({
      type: 'LineString',
      coordinates: [
        [a.lon, a.lat],
        [b.lon, b.lat],
      ],
    });
    group.append(
      s(
        'g',
        {
          class: 'service-call',
          'data-call': `${call.caller}>${call.service}`,
          'data-call-id': callId(call),
          'data-ms': call.rttMs,
        },
        s('path', { d: d ?? '', stroke: rttColor(call.rttMs) }),
        s(
          'title',
          {},
          `${call.caller} → ${call.service}: ${call.from} → ${call.to}, ${ms(call.rttMs)} ms RTT`,
        ),
      ),
    );
  }
  return group;
}

/** Shows `variant` on every services layer on the page, and in the layers drawn after. */
export function showPlacement(variant: Variant): void {
  state.shown = variant;
  for (const layer of document.querySelectorAll('svg g.services')) layer.setAttribute('data-shown', variant);
  for (const button of document.querySelectorAll<HTMLButtonElement>('.placement-switch button'))
    button.setAttribute('aria-pressed', String(button.dataset.variant === variant));
}

/**
 * The switch between today's placement and the proposed one on the map, or on a comparison page
 * between design A's and design B's; null when there is nothing to switch.
 */
export function placementSwitch(report: PageReport): HTMLElement | null {
  const variants = variantsOf(report);
  if (variants.length < 2) return null;
  const shown = shownOf(report);
  const labels: Record<Variant, string> = {
    today: 'today',
    proposed: 'proposed',
    a: `A · ${report.estate.name}`,
    b: `B · ${report.comparison?.b.estate.name ?? ''}`,
  };
  return h(
    'div',
    {
      class: 'placement-switch',
      role: 'group',
      'aria-label': report.comparison ? 'Design on the map' : 'Placement on the map',
    },
    h('span', { class: 'muted' }, 'On the map: '),
    variants.map((variant) =>
      h(
        'button',
        {
          type: 'button',
          'data-variant': variant,
          'aria-pressed': String(shown === variant),
          onclick: () => showPlacement(variant),
        },
        labels[variant],
      ),
    ),
  );
}
