import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml, renderJunit } from './junit.js';

interface ParsedCase {
  name: string;
  classname: string;
  failure?: { message: string; type: string; '#text'?: string };
  'system-out'?: string;
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'testsuite' || name === 'testcase',
    parseAttributeValue: false,
    trimValues: false,
  });
  return parser.parse(xml) as {
    testsuites: {
      name: string;
      tests: string;
      failures: string;
      time?: string;
      testsuite: { name: string; tests: string; failures: string; testcase: ParsedCase[] }[];
    };
  };
}

describe('renderJunit', () => {
  it('writes testsuites, testsuite and testcase elements with counts, and parses back', () => {
    const xml = renderJunit(
      [
        {
          name: 'budgets',
          cases: [
            {
              name: 'page from metro:phoenix: p99 <= 100 ms',
              classname: 'footprint.budgets.page',
              output: 'p99 80 ms',
            },
            {
              name: 'page from metro:los-angeles: p99 <= 100 ms',
              classname: 'footprint.budgets.page',
              failure: {
                message: 'p99 120.0 ms > 100 ms',
                type: 'LatencyBudgetExceeded',
                details: 'a -> b 60 ms',
              },
            },
          ],
        },
        { name: 'expectations', cases: [{ name: 'x -> y', classname: 'footprint.expectations' }] },
      ],
      { name: 'footprint check demo', timeSeconds: 0.25 },
    );
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    const { testsuites } = parse(xml);
    expect(testsuites).toMatchObject({
      name: 'footprint check demo',
      tests: '3',
      failures: '1',
      time: '0.250',
    });
    const [budgets, expectations] = testsuites.testsuite;
    expect(budgets).toMatchObject({ name: 'budgets', tests: '2', failures: '1' });
    expect(budgets?.testcase[0]).toMatchObject({
      name: 'page from metro:phoenix: p99 <= 100 ms',
      'system-out': 'p99 80 ms',
    });
    expect(budgets?.testcase[0]?.failure).toBeUndefined();
    expect(budgets?.testcase[1]?.failure).toMatchObject({
      message: 'p99 120.0 ms > 100 ms',
      type: 'LatencyBudgetExceeded',
      '#text': 'a -> b 60 ms',
    });
    expect(expectations?.testcase[0]?.name).toBe('x -> y');
  });

  it('escapes what XML reserves and drops what it cannot hold, anywhere a user string goes', () => {
    const nasty = `a<b>&c"d'e\u0001f\u0000g\u001fh 🚀 \uD800 é`;
    const xml = renderJunit(
      [
        {
          name: nasty,
          cases: [
            {
              name: nasty,
              classname: nasty,
              failure: { message: `${nasty}\nsecond line`, type: nasty, details: `${nasty}\n]]> <![CDATA[` },
              output: nasty,
            },
          ],
        },
      ],
      { name: nasty },
    );
    const cleaned = `a<b>&c"d'efgh 🚀  é`;
    const { testsuites } = parse(xml);
    expect(testsuites.name).toBe(cleaned);
    const c = testsuites.testsuite[0]?.testcase[0];
    expect(c?.name).toBe(cleaned);
    expect(c?.classname).toBe(cleaned);
    expect(c?.failure?.type).toBe(cleaned);
    expect(c?.failure?.['#text']).toBe(`${cleaned}\n]]> <![CDATA[`);
    expect(c?.['system-out']).toBe(cleaned);
    expect(xml).not.toContain('\u0001');
    expect(xml).toContain('second line');
  });

  it('leaves out time when there is none (byte-identical reports)', () => {
    const a = renderJunit([{ name: 's', cases: [] }], { name: 'n' });
    expect(a).not.toContain('time=');
    expect(a).toBe(renderJunit([{ name: 's', cases: [] }], { name: 'n' }));
    expect(parse(a).testsuites.testsuite[0]).toMatchObject({ name: 's', tests: '0', failures: '0' });
  });

  it('escapes the five XML characters', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
});
