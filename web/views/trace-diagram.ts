/**
 * The logical diagram of a trace, opened from its card in "Traced paths": the subnet, the route
 * tables with the route they matched, the gateways, the site, each in a box for its location (with
 * the map's symbol for the place), and on each step the milliseconds it adds, coloured as the map
 * colours a trace's steps. It opens under its card: beside the map on a wide screen, full width on a
 * phone. Closing it (its button, Escape, or the card's button again) gives the focus back to the
 * card's button.
 */
import { h, s } from '../dom.js';
import { symbol, symbolKind } from '../map/symbols.js';
import type { MapPlace, TraceResult } from '../report.js';
import { ms, rttColor } from '../rtt.js';
import type { Page } from '../view.js';
import './trace-diagram.css';
import { DIAGRAM_TEXT, type DiagramLayout, layoutTraceDiagram, type MeasureText } from './trace-layout.js';

/** The diagram's name for assistive technology: every step in words. */
export function diagramName(trace: TraceResult): string {
  const locations = new Map(trace.diagram.locations.map((l) => [l.id, l]));
  const steps = trace.diagram.nodes.map((n) => {
    const where = locations.get(n.location);
    const detail = n.detail !== undefined ? ` (${n.detail})` : '';
    return `${n.kindLabel} ${n.element}${detail} at ${where?.place ?? '?'}, ${ms(n.rttMs)} ms`;
  });
  const verdict = trace.reachable
    ? `${ms(trace.rttMs)} ms routed`
    : `stops after ${ms(trace.rttMs)} ms: ${trace.stop?.message ?? 'unreachable'}`;
  return `Logical diagram of the trace from ${trace.from} to ${trace.to}, ${verdict}: ${steps.join('; ')}.`;
}

/** Text widths from the page's own font, by a canvas. */
function canvasMeasure(family: string): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  return (text, size, bold = false) => {
    if (!context) return text.length * size * 0.6;
    context.font = `${bold ? 600 : 400} ${size}px ${family}`;
    return context.measureText(text).width;
  };
}

/** The button on a trace's card that opens (and closes) its diagram. */
export function diagramButton(trace: TraceResult, index: number, page: Page): HTMLButtonElement {
  const id = `trace-diagram-${index}`;
  const button = h(
    'button',
    {
      type: 'button',
      class: 'diagram-button',
      'aria-expanded': 'false',
      'aria-controls': id,
      'aria-label': `Logical diagram of the trace ${trace.from} → ${trace.to}`,
      'data-diagram': index,
    },
    'Diagram',
  );
  button.addEventListener('click', () => {
    const open = document.getElementById(id);
    if (open) {
      closeDiagram(open, button);
      return page.highlight(undefined);
    }
    // One diagram at a time: opening another closes the one open.
    for (const other of document.querySelectorAll<HTMLElement>('.trace-diagram')) {
      const owner = document.querySelector<HTMLButtonElement>(`[aria-controls="${other.id}"]`);
      if (owner) closeDiagram(other, owner, false);
    }
    const card = button.closest('.trace');
    if (!card) return;
    const panel = diagramPanel(trace, id, () => {
      closeDiagram(panel, button);
      page.highlight(undefined);
    });
    panel.dataset.route = `trace-${index}`;
    card.after(panel);
    button.setAttribute('aria-expanded', 'true');
    drawDiagram(panel, trace);
    page.highlight(`trace-${index}`);
    panel.focus();
  });
  return button;
}

/** The map route of the trace whose diagram is open: the map keeps it highlighted. */
export function openDiagramRoute(): string | undefined {
  const open = document.querySelector<HTMLElement>('.trace-diagram');
  return open?.dataset.route;
}

function closeDiagram(panel: HTMLElement, button: HTMLButtonElement, focus = true): void {
  panel.remove();
  button.setAttribute('aria-expanded', 'false');
  if (focus) button.focus();
}

function diagramPanel(trace: TraceResult, id: string, close: () => void): HTMLElement {
  const heading = `${id}-title`;
  const panel = h(
    'section',
    { id, class: 'trace-diagram', tabindex: '-1', 'aria-labelledby': heading, 'data-trace-to': trace.to },
    h(
      'div',
      { class: 'trace-diagram-head' },
      h('h3', { id: heading }, `Logical diagram: ${trace.from} → ${trace.to}`),
      h(
        'button',
        {
          type: 'button',
          class: 'diagram-close',
          'aria-label': `Close the diagram of ${trace.from} → ${trace.to}`,
        },
        'Close',
      ),
    ),
    h('div', { class: 'trace-diagram-body' }),
    trace.stop
      ? h('p', { class: 'diagram-stop', role: 'note' }, h('strong', {}, 'Stops: '), trace.stop.message)
      : null,
    h(
      'p',
      { class: 'caption' },
      'Boxes are the places on the map; each step is labelled with the milliseconds it adds and coloured as the map colours a trace',
      trace.reachable
        ? `: they add up to ${ms(wayThere(trace))} ms${backNote(trace)}.`
        : '; ✕ marks where the packet stops.',
    ),
  );
  panel.querySelector('.diagram-close')?.addEventListener('click', close);
  panel.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape') close();
  });
  return panel;
}

/** The RTT of the way there: what the diagram's steps add up to. */
function wayThere(trace: TraceResult): number {
  return trace.diagram.nodes.at(-1)?.rttMs ?? 0;
}

