/**
 * The built executable runs a plain `footprint latency FROM TO [--json]` as a script with the V8
 * code cache the build made (src/cli/script.ts, scripts/build-cli.mjs): the cache is used when it
 * was made for the script and this Node, ignored when it is another script's or V8 rejects it, and
 * without the script (or with one that does not load) the executable goes through the modules;
 * each way prints the same bytes, with the same exit code, as commander's `latency` command in
 * this process.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/program.js';
import { SCRIPT_ID_PREFIX } from '../src/cli/script.js';
import { ACCESS_HUBS } from '../src/latency/hubs.js';
import { precomputedFingerprint } from '../src/latency/precomputed.js';
import { captured, ROOT } from './cli.js';

const TEMP = mkdtempSync(join(tmpdir(), 'footprint-cli-script-'));
afterAll(() => rmSync(TEMP, { recursive: true, force: true }));

/** A copy of the built executable (what a plain latency command line reads) to alter. */
function copyOfDist(name: string): string {
  const root = join(TEMP, name);
  for (const part of ['cli', 'cli-chunks', 'latency'])
    cpSync(join(ROOT, 'dist', part), join(root, 'dist', part), { recursive: true });
  return root;
}

const CACHE = 'dist/cli-chunks/latency-plain.cache';

/** Whether the script in `root`'s dist/cli-chunks/ runs with its cache, as a new node process sees it. */
function cacheUsed(root: string): boolean {
  const script = pathToFileURL(join(ROOT, 'dist', 'cli', 'script.js')).href;
  const dir = pathToFileURL(join(root, 'dist', 'cli-chunks', '/')).href;
  const result = spawnSync(
    process.execPath,
    [
      '-e',
      `import(${JSON.stringify(script)}).then((m) => console.log(m.loadScript(new URL(${JSON.stringify(dir)}), 'latency-plain').cacheUsed))`,
    ],
    { encoding: 'utf8' },
  );
  return result.stdout.trim() === 'true';
}

function spawned(root: string, args: readonly string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The command line through commander's program: what every path must print. */
const throughCommander = (args: readonly string[]) => captured(run, args);

const COMMAND_LINES: readonly string[][] = [
  ['latency', 'us-east-1', 'eu-west-1'],
  ['latency', '-33.87,151.21', 'metro:las-vegas', '--json'],
  ['latency', '--json', 'us-west-3', 'eu-west-1'],
  ['latency', 'us-west-3', 'eu-west-1'],
];

describe('footprint latency as a script with a code cache', () => {
  const built = copyOfDist('built');
  const stale = copyOfDist('stale');
  const id = `${SCRIPT_ID_PREFIX}0000000000000000\n`;
  const data = readFileSync(join(stale, CACHE));
  writeFileSync(join(stale, CACHE), Buffer.concat([Buffer.from(id), data.subarray(data.indexOf(10) + 1)]));
  const rejected = copyOfDist('rejected');
  const script = join(rejected, 'dist/cli-chunks/latency-plain.cjs');
  // Another source (longer by a comment) with the same id: the id matches, V8 rejects the data.
  const source = readFileSync(script, 'utf8');
  const idLine = source.slice(source.lastIndexOf(SCRIPT_ID_PREFIX));
  writeFileSync(script, `${source.slice(0, source.length - idLine.length)}// changed\n${idLine}`);
  const modules = copyOfDist('modules');
  rmSync(join(modules, 'dist/cli-chunks/latency-plain.cjs'));
  const broken = copyOfDist('broken');
  writeFileSync(join(broken, 'dist/cli-chunks/latency-plain.cjs'), 'this is not JavaScript');

  it('uses the cache the build made, and not a stale or rejected one', () => {
    expect(cacheUsed(built)).toBe(true);
    expect(cacheUsed(stale)).toBe(false);
    expect(cacheUsed(rejected)).toBe(false);
  });

  it('prints what commander does, with the cache, without it, and without the script (or with one that does not load)', async () => {
    // Every command line with the cache; a valid and an invalid one each other way (a process each).
    for (const [k, args] of COMMAND_LINES.entries()) {
      const expected = await throughCommander(args);
      const roots = k % 2 === 0 ? [built, stale, rejected, modules, broken] : [built];
      for (const root of roots) expect(spawned(root, args), `${root}: ${args.join(' ')}`).toEqual(expected);
    }
  }, 120_000);
});

describe('the fingerprint of precomputed.bin in the bundles', () => {
  it('is the one these sources compute, written in place by the build', () => {
    const expected = `"${ACCESS_HUBS}:${precomputedFingerprint(ACCESS_HUBS)}"`;
    expect(readFileSync(join(ROOT, 'dist/cli-chunks/latency-plain.cjs'), 'utf8')).toContain(expected);
  });
});
