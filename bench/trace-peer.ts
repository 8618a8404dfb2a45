/**
 * Part 1 of bench/trace.ts: forwarding on one size of generated estate, Footprint against the
 * plain Python LPM walk (bench/peers/trace_lpm.py) on the same network and the same pairs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEstate } from '../src/model/index.js';
import {
  attachmentReach,
  type CompiledNetwork,
  compileNetwork,
  forwardFromSubnetRttMs,
  type Subnet,
} from '../src/network/index.js';
import { networkEstate } from './estates.js';
import { fmt, median, runPythonPeer } from './measure.js';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface SizeResult {
  readonly subnets: number;
  /** Footprint's one-way traces per CPU second (median of the runs). */
  readonly rate: number;
  /** The peer's figures and the ratio, or why it did not run. */
  readonly peer: string;
  /** Sampled pairs whose RTTs differ between the two. */
  readonly mismatches: number;
}

interface PeerRun {
  readonly python: string;
  readonly cpuMs: readonly number[];
  readonly delivered: number;
  readonly rttMs: readonly (number | null)[];
}

/** The network as the peer reads it (see trace_lpm.py), with the sampled pairs. */
function peerNetwork(compiled: CompiledNetwork, pairs: readonly [number, number][]): unknown {
  const network = compiled.network;
  const subnets = [...network.subnets.values()];
  const vpcIndex = new Map([...network.vpcs.keys()].map((id, i) => [id, i]));
  const tableIndex = new Map([...network.routeTables.keys()].map((id, i) => [id, i]));
  const tgwIndex = new Map([...network.transitGateways.keys()].map((id, i) => [id, i]));
  const attachmentIndex = new Map([...network.tgwAttachments.keys()].map((id, i) => [id, i]));
  const tgwTableIndex = new Map([...network.tgwRouteTables.keys()].map((id, i) => [id, i]));
  const places: string[] = [];
  const placeIndex = new Map<string, number>();
  const place = (id: string) => {
    let k = placeIndex.get(id);
    if (k === undefined) {
      k = places.length;
      places.push(id);
      placeIndex.set(id, k);
    }
    return k;
  };
  const reach = (subnet: Subnet): number => {
    for (const a of compiled.vpcAttachmentByTgw.values()) {
      const attachment = a.get(subnet.vpc);
      if (attachment) return attachmentReach(compiled, subnet, attachment).reached ? 1 : 0;
    }
    return 0;
  };
  const json = {
    subnets: subnets.map((s) => [
      s.cidr.base >>> 0,
      s.cidr.length,
      vpcIndex.get(s.vpc),
      place(s.zone),
      tableIndex.get(s.routeTable),
      reach(s),
    ]),
    routeTables: [...network.routeTables.values()].map((t) =>
      t.routes.map((r) => [
        r.destination.base >>> 0,
        r.destination.length,
        r.targetKind === 'local' ? 'local' : r.targetKind === 'transit-gateway' ? 'tgw' : r.targetKind,
        r.targetKind === 'transit-gateway' ? tgwIndex.get(r.target) : -1,
      ]),
    ),
    tgws: [...network.transitGateways.values()].map((g) => [
      place(g.region),
      Object.fromEntries(
        [...(compiled.vpcAttachmentByTgw.get(g.id) ?? new Map()).values()].map((a) => [
          String(vpcIndex.get(a.vpc)),
          attachmentIndex.get(a.id),
        ]),
      ),
    ]),
    attachments: [...network.tgwAttachments.values()].map((a) => [
      a.kind,
      tgwIndex.get(a.transitGateway),
      a.routeTable === undefined ? -1 : tgwTableIndex.get(a.routeTable),
      a.kind === 'vpc' ? vpcIndex.get(a.vpc) : a.kind === 'peering' ? tgwIndex.get(a.peer) : -1,
      a.kind === 'peering'
        ? (attachmentIndex.get(compiled.tgwPeerAttachment.get(`${a.peer}|${a.transitGateway}`)?.id ?? '') ??
          -1)
        : -1,
    ]),
    tgwTables: [...network.tgwRouteTables.values()].map((t) =>
      t.routes.map((r) => [
        r.destination.base >>> 0,
        r.destination.length,
        r.target === 'blackhole' ? -1 : (attachmentIndex.get(r.target) ?? -1),
      ]),
    ),
    vpcRegion: [...network.vpcs.values()].map((v) => place(v.region)),
    aws: [] as number[][],
    pairs,
  };
  json.aws = places.map((a) => places.map((b) => compiled.segments.awsRttMs(a, b)));
  return json;
}

