import { describe, expect, it } from 'vitest';
import { networkEstate } from '../../bench/estates.js';
import { loadEstate, parseEstate } from '../model/index.js';
import {
  classMatrix,
  classPairRttMs,
  compileNetwork,
  type Subnet,
  subnetClasses,
  subnetPairRttMs,
} from './index.js';

describe('subnet equivalence classes', () => {
  it('stand for every pair exactly on a generated multi-region estate', () => {
    const estate = parseEstate(networkEstate({ vpcsPerRegion: 3, subnetsPerVpc: 6 }), 'generated.yaml');
    const compiled = compileNetwork(estate);
    const matrix = classMatrix(compiled);
    const ids = [...(estate.network?.subnets.keys() ?? [])];
    expect(ids.length).toBe(72);
    // Far fewer classes than subnets: the VPCs of a region are alike.
    expect(matrix.classes.members.length).toBeLessThan(ids.length / 2);
    expect(matrix.pairs).toBe(ids.length * (ids.length - 1));
    let checked = 0;
    for (const a of ids) {
      for (const b of ids) {
        if (a === b) continue;
        const direct = subnetPairRttMs(
          compiled,
          estate.network?.subnets.get(a) as Subnet,
          estate.network?.subnets.get(b) as Subnet,
        );
        expect(classPairRttMs(compiled, matrix, a, b)).toBe(direct);
        checked++;
      }
    }
    expect(checked).toBe(matrix.pairs);
  });

  it('keep apart subnets that route differently', () => {
    const estate = loadEstate('examples/ticketmaster-phoenix/network-do.yaml');
    const classes = subnetClasses(compileNetwork(estate));
    const classOf = (id: string) => classes.classOf.get(id);
    // Each Local Zone subnet routes on its own; the two TGW attachment subnets of the LZ VPCs are alike
    // as sources but are reached through different VGWs.
    expect(new Set(['phx-app', 'lax-app', 'core-a'].map(classOf)).size).toBe(3);
  });
});
