/**
 * The state of one packet's forwarding ({@link Forwarder}) and the moves every step of it makes:
 * a hop onto the next element (its cost by medium, laid on the physical map), a stop with its
 * reason, the loop guard, and the stop at a placeholder site. The steps themselves, one file per
 * kind of element the packet meets, are `forward-subnet.ts`, `forward-internet.ts`,
 * `forward-direct-connect.ts`, `forward-site.ts` and `forward-tgw.ts`; `forward.ts` starts them.
 *
 * A site whose position is not known yet (a placeholder) ends the packet's path where it would
 * leave for that site, e.g. at the DX location of the circuit, with stop reason `placeholder`.
 *
 * Every step returns how it ended ({@link Exit}): delivered, or stopped with a reason. The compiler
 * thus refuses a way out of a step that forgets to say why the packet stopped; what resolution
 * guarantees (an id a route names exists) is looked up with `getOrThrow`, so that a broken
 * guarantee is a visible internal error, never a silent drop.
 */
import { getOrThrow } from '../errors.js';
import type { AddressOwner, CompiledNetwork } from './compile.js';
import type { ForwardHop, ForwardStop, HopKind, StopReason } from './forward.js';
import { formatIpv4, type Network, type Subnet } from './spec/index.js';

/** How a hop was reached from the previous one, for its cost. */
export type Medium = 'none' | 'aws' | 'wan' | 'internet' | { readonly link: string };

/** What a hop records of the decision that led to it: its text, and the route table when one decided. */
export type Decision = string | { readonly action: string; readonly routeTable: string };

const MAX_STEPS = 64;

/** How a step of forwarding ended: every step returns one. */
export type Exit = { readonly delivered: true } | { readonly delivered: false; readonly stop: ForwardStop };

export const DELIVERED: Exit = { delivered: true };

/** The hop list of a forwarding that records none: never written to. */
const NO_HOPS: readonly ForwardHop[] = Object.freeze([]);

/** One packet on its way: where it is, what it cost so far, and the hops it passed. */
export class Forwarder {
  readonly network: Network;
  readonly hops: ForwardHop[];
  private steps = 0;
  place = '';
  private rtt = 0;
  owner: AddressOwner | undefined;
  /** The subnet that holds the destination, if a subnet does (looked up once). */
  private target: Subnet | undefined;
  internet = false;
  internetGateway: string | undefined;
  private generation = 0;

  constructor(
    readonly compiled: CompiledNetwork,
    public address: number,
    /** False: keep the RTT and the verdict only (no hop list, no decision text): the hot path. */
    readonly record: boolean,
  ) {
    this.network = compiled.network;
    this.hops = record ? [] : (NO_HOPS as ForwardHop[]);
    this.reset(address);
  }

  /** Ready to forward a new packet (a reusable forwarder records no hops). */
  reset(address: number): void {
    this.address = address;
    this.steps = 0;
    this.place = '';
    this.rtt = 0;
    this.internet = false;
    this.internetGateway = undefined;
    this.generation = ++this.compiled.scratch.generation;
    this.owner = this.compiled.owners.lookup(address)?.value;
    this.target =
      this.owner?.kind === 'subnet' ? getOrThrow(this.network.subnets, this.owner.id, 'subnet') : undefined;
  }

  get rttMs(): number {
    return this.rtt;
  }

  /** The destination address as text: for messages only. */
  get dst(): string {
    return formatIpv4(this.address);
  }

  private cost(to: string, medium: Medium): number {
    if (medium === 'none' || to === this.place) return 0;
    const segments = this.compiled.segments;
    if (medium === 'aws') return segments.awsRttMs(this.place, to);
    if (medium === 'wan') return segments.wanRttMs(this.place, to);
    if (medium === 'internet') return segments.internetRttMs(this.place, to);
    return segments.linkRttMs(medium.link);
  }

  hop(element: string, kind: HopKind, place: string, medium: Medium, decision?: Decision): void {
    this.rtt += this.cost(place, medium);
    this.place = place;
    this.steps++;
    if (!this.record) return;
    const decided = typeof decision === 'string' ? { action: decision } : (decision ?? {});
    this.hops.push({ element, kind, place, rttMs: this.rtt, ...decided });
  }

  stopped(element: string, reason: StopReason, message: string): Exit {
    return { delivered: false, stop: { element, reason, message } };
  }

  /** The subnet that holds the destination, if a subnet does. */
  ownerSubnet(): Subnet | undefined {
    return this.target;
  }

  /** The stop when `site` is a placeholder (its position is not known yet); undefined otherwise. */
  atPlaceholder(site: string): Exit | undefined {
    if (!this.compiled.placeholderSites.has(site)) return undefined;
    const where = this.place === site ? `at '${site}'` : `at ${this.place}, before '${site}'`;
    return this.stopped(
      site,
      'placeholder',
      `the path to ${this.dst} stops ${where}: site '${site}' is a placeholder whose position is not known yet; give it a metro or location to trace beyond`,
    );
  }

  /**
   * Guards against routing loops: a decision point (a subnet's route table, a Transit Gateway route
   * table, a site's router) met twice by the same packet. Stamps, not sets: no allocation. The
   * loop's stop, or undefined when the packet may go on.
   */
  enter(stamps: Uint32Array, index: number, element: string): Exit | undefined {
    if (stamps[index] === this.generation || this.steps > MAX_STEPS) {
      return this.stopped(
        element,
        'loop',
        `routing loop: the packet to ${this.dst} comes back to ${element}`,
      );
    }
    stamps[index] = this.generation;
    return undefined;
  }
}
