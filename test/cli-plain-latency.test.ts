/**
 * The executable runs a plain `footprint latency FROM TO [--json]` without commander
 * (src/cli/executable.ts): the same bytes and exit code as commander's parse (`run`) for valid
 * places, coordinates, and each kind of invalid place (with its suggestions), text and JSON.
 */
import { describe, expect, it } from 'vitest';
import { plainLatency } from '../src/cli/argv.js';
import { run } from '../src/cli/program.js';
import { captured, footprint } from './cli.js';

/** The command line through commander's program, as before the plain path. */
const throughCommander = (args: readonly string[]) => captured(run, args);

const PAIRS: readonly (readonly [string, string])[] = [
  ['us-east-1', 'eu-west-1'],
  ['ap-south-1', 'eu-central-1'],
  ['51.51,-0.13', '40.71,-74.01'],
  ['-33.87,151.21', '-23.55,-46.63'],
  ['geo:-33.87,151.21', 'ap-southeast-2'],
  ['metro:las-vegas', 'us-east-1'],
  ['use1-az1', 'us-west-2-lax-1a'],
  ['cn-north-1', 'us-east-1'],
  ['us-east-1', 'us-east-1'],
  ['us-west-3', 'eu-west-1'],
  ['91,0', 'us-east-1'],
  ['', 'us-east-1'],
  ['NaN', 'us-east-1'],
  ['42', 'us-east-1'],
  ['-112.07,33.45', 'us-west-2'],
  ['95,200', 'us-west-2'],
  ['dx:EqDC2', 'metro:nowhere'],
];

describe('footprint latency without commander', () => {
  it('prints what commander does, text and JSON, for valid and invalid places', async () => {
    for (const [from, to] of PAIRS) {
      for (const args of [
        ['latency', from, to],
        ['latency', from, to, '--json'],
        ['latency', '--json', from, to],
      ]) {
        expect(plainLatency(args), args.join(' ')).toBeDefined();
        const expected = await throughCommander(args);
        expect(await footprint(...args), args.join(' ')).toEqual(expected);
      }
    }
  });
});
