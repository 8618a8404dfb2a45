/**
 * The network as the estate file states it: IPv4 CIDRs, the zod schema of the `network` section,
 * and its resolution into a checked {@link Network} with AWS's implicit behaviour made explicit
 * (local routes, main route tables, propagated Transit Gateway routes).
 *
 * A sublayer of the network that needs only the catalog, so that the estate (src/model/) can
 * compose it: the model puts `networkSchema` in the estate schema and calls `resolveNetwork` with
 * a `report` that locates problems in the user's files. Forwarding, compilation and trace, which
 * need the estate and physical latency, are in src/network/ itself.
 */

export * from './cidr.js';
export type * from './network.js';
export type { DataPath, Report } from './resolve-network.js';
export { networkIds, type PhysicalLink, resolveNetwork } from './resolve-network-edge.js';
export { type NetworkInput, networkSchema } from './schema-network.js';
