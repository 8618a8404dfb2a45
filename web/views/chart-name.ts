/**
 * Observable Plot's charts, made readable by assistive technology (issue 22, defect 11): each chart's
 * SVG is an image named for what it shows, and the groups Plot labels (`aria-label="bar"`) get the
 * group role that an `aria-label` needs.
 */
export function nameChart<T extends Element>(chart: T, name: string): T {
  const svgs = chart instanceof SVGSVGElement ? [chart] : [...chart.querySelectorAll('svg')];
  for (const svg of svgs) {
    if (!svg.closest('.plot-swatches')) {
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', name);
    }
    for (const group of svg.querySelectorAll('g[aria-label]:not([role])'))
      group.setAttribute('role', 'group');
  }
  return chart;
}

/**
 * {@link nameChart} for a chart whose plots name themselves (Plot's `ariaLabel`): each SVG keeps its
 * own name, `fallback` where it has none. The simulation's charts were drawn without it, and axe
 * found their labelled groups without a role (issue 22).
 */
export function nameOwnCharts<T extends Element>(chart: T, fallback: string): T {
  const svgs = chart instanceof SVGSVGElement ? [chart] : [...chart.querySelectorAll('svg')];
  for (const svg of svgs)
    if (!svg.closest('.plot-swatches')) nameChart(svg, svg.getAttribute('aria-label') ?? fallback);
  return chart;
}
