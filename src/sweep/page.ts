/**
 * A sweep report as one self-contained HTML page, in the look of Footprint's report page (its
 * stylesheet, its colours and panels): the best design per load and outage, and the sensitivity of
 * each figure to each parameter, as tables with bars. No script, nothing fetched.
 */
import type { BestDesign, Sensitivity, SweepReport } from './analysis.js';
import { FIGURES, type Figure } from './row.js';

const FIGURE_NAMES: Record<Figure, string> = {
  successRatio: 'success ratio',
  p99Ms: 'p99 (ms), worst source',
  costUsd: 'cost (USD) a run',
};

const PAGE_STYLE = `
.sweep-section{background:var(--panel);border:1px solid var(--rule);border-radius:8px;padding:14px 16px;margin:0 0 16px}
.sweep-section h2{margin:0 0 10px;font-size:16px;font-weight:650}
.sweep-table{border-collapse:collapse;width:100%;font-size:13px}
.sweep-table th,.sweep-table td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--rule);vertical-align:top}
.sweep-table th{color:var(--muted);font-weight:600;font-size:12px}
.sweep-table td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:10px;background:var(--accent);border-radius:2px;vertical-align:middle}
.bar-cell{width:220px}
.sweep-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}
`;

/**
 * The page. The same report and style give the same bytes.
 * @example renderSweepPage(sweepReport(header, rows), loadPageAssets().style)
 */
export function renderSweepPage(report: SweepReport, style: string): string {
  if (/<\/style/i.test(style)) throw new Error('the stylesheet contains a closing tag and cannot be inlined');
  const missing =
    report.missingPoints > 0
      ? `<span class="verdict fail">${report.missingPoints} of ${report.points} points missing</span>`
      : '<span class="verdict ok">every point</span>';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Footprint">',
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(report.name)} · sweep · Footprint</title>`,
    `<style>${style}${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    '<div id="app">',
    '<header>',
    '<p class="kicker">Footprint · sweep</p>',
    `<h1>${escapeHtml(report.name)}</h1>`,
    `<p class="facts"><span>${report.rows} of ${report.points} points</span>${missing}<span class="muted">fingerprint ${escapeHtml(report.fingerprint)}</span></p>`,
    '</header>',
    bestSection(report.best),
    sensitivitySection(report.sensitivity),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function bestSection(best: readonly BestDesign[]): string {
  const rows = best.map((b) => {
    const others = b.designs
      .map(
        (d) =>
          `<tr><td>${escapeHtml(d.design)}</td><td>${d.holds ? 'yes' : 'no'}</td><td class="num">${(d.successRatio * 100).toFixed(2)} %</td><td class="num">${d.p99Ms.toFixed(1)}</td><td class="num">${Math.round(d.withinBudget * 100)} %</td><td class="num">${d.costUsd.toFixed(4)}</td></tr>`,
      )
      .join('');
    return `<tr><td class="num">x${b.load}</td><td>${escapeHtml(b.outage)}</td><td><span class="verdict ${b.holds ? 'ok' : 'fail'}">${escapeHtml(b.best)}</span><br><span class="muted">${escapeHtml(b.why)}</span></td><td><table class="sweep-table"><tr><th>design</th><th>holds</th><th>success</th><th>p99 ms</th><th>in budget</th><th>USD</th></tr>${others}</table></td></tr>`;
  });
  return [
    '<section class="sweep-section">',
    '<h2>Best design per load and outage</h2>',
    '<p class="muted">A design holds when no request failed and the p99 budget was kept in every seed; the designs that hold come first, cheapest first; then the fewest failed requests (designs that drop some alike within 0.1 %), the most seeds within the p99 budget, the cheapest. Means over the seeds.</p>',
    '<table class="sweep-table"><tr><th>load</th><th>outage</th><th>best</th><th>designs, best first</th></tr>',
    ...rows,
    '</table>',
    '</section>',
  ].join('\n');
}

function sensitivitySection(sensitivity: readonly Sensitivity[]): string {
  const panels = FIGURES.map((figure) => {
    const items = sensitivity.filter((s) => s.figure === figure);
    const rows = items.map((s) => {
      const means = s.means
        .map((m) => `${escapeHtml(String(m.value))}: ${format(figure, m.mean)}`)
        .join(', ');
      return `<tr><td>${s.parameter}</td><td class="num">${format(figure, s.range)}</td><td class="bar-cell"><span class="bar" style="width:${Math.round(s.share * 200)}px"></span> ${Math.round(s.share * 100)} %</td><td class="muted">${means}</td></tr>`;
    });
    return `<div><h3>${FIGURE_NAMES[figure]}</h3><table class="sweep-table"><tr><th>parameter</th><th>range of means</th><th>share of variance</th><th>mean by value</th></tr>${rows.join('')}</table></div>`;
  });
  return [
    '<section class="sweep-section">',
    '<h2>Sensitivity to each parameter</h2>',
    '<p class="muted">For each figure: how far apart its means over a parameter\'s values are, and the share of its variance they explain.</p>',
    `<div class="sweep-grid">${panels.join('\n')}</div>`,
    '</section>',
  ].join('\n');
}

function format(figure: Figure, value: number): string {
  if (figure === 'successRatio') return `${(value * 100).toFixed(2)} %`;
  if (figure === 'costUsd') return value.toFixed(4);
  return value.toFixed(1);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
