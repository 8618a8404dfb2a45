/**
 * The page's entry point. The report is either inlined in the page (`footprint report -o`), or
 * fetched from the local server and re-fetched whenever it says the estate changed
 * (`footprint serve`).
 */
import './style.css';
import { h } from './dom.js';
import { mountPage } from './page.js';
import type { PageReport } from './report.js';

/** What the live server answers at /report.json (src/cli/live-server.ts). */
interface LiveState {
  readonly version: number;
  /** What the served file is: an estate, or a scenario whose simulation the page shows. */
  readonly kind?: 'estate' | 'scenario';
  readonly report?: PageReport;
  /** The file's errors, each formatted as the CLI prints it (file:line:col and a code frame). */
  readonly errors?: readonly string[];
  /** A scenario is being simulated: the page shows the previous result, if any, until it is done. */
  readonly running?: boolean;
}

const root = document.getElementById('app') as HTMLElement;
const inline = document.getElementById('footprint-report');

if (inline?.textContent) {
  mountPage(root, JSON.parse(inline.textContent) as PageReport);
} else if (document.body.dataset.live) {
  live(document.body.dataset.live);
}

function live(events: string): void {
  let shown = -1;
  // The report drawn: a state that only says a simulation started or ended keeps the page as it is.
  let drawn = '';
  const refresh = async () => {
    const response = await fetch('report.json', { cache: 'no-store' });
    const state = (await response.json()) as LiveState;
    if (state.version <= shown) return; // an answer older than the one shown
    shown = state.version;
    const text = JSON.stringify(state.report ?? null);
    if (state.report && text !== drawn) {
      const { report } = state;
      const subject = report.comparison
        ? `${report.estate.name} against ${report.comparison.b.estate.name}`
        : (report.simulation?.scenario ?? report.estate.name);
      document.title = `${subject} · Footprint`;
      mountPage(root, state.report);
      drawn = text;
    }
    showRunning(state.running === true, state.report !== undefined);
    showErrors(state.errors ?? [], state.kind === 'scenario' ? 'scenario' : 'estate');
    document.body.dataset.version = String(state.version);
  };
  const source = new EventSource(events);
  source.addEventListener('change', () => void refresh());
  source.addEventListener('open', () => void refresh());
  void refresh();
}

function showRunning(running: boolean, shown: boolean): void {
  document.querySelector('.live-status')?.remove();
  if (!running) return;
  document.body.append(
    h(
      'div',
      { class: 'live-status', role: 'status' },
      shown
        ? 'Simulating the changed scenario… the page shows the previous run until it is done.'
        : 'Simulating the scenario… the page appears when the first run is done.',
    ),
  );
}

function showErrors(errors: readonly string[], kind: 'estate' | 'scenario'): void {
  document.querySelector('.error-overlay')?.remove();
  document.body.classList.toggle('has-errors', errors.length > 0);
  if (errors.length === 0) return;
  document.body.append(
    h(
      'div',
      { class: 'error-overlay', role: 'alert' },
      h(
        'div',
        { class: 'error-card' },
        h(
          'h2',
          {},
          errors.length === 1
            ? `The ${kind} file has an error`
            : `The ${kind} file has ${errors.length} errors`,
        ),
        // A message or help line wraps to the card's width (it was cut); a code frame's line keeps
        // its caret under the column and scrolls sideways when it is long.
        errors.map((text) =>
          h(
            'pre',
            {},
            text
              .split('\n')
              .map((line) =>
                h('span', { class: /^\s*\d*\s*\|/.test(line) ? 'frame-line' : 'message-line' }, `${line}\n`),
              ),
          ),
        ),
        h('p', { class: 'muted' }, 'Fix it and save: the page updates by itself.'),
      ),
    ),
  );
}
