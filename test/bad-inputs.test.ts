/**
 * The corpus of bad estate files: each `test/fixtures/bad/NAME.yaml` has `NAME.expected`, lines
 * that must all appear in what `footprint validate` prints. Exit code 2, never a stack trace.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { footprint, ROOT, STACK_TRACE } from './cli.js';

const DIR = join(ROOT, 'test/fixtures/bad');
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('bad estate files give precise errors', () => {
  it('has a corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of cases) {
    it(file, async () => {
      const expected = readFileSync(join(DIR, file.replace(/\.yaml$/, '.expected')), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '');
      const result = await footprint('validate', `test/fixtures/bad/${file}`);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(result.stderr).toMatch(/^error\[FP_[A-Z_]+\]: /);
      for (const line of expected) expect(result.stderr).toContain(line);
    });
  }

  it('prints the same errors as JSON with --json', async () => {
    const result = await footprint('validate', 'test/fixtures/bad/unknown-place.yaml', '--json');
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stderr) as {
      errors: { code: string; file: string; line: number; col: number }[];
    };
    expect(body.errors[0]).toMatchObject({
      code: 'FP_UNKNOWN_PLACE',
      file: 'test/fixtures/bad/unknown-place.yaml',
      line: 5,
    });
  });
});

describe('a file with thousands of errors', () => {
  it('prints the first 50 and how many more, in linear time; --json lists them all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'footprint-many-errors-'));
    const file = join(dir, 'many.yaml');
    const sites = Array.from({ length: 3000 }, (_, i) => `  s${i}: { kind: nope, metro: metro:phoenix }`);
    writeFileSync(file, ['name: many', 'sites:', ...sites, ''].join('\n'));
    const text = await footprint('validate', file);
    expect(text.code).toBe(2);
    expect(text.stderr.match(/^error\[FP_INVALID_VALUE\]/gm)).toHaveLength(50);
    expect(text.stderr).toContain(`--> ${file}:52:`);
    expect(text.stderr).toContain('2,950 more not shown (the first 50 are above; --json lists them all)');
    expect(text.stderr.trimEnd().endsWith('3,000 errors')).toBe(true);
    const json = await footprint('validate', file, '--json');
    expect((JSON.parse(json.stderr) as { errors: unknown[] }).errors).toHaveLength(3000);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('files an estate names, and files that are not estates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'footprint-files-'));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const withEnv = async <T>(env: Record<string, string>, body: () => Promise<T>): Promise<T> => {
    const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      return await body();
    } finally {
      for (const [k, v] of Object.entries(before))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  };

  it('refuses a device (extends: /dev/zero, or named on the command line) instead of reading forever', async () => {
    const direct = await footprint('validate', '/dev/zero');
    expect(direct.code).toBe(2);
    expect(direct.stderr).toContain("error[FP_FILE_NOT_FOUND]: '/dev/zero' is not a regular file");
    const named = await withEnv({ FOOTPRINT_ALLOW_ANY_PATH: '1' }, () =>
      footprint('validate', write('zero.yaml', 'name: x\nextends: /dev/zero\n')),
    );
    expect(named.code).toBe(2);
    expect(named.stderr).toContain("error[FP_EXTENDS]: '/dev/zero' is not a regular file");
    expect(named.stderr).toContain('zero.yaml:2:10');
  });

  it('keeps extends and calibration inside the working directory and the estate folder', async () => {
    const passwd = await footprint('validate', write('passwd.yaml', 'name: x\nextends: /etc/passwd\n'));
    expect(passwd.code).toBe(2);
    expect(passwd.stderr).toContain("'/etc/passwd' is outside the working directory and the estate's folder");
    expect(passwd.stderr).toContain('FOOTPRINT_ALLOW_ANY_PATH=1');
    const calibration = await footprint(
      'validate',
      write('calibrated.yaml', 'name: x\ncalibration: /etc/passwd\n'),
    );
    expect(calibration.code).toBe(2);
    expect(calibration.stderr).toContain("'/etc/passwd' is outside the working directory");
    // Allowed on request, and still not quoted: /etc/passwd holds no YAML map.
    const allowed = await withEnv({ FOOTPRINT_ALLOW_ANY_PATH: '1' }, () =>
      footprint('validate', join(dir, 'passwd.yaml')),
    );
    expect(allowed.stderr).toContain("'/etc/passwd' is not an estate file: it holds no YAML map");
    expect(allowed.stderr).not.toContain('root:');
  });

  it('says a path with a NUL byte is no file name (the fuzz test found it an internal error)', async () => {
    const result = await footprint('validate', write('nul.yaml', 'name: x\nextends: "a\\0b.yaml"\n'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a file name: it holds a NUL byte');
    expect(result.stderr).toContain('a\\x00b.yaml');
  });

  it("keeps a scenario's estates and rate files inside the allowed folders, and never quotes a rate file not named .csv", async () => {
    const estate = await footprint(
      'simulate',
      write(
        'leak-estate.yaml',
        'name: leak\nestate: /etc/passwd\nduration: 1m\ndemand: [{ request: x, rate: 1 }]\n',
      ),
    );
    expect(estate.code).toBe(2);
    expect(estate.stderr).toContain("'/etc/passwd' is outside the working directory");
    expect(estate.stderr).toContain('leak-estate.yaml:2:9');
    const csv = await footprint(
      'simulate',
      write(
        'leak-csv.yaml',
        'name: leak\nestate: /etc/passwd\nduration: 1m\ndemand: [{ request: x, rate: { csv: /etc/hostname } }]\n',
      ),
    );
    expect(csv.stderr).toContain("'/etc/hostname' is outside the working directory");
    // Allowed on request: a rate file not named .csv is still not quoted.
    write('creds', 'seconds,rate\naws_secret_access_key = SECRETXYZ\n');
    const quoted = await withEnv({ FOOTPRINT_ALLOW_ANY_PATH: '1' }, () =>
      footprint(
        'simulate',
        write(
          'creds-rate.yaml',
          `name: leak\nestate: ${join(ROOT, 'examples/ticketmaster-phoenix/onsale-lz-burst.yaml')}\nduration: 1m\ndemand: [{ request: event-page, rate: { csv: ./creds } }]\n`,
        ),
      ),
    );
    expect(quoted.code).toBe(2);
    expect(quoted.stderr).toContain("rate file row 2 is not 'seconds,rate' or 'rate' (not shown");
    expect(quoted.stderr).not.toContain('SECRETXYZ');
  });

  it('never quotes a file that is not named as YAML or JSON', async () => {
    write('credentials', '[default]\naws_access_key_id: AKIAEXAMPLE\naws_secret_access_key: SECRETXYZ\n');
    const result = await footprint('validate', write('creds.yaml', 'name: x\nextends: ./credentials\n'));
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('SECRETXYZ');
    expect(result.stderr).not.toContain('AKIAEXAMPLE');
    expect(result.stderr).toContain("credentials' is not YAML (a syntax error; its text is not shown");
  });

  it('refuses a file over the size limit, saying how to raise it', async () => {
    const result = await withEnv({ FOOTPRINT_MAX_FILE_MB: '0.001' }, () =>
      footprint('validate', 'examples/ticketmaster-phoenix/estate.yaml'),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /estate\.yaml' is 0\.\d+ MB, over the 0\.0010 MB limit of a file Footprint reads/,
    );
    expect(result.stderr).toContain('set FOOTPRINT_MAX_FILE_MB=');
  });
});

describe('control bytes from input files', () => {
  it('reach the terminal escaped, in errors (message and code frame) and in text reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'footprint-control-'));
    const file = join(dir, 'evil.yaml');
    // A raw escape in a comment the code frame shows, and one (YAML's "\e") in a place name.
    writeFileSync(
      file,
      'name: "evil\\e]0;pwned\\a"\n# \x1b[2J clears the screen\nsites:\n  dc: { kind: datacenter, metro: "metro:phoenix\\e[2J" }\n',
    );
    const result = await footprint('validate', file);
    expect(result.code).toBe(2);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them
    expect(result.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(result.stderr).toContain('\\x1b[2J');
    writeFileSync(
      file,
      'name: "evil\\e]0;pwned\\a"\nsites:\n  dc: { kind: datacenter, metro: metro:phoenix }\n',
    );
    const report = await footprint('report', file);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('evil\\x1b]0;pwned\\x07');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them
    expect(report.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('inputs that used to be taken wrongly, or said wrongly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'footprint-said-'));
  const EXAMPLE = 'examples/ticketmaster-phoenix/estate.yaml';

  it('refuses a file that is not UTF-8, at the first byte that is not', async () => {
    const file = join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.from('name: caf\xe9\nsites: {}\n', 'latin1'));
    const result = await footprint('validate', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`'${file}' is not UTF-8 text: byte 0xe9 at 1:10`);
    expect(result.stderr).toContain('iconv -f latin1 -t utf-8');
    // A UTF-16 surrogate encoded as UTF-8 (ED A0 80) is not UTF-8 either: located at its first byte.
    const surrogate = join(dir, 'surrogate.yaml');
    writeFileSync(surrogate, Buffer.from([...Buffer.from('name: x\nid: '), 0xed, 0xa0, 0x80, 0x78, 0x0a]));
    const second = await footprint('validate', surrogate);
    expect(second.stderr).toContain(`'${surrogate}' is not UTF-8 text: byte 0xed at 2:5`);
  });

  it('says a file nested hundreds of levels deep is that, on a line of bounded length', async () => {
    const file = join(dir, 'deep.yaml');
    writeFileSync(file, `name: deep\ndescription: ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
    const result = await footprint('validate', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('YAML nested too deeply to read');
    expect(Math.max(...result.stderr.split('\n').map((l) => l.length))).toBeLessThan(200);
  });

  it("reads a ping only as a decimal number ('0x3D' is not 61 ms)", async () => {
    const result = await footprint(
      'calibrate',
      'test/fixtures/pings-hex.csv',
      '--estate',
      EXAMPLE,
      '--out',
      join(dir, 'c.json'),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("rtt_ms is not a decimal number: '0x3D'");
    expect(result.stderr).toContain('pings-hex.csv:2:18');
  });

  it('refuses a measurement overhead as large as the pings themselves', async () => {
    const result = await footprint(
      'calibrate',
      'examples/ticketmaster-phoenix/pings.csv',
      '--estate',
      EXAMPLE,
      '--out',
      join(dir, 'c.json'),
      '--overhead',
      '1000',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--overhead 1000 ms is not less than the smallest ping \([\d.]+ ms\)/);
  });

  it('refuses fan-outs that multiply past 100,000 calls a request (each in range, hours together)', async () => {
    const file = 'test/fixtures/hostile/fan-out-nested.yaml';
    for (const command of ['evaluate', 'check']) {
      const result = await footprint(command, file);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        "the request makes over 100,000 calls per request here, fan-outs multiplied (1,000,000 calls to 'inventory-db' alone)",
      );
      expect(result.stderr).toContain(`--> ${file}:11:9`);
    }
    // The simulator too: each leg is an event there.
    const simulated = await footprint('simulate', 'test/fixtures/hostile/fan-out-nested-scenario.yaml');
    expect(simulated.code).toBe(2);
    expect(simulated.stderr).toContain('fan-outs multiplied (1,000,000 calls');
    expect(simulated.stderr).toContain(`--> ${file}:11:9`);
  });

  it('refuses an AWS file whose list is not a list (it used to import nothing, silently)', async () => {
    const result = await footprint('import', 'aws', 'test/fixtures/aws/not-a-list');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'Vpcs' holds a map, where the AWS CLI prints a list");
    expect(result.stderr).toContain('not-a-list/vpcs.json:2:3');
  });
});
