/**
 * Subnets that are no place for a workload: a Transit Gateway VPC attachment's subnets. AWS's
 * design advice is a small dedicated subnet (a /28) per AZ for each attachment, holding only the
 * Transit Gateway's network interfaces, with its own route table, so that the workloads' subnets
 * keep their addresses and their routes: placement must not propose moving services there, even
 * when it is the nearest subnet of a zone.
 *
 * Source: AWS Transit Gateway, "Best practices for transit gateway design" ("Use a separate subnet
 * for each transit gateway VPC attachment. For each subnet, use a small CIDR, for example /28, so
 * that you have more addresses for EC2 resources."),
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html
 */
import type { Estate } from '../model/index.js';

/**
 * The estate's subnets no service should be placed in: those a Transit Gateway VPC attachment uses.
 * A subnet some service already runs in stays a place to run (the placement may keep it there).
 */
export function nonWorkloadSubnets(estate: Estate): Set<string> {
  const attachment = new Set<string>();
  for (const a of estate.network?.tgwAttachments.values() ?? [])
    if (a.kind === 'vpc') for (const subnet of a.subnets) attachment.add(subnet);
  for (const service of estate.services)
    for (const p of service.placements) if (p.subnet !== undefined) attachment.delete(p.subnet);
  return attachment;
}