/** One size's network and sampled pairs, ready to time. */
export interface SizeSetup {
  readonly compiled: CompiledNetwork;
  readonly subnets: number;
  readonly pairs: readonly [number, number][];
  readonly sources: Int32Array;
  readonly addresses: Float64Array;
  /** Forwards every sampled pair once; the number delivered. */
  readonly run: () => number;
}

/** The network of `vpcsPerRegion` x 4 VPCs of `subnetsPerVpc` subnets and `traces` sampled pairs. */
export function setUpSize(vpcsPerRegion: number, subnetsPerVpc: number, traces: number): SizeSetup {
  const estate = parseEstate(networkEstate({ vpcsPerRegion, subnetsPerVpc }), 'generated.yaml');
  const compiled = compileNetwork(estate);
  const subnets = [...(estate.network?.subnets.values() ?? [])];
  const n = subnets.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i < traces; i++) pairs.push([(i * 7919) % n, (i * 104_729 + 13) % n]);
  const sources = Int32Array.from(pairs, ([a]) => a);
  const addresses = Float64Array.from(pairs, ([, b]) => (subnets[b] as Subnet).cidr.base);
  const run = () => {
    let delivered = 0;
    for (let i = 0; i < traces; i++) {
      if (!Number.isNaN(forwardFromSubnetRttMs(compiled, sources[i] as number, addresses[i] as number)))
        delivered++;
    }
    return delivered;
  };
  return { compiled, subnets: n, pairs, sources, addresses, run };
}

/**
 * CPU ms of each size's pass over its pairs, `runs` rounds after `warmup`, the sizes in turn within
 * a round: a burst of other work on the shared machine then slows every size alike, not the one it
 * happened to meet (the ratio between sizes is a target of its own).
 */
export function timeSizes(setups: readonly SizeSetup[], runs: number, warmup = 1): number[][] {
  const cpu = setups.map((): number[] => []);
  for (let r = 0; r < warmup + runs; r++) {
    setups.forEach((setup, k) => {
      const usage = process.cpuUsage();
      setup.run();
      const spent = process.cpuUsage(usage);
      if (r >= warmup) (cpu[k] as number[]).push((spent.user + spent.system) / 1000);
    });
  }
  return cpu;
}

/** Forwarding on one size, timed (`cpu`, ms per pass) beside the others, against the peer. */
export function forwardingAtSize(setup: SizeSetup, cpu: readonly number[]): SizeResult {
  const { compiled, pairs, sources, addresses } = setup;
  const traces = pairs.length;
  const n = setup.subnets;
  const rate = traces / (median(cpu) / 1000);
  const dir = mkdtempSync(join(tmpdir(), 'fp-bench-trace-'));
  const file = join(dir, 'network.json');
  writeFileSync(file, JSON.stringify(peerNetwork(compiled, pairs)));
  const peer = runPythonPeer<PeerRun>(join(HERE, 'peers', 'trace_lpm.py'), ['--network', file]);
  rmSync(dir, { recursive: true, force: true });
  if ('error' in peer) return { subnets: n, rate, peer: `not run: ${peer.error}`, mismatches: 0 };
  let mismatches = 0;
  peer.rttMs.forEach((theirs, i) => {
    const ours = forwardFromSubnetRttMs(compiled, sources[i] as number, addresses[i] as number);
    const same = theirs === null ? Number.isNaN(ours) : Math.abs(ours - theirs) <= 1e-9 * Math.max(1, ours);
    if (!same) mismatches++;
  });
  const peerRate = traces / (median(peer.cpuMs) / 1000);
  return {
    subnets: n,
    rate,
    peer: `(Python ${peer.python}) ${fmt(peerRate)}/s; ratio ${(rate / peerRate).toFixed(1)}x (target >= 3x); ${peer.rttMs.length - mismatches} of ${peer.rttMs.length} sampled RTTs agree`,
    mismatches,
  };
}
