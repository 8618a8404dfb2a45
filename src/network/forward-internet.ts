/**
 * Forwarding out through an internet gateway: where a packet sent to the internet ends up, by who
 * owns its destination (nobody in the estate, an internet-connected site, a subnet's public
 * block).
 *
 * The internet gateway translates the private source address to a public one, and the internet
 * routes public addresses only (see {@link toInternet}; the AWS rules and their sources are listed
 * in `forward.ts`).
 */
import { assertNever, getOrThrow } from '../errors.js';
import { fromSite } from './forward-site.js';
import { DELIVERED, type Decision, type Exit, type Forwarder } from './forward-state.js';
import { isPrivateIpv4, type Subnet } from './spec/index.js';

/**
 * Out through an internet gateway, which translates the private source address to a public one:
 * the internet routes public addresses only, so a private one (RFC 1918 and the like) is dropped
 * there; a public one outside the estate leaves for the internet; a public block of an on-prem
 * network arrives at its site over the internet, if the site is on it; a public block of a
 * subnet arrives through its VPC's internet gateway, over AWS's network.
 */
export function toInternet(
  f: Forwarder,
  igw: string,
  subnet: Subnet,
  table: string,
  action: Decision | undefined,
): Exit {
  const owner = f.owner;
  if (isPrivateIpv4(f.address)) {
    return f.stopped(
      igw,
      'private-to-internet',
      owner
        ? `${f.dst} is a private address of ${owner.id}, sent to internet gateway '${igw}' by ${table}`
        : `${f.dst} is a private address, sent to internet gateway '${igw}' by ${table}: the internet does not route it`,
    );
  }
  f.hop(igw, 'internet-gateway', subnet.zone, 'none', action);
  f.internetGateway = igw;
  if (!owner) {
    f.internet = true;
    return DELIVERED;
  }
  switch (owner.kind) {
    case 'on-prem': {
      const placeholder = f.atPlaceholder(owner.site);
      if (placeholder) return placeholder;
      const site = f.compiled.estate.sites.find((s) => s.id === owner.site);
      if (!site?.internet) {
        return f.stopped(
          owner.site,
          'not-on-internet',
          `${f.dst} is a public address of '${owner.id}' at site '${owner.site}', which is not on the internet (internet: false): nothing reaches it from internet gateway '${igw}'`,
        );
      }
      const over = f.record ? `over the internet to ${owner.cidr.text}` : undefined;
      f.hop(owner.site, 'site', owner.site, 'internet', over);
      return fromSite(f, owner.site);
    }
    case 'subnet': {
      const target = getOrThrow(f.network.subnets, owner.id, 'subnet');
      const targetIgw = f.compiled.igwOfVpc.get(target.vpc);
      if (targetIgw === undefined) {
        return f.stopped(
          target.id,
          'not-on-internet',
          `${f.dst} is a public address of subnet '${target.id}', but VPC '${target.vpc}' has no internet gateway to receive it`,
        );
      }
      const vpc = getOrThrow(f.network.vpcs, target.vpc, 'VPC');
      f.hop(targetIgw, 'internet-gateway', vpc.region, 'aws');
      f.hop(target.id, 'subnet', target.zone, 'aws');
      return DELIVERED;
    }
    default:
      return assertNever(owner, 'address owner');
  }
}
