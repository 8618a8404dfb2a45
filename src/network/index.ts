/**
 * The network layer: longest-prefix match, forwarding through route tables and gateways with AWS's
 * rules, and the routed path between two endpoints laid on the physical map. It also exports its
 * sublayer `spec/` (CIDRs, the network section's schema and resolution), which sits above the model
 * so that the estate can compose it.
 */

export {
  type ClassMatrix,
  classMatrix,
  classPairRttMs,
  type SubnetClasses,
  subnetClasses,
  subnetPairRttMs,
} from './classes.js';
export {
  type AddressOwner,
  attachmentReach,
  type CompiledNetwork,
  compileNetwork,
  type VpcAttachment,
} from './compile.js';
export type { SiteRoute } from './compile-premises.js';
export {
  type ForwardHop,
  type ForwardResult,
  type ForwardStart,
  type ForwardStop,
  forward,
  forwardFromSubnetRttMs,
  forwardRttMs,
  type HopKind,
  type StopReason,
} from './forward.js';
export { LpmTable } from './lpm.js';
export { SegmentCosts } from './segments.js';
export * from './spec/index.js';
export {
  DETOUR_MIN_MS,
  DETOUR_MIN_RATIO,
  type TraceDirection,
  type TraceEndpoint,
  type TraceFinding,
  type TraceResult,
  traceEndpoint,
  traceRoute,
} from './trace.js';
