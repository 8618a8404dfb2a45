/**
 * Lays the page out from the report: the header, then every view whose part is present, in the
 * registry's order, in its slot.
 */
import { h } from './dom.js';
import { VIEWS } from './registry.js';
import { type PageReport, placeDirectory } from './report.js';
import { showSideScroll } from './scroll-hint.js';
import type { MapRoute, Page, View } from './view.js';
import { partFor } from './view.js';
import { designName } from './views/compare.js';

/** What survives a re-render of the live page. */
const kept: { selected?: string } = {};

/** Renders the page for a report into `root`, replacing what was there. */
export function mountPage(root: HTMLElement, report: PageReport): void {
  const places = placeDirectory(report);
  const selectListeners: ((place: string | undefined) => void)[] = [];
  const highlightListeners: ((route: string | undefined) => void)[] = [];
  const present = VIEWS.map((view) => ({ view, part: partFor(report, view) })).filter(
    (v): v is { view: View; part: NonNullable<unknown> } => v.part !== undefined,
  );
  let routes: readonly MapRoute[] = [];
  let selected = kept.selected !== undefined && places.has(kept.selected) ? kept.selected : undefined;
  const page: Page = {
    report,
    places,
    get routes() {
      return routes;
    },
    get selected() {
      return selected;
    },
    select(place) {
      selected = place !== undefined && places.has(place) ? place : undefined;
      kept.selected = selected;
      for (const listener of selectListeners) listener(selected);
    },
    onSelect: (listener) => selectListeners.push(listener),
    highlight(route) {
      for (const listener of highlightListeners) listener(route);
    },
    onHighlight: (listener) => highlightListeners.push(listener),
  };
  routes = present.flatMap(({ view, part }) =>
    view.routes ? (view.routes as (p: unknown, page: Page) => MapRoute[])(part, page) : [],
  );

  const rendered = (slot: View['slot']) =>
    present
      .filter(({ view }) => view.slot === slot && view.render)
      .map(({ view, part }) => {
        const body = (view.render as (p: unknown, page: Page) => Node)(part, page);
        if (slot === 'map') return body;
        const titled = slot === 'main' || slot === 'lead';
        const section = h(
          'section',
          { id: view.id, class: `view view-${slot}${view.wide ? ' wide' : ''}`, 'data-view': view.id },
          titled ? h('h2', {}, view.title) : null,
          view.caption && titled ? h('p', { class: 'caption' }, view.caption) : null,
          body,
        );
        if (slot === 'main') showSideScroll(section);
        return section;
      });

  root.replaceChildren(
    header(report),
    h(
      'main',
      {},
      ...rendered('lead'),
      // On wide screens a split pane: the map stays in view while the sections beside it scroll.
      h(
        'div',
        { class: 'split' },
        h(
          'div',
          { class: 'hero' },
          h('div', { class: 'hero-map' }, rendered('map')),
          h('aside', {}, rendered('aside')),
        ),
        h('div', { class: 'sections' }, rendered('main')),
      ),
    ),
    h(
      'footer',
      {},
      report.comparison
        ? 'Footprint · two designs compared, every difference B minus A; the map and the sections below the comparison show design A · '
        : report.simulation
          ? 'Footprint · simulated: latency in milliseconds from the users (RTTs and compute), cost in USD; the map and the sections below it show the first design · '
          : 'Footprint · every figure is a round-trip time (RTT) in milliseconds over the physical network, from the model unless measured · ',
      'map: Natural Earth 1:50m via world-atlas',
    ),
  );
}

/**
 * The headline verdicts: expected figures, latency budgets (each request and metro with one) and
 * lint findings, each green only when all of it holds, so a green figure never sits on a design
 * whose budgets break.
 */
