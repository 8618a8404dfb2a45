/**
 * JUnit XML, the report format CI systems read (Jenkins, GitLab, GitHub Actions reporters): one
 * `testsuites` holding a `testsuite` per kind of check and a `testcase` per check, with a `failure`
 * when it breaks. Text is escaped for XML, and characters XML 1.0 cannot hold are dropped.
 */

export interface JunitCase {
  readonly name: string;
  readonly classname: string;
  /** Set when the check failed. */
  readonly failure?: { readonly message: string; readonly type: string; readonly details: string };
  /** Printed to the case's `system-out`: what was measured, for passing checks too. */
  readonly output?: string;
}

/** A JUnit test suite: a name and its cases. */
export interface JunitSuite {
  readonly name: string;
  readonly cases: readonly JunitCase[];
}

export interface JunitOptions {
  /** The `name` of `testsuites`. */
  readonly name: string;
  /** Wall-clock seconds of the whole run, written as `time` when given. */
  readonly timeSeconds?: number;
}

/**
 * Drops what XML 1.0 cannot hold, escaped or not: C0 controls other than tab, LF and CR; U+FFFE,
 * U+FFFF; lone surrogates.
 */
function dropNonXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    const allowed =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      c >= 0x10000;
    if (allowed) out += ch;
  }
  return out;
}

/**
 * Escapes text for an XML attribute value or element content.
 * @example escapeXml('p99 <= 100 & "ok"') // 'p99 &lt;= 100 &amp; &quot;ok&quot;'
 */
export function escapeXml(text: string): string {
  return dropNonXml(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** Attribute values keep their newlines as character references, so that parsers do not fold them. */
function attribute(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#10;');
}

/**
 * Renders suites as a JUnit XML document.
 * @example renderJunit([{ name: 'budgets', cases: [{ name: 'x', classname: 'y' }] }], { name: 'footprint' })
 */
export function renderJunit(suites: readonly JunitSuite[], options: JunitOptions): string {
  const count = (s: JunitSuite) => s.cases.length;
  const failed = (s: JunitSuite) => s.cases.filter((c) => c.failure).length;
  const tests = suites.reduce((n, s) => n + count(s), 0);
  const failures = suites.reduce((n, s) => n + failed(s), 0);
  const time = options.timeSeconds !== undefined ? ` time="${options.timeSeconds.toFixed(3)}"` : '';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attribute(options.name)}" tests="${tests}" failures="${failures}" errors="0"${time}>`,
  ];
  for (const suite of suites) {
    lines.push(
      `  <testsuite name="${attribute(suite.name)}" tests="${count(suite)}" failures="${failed(suite)}" errors="0" skipped="0">`,
    );
    for (const c of suite.cases) {
      const open = `    <testcase classname="${attribute(c.classname)}" name="${attribute(c.name)}"`;
      if (!c.failure && c.output === undefined) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      if (c.failure) {
        lines.push(
          `      <failure message="${attribute(c.failure.message)}" type="${attribute(c.failure.type)}">${escapeXml(c.failure.details)}</failure>`,
        );
      }
      if (c.output !== undefined) lines.push(`      <system-out>${escapeXml(c.output)}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