/** When the way back differs, the trace's RTT is the mean of both ways: say so. */
function backNote(trace: TraceResult): string {
  if (Math.abs(wayThere(trace) - trace.rttMs) < 0.005) return '';
  return ` on the way there; the way back differs, and the trace's RTT, the mean of both ways, is ${ms(trace.rttMs)} ms`;
}

/**
 * Lays the diagram out for the width its panel has, and draws it; again when that width changes (a
 * phone turned, a window resized), which may turn it from top to bottom to left to right.
 */
function drawDiagram(panel: HTMLElement, trace: TraceResult): void {
  const body = panel.querySelector<HTMLElement>('.trace-diagram-body');
  if (!body) return;
  const measure = canvasMeasure(getComputedStyle(body).fontFamily);
  let drawnFor = -1;
  const draw = () => {
    const width = Math.round(body.clientWidth);
    if (width === drawnFor || width === 0) return;
    drawnFor = width;
    body.replaceChildren(diagramSvg(trace, layoutTraceDiagram(trace.diagram, measure, width)));
  };
  draw();
  const observer = new ResizeObserver(() => {
    if (!body.isConnected) return observer.disconnect();
    draw();
  });
  observer.observe(body);
}

function diagramSvg(trace: TraceResult, layout: DiagramLayout): SVGSVGElement {
  const name = diagramName(trace);
  return s(
    'svg',
    {
      class: 'trace-diagram-svg',
      role: 'img',
      'aria-label': name,
      width: layout.width,
      height: layout.height,
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      'data-direction': layout.direction,
    },
    s('title', {}, name),
    s(
      'defs',
      {},
      s(
        'marker',
        {
          id: 'trace-diagram-arrow',
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerUnits: 'userSpaceOnUse',
          markerWidth: 10,
          markerHeight: 10,
          orient: 'auto-start-reverse',
        },
        s('path', { d: 'M0,0L10,5L0,10Z', fill: '#1d2329' }),
      ),
    ),
    s('g', { class: 'diagram-locations' }, layout.locations.map(locationGroup)),
    s('g', { class: 'diagram-edges' }, layout.edges.map(edgeGroup)),
    // Headings over the edges that enter their box, on a halo of the box's colour.
    s('g', { class: 'diagram-headings' }, layout.locations.map(locationHeading)),
    s('g', { class: 'diagram-nodes' }, layout.nodes.map(nodeGroup)),
  );
}

function locationGroup(placed: DiagramLayout['locations'][number]): SVGGElement {
  return s(
    'g',
    { class: 'diagram-location', 'data-place': placed.location.place },
    s('rect', { x: placed.x, y: placed.y, width: placed.width, height: placed.height, rx: 6 }),
  );
}

/** A location's heading: the map's symbol for the place, and its name. */
function locationHeading(placed: DiagramLayout['locations'][number]): SVGGElement {
  const { location } = placed;
  const kind = symbolKind({ kind: location.kind, siteKind: location.siteKind } as MapPlace) ?? 'host';
  const top = placed.y + 4 + DIAGRAM_TEXT.lineHeight / 2;
  return s(
    'g',
    { class: `diagram-heading kind-${kind}`, 'data-place': location.place },
    symbol(kind, placed.x + 13, top),
    s('text', { x: placed.x + 24, y: top, 'dominant-baseline': 'central' }, placed.label),
  );
}

function edgeGroup(edge: DiagramLayout['edges'][number]): SVGGElement {
  const d = edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
  const moving = edge.addsMs !== null && edge.addsMs > 0.005;
  const width = edge.labelWidth;
  return s(
    'g',
    {
      class: `diagram-edge${moving ? ' moves' : ''}${edge.addsMs === null ? ' stops' : ''}`,
      'data-from': edge.from,
      'data-to': edge.to,
    },
    // A step that moves the packet is drawn as the map draws a trace: its RTT's colour on a dark casing.
    moving ? s('path', { class: 'casing', d }) : null,
    s('path', {
      class: 'line',
      d,
      stroke: moving ? rttColor(edge.addsMs ?? 0) : undefined,
      'marker-end': 'url(#trace-diagram-arrow)',
    }),
    s('rect', {
      class: 'halo',
      x: edge.labelX - width / 2,
      y: edge.labelY - DIAGRAM_TEXT.lineHeight / 2,
      width,
      height: DIAGRAM_TEXT.lineHeight,
      rx: 3,
    }),
    s(
      'text',
      {
        class: 'edge-label',
        x: edge.labelX,
        y: edge.labelY,
        'text-anchor': 'middle',
        'dominant-baseline': 'central',
      },
      edge.label,
    ),
  );
}

function nodeGroup(placed: DiagramLayout['nodes'][number]): SVGGElement {
  const { node } = placed;
  return s(
    'g',
    {
      class: `diagram-node role-${node.role}`,
      'data-node': node.id,
      'data-role': node.role,
      'data-element': node.element,
      'data-kind': node.kind,
      ...(node.hop !== undefined ? { 'data-hop': node.hop } : {}),
    },
    s('rect', { x: placed.x, y: placed.y, width: placed.width, height: placed.height, rx: 4 }),
    s(
      'text',
      { x: placed.x + 10, y: placed.y + 6 },
      placed.lines.map((line, i) =>
        s(
          'tspan',
          {
            x: placed.x + 10,
            dy: i === 0 ? DIAGRAM_TEXT.lineHeight - 3 : DIAGRAM_TEXT.lineHeight,
            class: i === 0 ? 'title' : i === 1 ? 'kind' : 'detail',
          },
          line,
        ),
      ),
    ),
  );
}