function verdicts(report: PageReport): HTMLElement[] {
  const out: HTMLElement[] = [];
  const verdict = (ok: boolean, text: string, warn = false) =>
    h('span', { class: `verdict ${ok ? 'ok' : warn ? 'warn' : 'fail'}` }, text);
  const held = report.expectations.filter((e) => e.ok).length;
  if (report.expectations.length > 0)
    out.push(
      verdict(
        held === report.expectations.length,
        `${held} of ${report.expectations.length} expected figures hold`,
      ),
    );
  const budgeted = report.requests.filter((r) => r.budgetMs !== null || r.p50BudgetMs !== null);
  if (budgeted.length > 0) {
    const kept = budgeted.filter((r) => r.ok).length;
    out.push(verdict(kept === budgeted.length, `${kept} of ${budgeted.length} latency budgets hold`));
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  if (errors + warnings > 0) {
    const parts = [
      ...(errors ? [`${errors} error${errors === 1 ? '' : 's'}`] : []),
      ...(warnings ? [`${warnings} warning${warnings === 1 ? '' : 's'}`] : []),
    ];
    out.push(verdict(false, `lint: ${parts.join(', ')}`, errors === 0));
  } else out.push(verdict(true, 'lint: no warnings'));
  return out;
}

function header(report: PageReport): HTMLElement {
  if (report.simulation) return simulationHeader(report, report.simulation);
  if (report.comparison) return comparisonHeader(report, report.comparison.b);
  const { estate } = report;
  const facts = [
    `${report.places.length} places`,
    `${report.links.length} links`,
    report.users.length > 0 ? `${report.users.length} users' metros` : undefined,
  ].filter((f): f is string => f !== undefined);
  return h(
    'header',
    {},
    h('p', { class: 'kicker' }, 'Footprint estate report'),
    h('h1', {}, estate.name),
    estate.description ? h('p', { class: 'description' }, estate.description) : null,
    h(
      'p',
      { class: 'facts' },
      ...verdicts(report),
      h('span', {}, facts.join(' · ')),
      estate.files.length > 0 ? h('span', { class: 'muted' }, estate.files.join(' ← ')) : null,
    ),
  );
}

/** A comparison's page is about two designs: which is A, which is B, and each one's verdicts. */
function comparisonHeader(a: PageReport, b: PageReport): HTMLElement {
  const design = (letter: 'a' | 'b', report: PageReport) =>
    h(
      'div',
      { class: `design-head design-${letter}`, 'data-design': letter },
      h('h2', {}, designName(letter, report.estate.name)),
      report.estate.description ? h('p', { class: 'description' }, report.estate.description) : null,
      h(
        'p',
        { class: 'facts' },
        ...verdicts(report),
        report.estate.files.length > 0
          ? h('span', { class: 'muted' }, report.estate.files.join(' ← '))
          : null,
      ),
    );
  return h(
    'header',
    { class: 'comparison-header' },
    h('p', { class: 'kicker' }, 'Footprint comparison of two designs'),
    h('h1', {}, `${a.estate.name} against ${b.estate.name}`),
    h('div', { class: 'design-heads' }, design('a', a), design('b', b)),
  );
}

/** A simulation's page is about the scenario; the map below shows its first design's estate. */
function simulationHeader(
  report: PageReport,
  simulation: NonNullable<PageReport['simulation']>,
): HTMLElement {
  const designs = simulation.designs;
  const held = designs.filter((d) => d.figures.worst?.budgetP99Ms !== undefined && !d.figures.worst.over);
  const budgeted = designs.filter((d) => d.figures.worst?.budgetP99Ms !== undefined);
  return h(
    'header',
    {},
    h('p', { class: 'kicker' }, 'Footprint simulation'),
    h('h1', {}, simulation.scenario),
    simulation.description ? h('p', { class: 'description' }, simulation.description) : null,
    h(
      'p',
      { class: 'facts' },
      budgeted.length > 0
        ? h(
            'span',
            { class: `verdict ${held.length === budgeted.length ? 'ok' : 'fail'}` },
            `${held.length} of ${budgeted.length} design${budgeted.length === 1 ? '' : 's'} hold the p99 budget`,
          )
        : null,
      h('span', {}, `${designs.length} design${designs.length === 1 ? '' : 's'} · seed ${simulation.seed}`),
      h('span', { class: 'muted' }, simulation.file),
      h(
        'span',
        { class: 'muted' },
        `the map: ${report.estate.name}${designs.length > 1 ? ` (design ${designs[0]?.id})` : ''}`,
      ),
    ),
  );
}
