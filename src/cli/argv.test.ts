import { describe, expect, it } from 'vitest';
import { plainLatency, protectCoordinates } from './argv.js';

describe('protectCoordinates', () => {
  it('turns a coordinate that starts with a minus into a geo: URI, and leaves the rest', () => {
    expect(protectCoordinates(['latency', '-33.87,151.21', 'x', '--json'])).toEqual([
      'latency',
      'geo:-33.87,151.21',
      'x',
      '--json',
    ]);
  });
});

describe('plainLatency', () => {
  it('reads two places and --json anywhere, coordinates protected as commander sees them', () => {
    expect(plainLatency(['latency', 'us-east-1', 'eu-west-1'])).toEqual({
      from: 'us-east-1',
      to: 'eu-west-1',
      json: false,
    });
    expect(plainLatency(['latency', '--json', '-33.87,151.21', 'us-east-1'])).toEqual({
      from: 'geo:-33.87,151.21',
      to: 'us-east-1',
      json: true,
    });
    expect(plainLatency(['latency', '', 'x'])).toEqual({ from: '', to: 'x', json: false });
  });

  it('leaves to commander every other command line: other commands, options, help, a wrong count', () => {
    for (const argv of [
      [],
      ['matrix', 'a', 'b'],
      ['latency'],
      ['latency', 'a'],
      ['latency', 'a', 'b', 'c'],
      ['latency', 'a', 'b', '--json', '--json'],
      ['latency', 'a', 'b', '--estate', 'e.yaml'],
      ['latency', 'a', 'b', '--estate=e.yaml'],
      ['latency', 'a', 'b', '--help'],
      ['latency', 'a', 'b', '-h'],
      ['latency', 'a', '--', 'b'],
      ['latency', 'a', 'b', '--bogus'],
      ['latency', '--version'],
      ['help', 'latency'],
      ['--json', 'latency', 'a', 'b'],
    ])
      expect(plainLatency(argv), argv.join(' ')).toBeUndefined();
  });
});
