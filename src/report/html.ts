/**
 * The HTML page: one self-contained file holding the page's script and stylesheet (bundled from
 * web/ at build time, world map included) and the report JSON. It loads nothing from anywhere:
 * its Content-Security-Policy forbids every fetch, so it works offline by construction.
 */
import { createHash } from 'node:crypto';
import { toJson } from './format.js';

/** The bundled page: dist/web/page.js and dist/web/page.css. */
export interface PageAssets {
  readonly script: string;
  readonly style: string;
}

export interface HtmlPageOptions {
  /**
   * Serve mode: instead of inlining a report, the page fetches `report.json` from its own origin
   * and listens to `events` (server-sent events) for changes.
   */
  readonly live?: { readonly events: string };
  /** The page title; the estate's name by default. */
  readonly title?: string;
}

/**
 * Renders the page. The same report and assets give the same bytes.
 * @example renderHtmlPage(buildEstateReport(estate), loadPageAssets())
 */
export function renderHtmlPage(
  report: { readonly estate: { readonly name: string } } | undefined,
  assets: PageAssets,
  options: HtmlPageOptions = {},
): string {
  if (/<\/script/i.test(assets.script) || /<\/style/i.test(assets.style))
    throw new Error('the page bundle contains a closing tag and cannot be inlined');
  const csp = contentSecurityPolicy(assets, options.live !== undefined);
  const title = options.title ?? (report ? `${report.estate.name} · Footprint` : 'Footprint');
  const data =
    report && !options.live
      ? `<script type="application/json" id="footprint-report">${inlineJson(toJson(report))}</script>\n`
      : '';
  const body = options.live ? `<body data-live="${escapeAttribute(options.live.events)}">` : '<body>';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Footprint">',
    '<link rel="icon" href="data:,">',
    `<title>${escapeText(title)}</title>`,
    `<style>${assets.style}</style>`,
    '</head>',
    body,
    '<div id="app"></div>',
    `${data}<script>${assets.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** JSON inside a script element: `<` escaped so that no `</script>` can close it early. */
function inlineJson(json: string): string {
  return json
    .trimEnd()
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/**
 * The page's Content-Security-Policy: its own script (by hash) and nothing else; fetches only to
 * the live server that serves it, none for a page written to a file. `footprint serve` also sends
 * it as a header, with `frame-ancestors 'none'` (which a meta tag cannot carry).
 */
export function contentSecurityPolicy(assets: PageAssets, live: boolean): string {
  const scriptHash = createHash('sha256').update(assets.script).digest('base64');
  return [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    `connect-src ${live ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
