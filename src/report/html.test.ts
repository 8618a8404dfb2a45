import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtmlPage } from './html.js';

const assets = { script: 'console.log("page")', style: 'body{margin:0}' };
const report = { estate: { name: 'demo', description: 'a </script><script>alert(1)</script> & <b>' } };

describe('renderHtmlPage', () => {
  it('inlines the report so that no string in it can close the script element', () => {
    const html = renderHtmlPage(report, assets);
    const data = /<script type="application\/json" id="footprint-report">([\s\S]*?)<\/script>/.exec(html);
    expect(data).not.toBeNull();
    expect(data?.[1]).not.toContain('<');
    expect(JSON.parse(data?.[1] as string)).toEqual(report);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('allows its own script only, and no fetch at all when offline', () => {
    const html = renderHtmlPage(report, assets);
    const hash = createHash('sha256').update(assets.script).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("connect-src 'none'");
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('in live mode fetches from its own origin and inlines no report', () => {
    const html = renderHtmlPage(report, assets, { live: { events: 'events' } });
    expect(html).toContain("connect-src 'self'");
    expect(html).toContain('<body data-live="events">');
    expect(html).not.toContain('footprint-report');
  });

  it('is the same bytes for the same input', () => {
    expect(renderHtmlPage(report, assets)).toBe(renderHtmlPage(structuredClone(report), { ...assets }));
  });

  it('escapes the title', () => {
    expect(renderHtmlPage({ estate: { name: '<x> & y' } }, assets)).toContain(
      '<title>&lt;x&gt; &amp; y · Footprint</title>',
    );
  });

  it('refuses a bundle that would close its own element', () => {
    expect(() => renderHtmlPage(report, { ...assets, script: 'a="</script>"' })).toThrow(/closing tag/);
  });
});
