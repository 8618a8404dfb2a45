import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScript, SCRIPT_ID_PREFIX, scriptIdLine, writeScriptCache } from './script.js';

const DIR = mkdtempSync(join(tmpdir(), 'footprint-script-'));
const dir = pathToFileURL(`${DIR}/`);
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** A script as the build writes one: CommonJS, ending with its id; unique, so V8 has not compiled it in this process. */
function writeScript(name: string, id: string, padding = ''): void {
  const nonce = `${Date.now()}-${Math.random()}`.padEnd(40, '0');
  writeFileSync(
    join(DIR, `${name}.cjs`),
    `exports.square = (x) => x * x;\nexports.url = __footprintScriptUrl;\nexports.nonce = '${nonce}';${padding}\n${SCRIPT_ID_PREFIX}${id}\n`,
  );
}

type Square = { square: (x: number) => number; url: string };

describe('scriptIdLine', () => {
  it('is the last id line of a source, undefined without one', () => {
    expect(scriptIdLine(`a\n${SCRIPT_ID_PREFIX}abc\n`)).toBe(`${SCRIPT_ID_PREFIX}abc`);
    expect(scriptIdLine('a\n')).toBeUndefined();
  });
});

describe('loadScript', () => {
  it('is undefined when there is no script', () => {
    expect(loadScript(dir, 'missing')).toBeUndefined();
  });

  it('runs a script without a cache, and gives it its own URL', () => {
    writeScript('plain', '1');
    const loaded = loadScript<Square>(dir, 'plain');
    expect(loaded?.cacheUsed).toBe(false);
    expect(loaded?.exports.square(7)).toBe(49);
    expect(loaded?.exports.url).toBe(new URL('plain.cjs', dir).href);
  });

  it('writes a cache that starts with the script id, and uses it for that script', () => {
    writeScript('cached', '2');
    const first = loadScript<Square>(dir, 'cached');
    if (!first) throw new Error('no script');
    first.exports.square(3);
    writeScriptCache(dir, 'cached', first);
    const cache = readFileSync(join(DIR, 'cached.cache'));
    expect(cache.toString('latin1', 0, `${SCRIPT_ID_PREFIX}2\n`.length)).toBe(`${SCRIPT_ID_PREFIX}2\n`);
    const again = loadScript<Square>(dir, 'cached');
    expect(again?.cacheUsed).toBe(true);
    expect(again?.exports.square(5)).toBe(25);
  });

  it("ignores another script's cache (a stale id), and one V8 rejects, and runs the script the same", () => {
    writeScript('made-for', '3');
    const made = loadScript<Square>(dir, 'made-for');
    if (!made) throw new Error('no script');
    writeScriptCache(dir, 'made-for', made);
    // The same length and another id: a rebuilt script never gets the old cache.
    writeScript('stale', '4');
    writeFileSync(join(DIR, 'stale.cache'), readFileSync(join(DIR, 'made-for.cache')));
    const stale = loadScript<Square>(dir, 'stale');
    expect(stale?.cacheUsed).toBe(false);
    expect(stale?.exports.square(6)).toBe(36);
    // The right id, but data V8 cannot use (made for another source, another Node): V8 rejects it.
    writeScript('damaged', '5', ' // a longer source');
    const data = readFileSync(join(DIR, 'made-for.cache')).subarray(`${SCRIPT_ID_PREFIX}3\n`.length);
    writeFileSync(join(DIR, 'damaged.cache'), Buffer.concat([Buffer.from(`${SCRIPT_ID_PREFIX}5\n`), data]));
    const damaged = loadScript<Square>(dir, 'damaged');
    expect(damaged?.cacheUsed).toBe(false);
    expect(damaged?.script.cachedDataRejected).toBe(true);
    expect(damaged?.exports.square(8)).toBe(64);
  });
});
