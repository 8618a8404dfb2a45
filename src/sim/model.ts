/**
 * The simulator's input, compiled: everything the engine reads in its loop, as integers and typed
 * arrays indexed by endpoint, service, pool, program node and demand source. An estate and a
 * scenario compile into it (`compile.ts`); tests and benchmarks may build one directly.
 */
import type { ColdStartPolicy } from './cold-start.js';
import type { SimDoors } from './doors/model.js';

/** Compute-time distributions. */
export const DIST_CONSTANT = 0;
export const DIST_EXPONENTIAL = 1;
export const DIST_LOGNORMAL = 2;

/** How a caller picks among a service's pools. */
export const BALANCE_NEAREST = 0;
export const BALANCE_PRIMARY = 1;
export const BALANCE_ROUND_ROBIN = 2;
export const BALANCE_LEAST_OUTSTANDING = 3;

/** Program nodes. */
export const NODE_SERIES = 0;
export const NODE_PARALLEL = 1;
export const NODE_CALL = 2;

/** Scaling metrics. */
export const METRIC_UTILISATION = 0;
export const METRIC_REQUESTS_PER_INSTANCE = 1;

/** Data-transfer classes, priced per GB; `free` is inbound to AWS and between the company's own sites. */
export const TRANSFER_CLASSES = [
  'same-zone',
  'inter-az',
  'inter-region',
  'dx-out',
  'internet-out',
  'free',
] as const;
export type TransferClass = (typeof TRANSFER_CLASSES)[number];

export interface SimComputeTime {
  readonly dist: number;
  /** Constant: the time; exponential: the mean; lognormal: the median (seconds). */
  readonly a: number;
  /** Lognormal: sigma; else 0. */
  readonly b: number;
}

export interface SimService {
  readonly id: string;
  readonly compute: SimComputeTime;
  readonly balancing: number;
  /** Its pools, in the order they are listed (the order `primary` prefers). */
  readonly pools: readonly number[];
  /** How the balancer checks its pools (health.ts); default {@link ELB_HEALTH_CHECK}. */
  readonly healthCheck?: SimHealthCheck;
  /** Services (by index) that must answer before it can start after its place comes back (cold-start.ts). */
  readonly startup?: readonly number[];
  /** Its failure domain is one place: its callers' start-up needs it in their own place when it runs there. */
  readonly zonal?: boolean;
}

/** A load balancer's health check of a target: how often, how long a probe may take, thresholds. */
export interface SimHealthCheck {
  readonly intervalS: number;
  readonly timeoutS: number;
  /** Consecutive failed probes before a healthy target is marked unhealthy. */
  readonly unhealthyThreshold: number;
  /** Consecutive successful probes before an unhealthy target is marked healthy. */
  readonly healthyThreshold: number;
}

/**
 * Elastic Load Balancing's defaults for an Application Load Balancer's target group: a probe every
 * 30 s, 5 s to answer, 2 failures to mark a target unhealthy, 5 successes to mark it healthy again
 * (ELB User Guide for Application Load Balancers, "Health checks for your target groups").
 */
export const ELB_HEALTH_CHECK: SimHealthCheck = {
  intervalS: 30,
  timeoutS: 5,
  unhealthyThreshold: 2,
  healthyThreshold: 5,
};

/** Fault kinds. */
export const FAULT_LOSE_PLACE = 0;
export const FAULT_LOSE_INSTANCES = 1;
export const FAULT_CUT = 2;
export const FAULT_BROWNOUT = 3;
/** A bad push reaching a service's cells in turn (a brown-out of each from when it gets it). */
export const FAULT_DEPLOY = 4;

/** A fault of the scenario, compiled against one design. */
export interface SimFault {
  /** For output, e.g. `lose region us-west-2`. */
  readonly label: string;
  readonly kind: number;
  readonly startS: number;
  /** When it ends; +Infinity when it lasts till the end of the run. */
  readonly endS: number;
  /** The pools it stops (a place lost), takes instances from, or browns out. */
  readonly pools: readonly number[];
  /** Pools that keep running but cannot launch (Local Zones whose parent is lost). */
  readonly launchBlocked: readonly number[];
  /** Instances lost (FAULT_LOSE_INSTANCES). */
  readonly instances: number;
  /** How long servers that do not scale take to come back once the place is back. */
  readonly bootS: number;
  readonly addedLatencyS: number;
  /** Share of calls answered with an error (0-1). */
  readonly errorRate: number;
  /** FAULT_CUT: the model's RTT matrix (index into `rttVariants`) from its start, and from its end. */
  readonly rttAtStart: number;
  readonly rttAtEnd: number;
  /** FAULT_DEPLOY: when the push reaches each of `pools` (+Infinity: never, the alarm stopped it first). */
  readonly poolStartS?: readonly number[];
}

/** Target tracking: the controller that adds and removes instances. */
export interface SimScaling {
  /** The platform's name, for output: ec2-asg, karpenter, ... */
  readonly platform: string;
  readonly metric: number;
  /** Utilisation (0-1) or requests per instance per second. */
  readonly target: number;
  /** Measure over the pool itself (false) or the whole service (true). */
  readonly overService: boolean;
  readonly periodS: number;
  /** Consecutive periods above the target before scaling out; below it before scaling in. */
  readonly outPeriods: number;
  readonly inPeriods: number;
  /** From the launch request to serving traffic. */
  readonly launchS: number;
  /** Time after scaling in before the next scale-in. */
  readonly cooldownS: number;
  /** Largest share of in-service instances one scale-in removes. */
  readonly scaleInShare: number;
}

export interface SimSpot {
  /** Share of launched instances that are Spot (0-1). */
  readonly share: number;
  /** Interruptions per Spot instance per hour. */
  readonly interruptionsPerHour: number;
  /** The interruption notice (AWS: two minutes). */
  readonly noticeS: number;
  /** Instance families the Spot instances are spread over. */
  readonly families: readonly string[];
}

export interface SimPool {
  /** `service@place`. */
  readonly id: string;
  readonly service: number;
  readonly place: string;
  readonly endpoint: number;
  readonly workers: number;
  /** Requests an instance may hold waiting; Infinity for no limit. */
  readonly queuePerInstance: number;
  readonly initial: number;
  readonly min: number;
  readonly max: number;
  readonly scaling?: SimScaling;
  readonly spot?: SimSpot;
  /** Index into the model's launch limits (a zone's finite capacity of an instance family), or -1. */
  readonly limit: number;
  /** Hourly price of an on-demand (or only) instance, and of a Spot one. */
  readonly onDemandHourly: number;
  readonly spotHourly: number;
  /** On-premises: servers are bought, billed per server-hour for every server owned all run long. */
  readonly owned: boolean;
  readonly platform: string;
}

/** A zone's finite capacity of one instance family: launches past it fail (InsufficientInstanceCapacity). */
export interface SimLaunchLimit {
  readonly zone: string;
  readonly family: string;
  readonly max: number;
}

/** Call graphs, compiled in preorder: the children of node i start at i + 1, the next at end[child]. */
export interface SimProgram {
  readonly size: number;
  readonly kind: Uint8Array;
  readonly end: Int32Array;
  /** Call: the service called. */
  readonly service: Int32Array;
  readonly fanOut: Int32Array;
  readonly roundTrips: Int32Array;
  readonly payloadBytes: Float64Array;
  /** Call: seconds to move the payload at the call's throughput. */
  readonly payloadS: Float64Array;
  readonly cacheHitRatio: Float64Array;
  readonly cacheHitS: Float64Array;
  /** For output: where each call is written. */
  readonly label: readonly string[];
}

/** Demand over time, piecewise constant: `rates[k]` requests/s from `k * stepS` on. */
export interface SimRateProfile {
  readonly stepS: number;
  readonly rates: Float64Array;
}

/** One request from one metro: its own arrivals and figures. */
export interface SimSource {
  readonly request: string;
  readonly metro: string;
  readonly endpoint: number;
  /** The program node of the users' call to the entry service. */
  readonly root: number;
  readonly profile: SimRateProfile;
  /** Requests per session (1: each request is its own session) and mean think time between them. */
  readonly sessionRequests: number;
  readonly thinkS: number;
  readonly budgetP99Ms?: number;
  readonly budgetP50Ms?: number;
}

export interface SimClient {
  /** The client gives up on an attempt after this long. */
  readonly timeoutS: number;
  /** Attempts in all (1: no retry). */
  readonly attempts: number;
  /** Exponential backoff with full jitter: uniform in [0, min(cap, base x 2^(k-1))]. */
  readonly backoffBaseS: number;
  readonly backoffCapS: number;
  /** Retry errors and rejections too, not only timeouts. */
  readonly retryErrors: boolean;
}

/** A scheduled capacity change. */
export interface SimAction {
  readonly atS: number;
  readonly pool: number;
  readonly min?: number;
  readonly desired?: number;
  readonly max?: number;
}

/** The engine's compiled input: endpoints and RTTs, services, pools, the program, demand, client. */
export interface SimModel {
  readonly endpoints: readonly string[];
  /** Row-major endpoints x endpoints RTT in ms; +Infinity where there is no path. */
  readonly rttMs: Float64Array;
  /** Row-major endpoints x endpoints: the transfer class of bytes sent from the row to the column. */
  readonly transferClass: Uint8Array;
  /** Price per GB of each transfer class. */
  readonly transferUsdPerGb: Float64Array;
  readonly services: readonly SimService[];
  readonly pools: readonly SimPool[];
  readonly limits: readonly SimLaunchLimit[];
  readonly program: SimProgram;
  readonly sources: readonly SimSource[];
  readonly client: SimClient;
  readonly actions: readonly SimAction[];
  /** Faults, in the order the scenario lists them; none when absent. */
  readonly faults?: readonly SimFault[];
  /** How services with start-up dependencies come back (cold-start.ts); default a crash loop with back-off. */
  readonly coldStart?: ColdStartPolicy;
  /**
   * RTT matrices the run switches between as links are cut and restored (row-major, ms, like
   * `rttMs`); the first is `rttMs` itself. Absent: `rttMs` only.
   */
  readonly rttVariants?: readonly Float64Array[];
  /** The front doors requests enter through (doors/model.ts); absent when none names one. */
  readonly doors?: SimDoors;
  readonly durationS: number;
  readonly intervalS: number;
  readonly seed: number;
}

/** A program under construction (tests, benchmarks and the compiler build through it). */
export class ProgramBuilder {
  private readonly kind: number[] = [];
  private readonly end: number[] = [];
  private readonly service: number[] = [];
  private readonly fanOut: number[] = [];
  private readonly roundTrips: number[] = [];
  private readonly payloadBytes: number[] = [];
  private readonly payloadS: number[] = [];
  private readonly cacheHitRatio: number[] = [];
  private readonly cacheHitS: number[] = [];
  private readonly label: string[] = [];

  /** Nodes so far: the index the next node gets. */
  get size(): number {
    return this.kind.length;
  }

  /** Opens a node; close it with {@link close} after its children. */
  open(
    kind: number,
    call: {
      service?: number;
      fanOut?: number;
      roundTrips?: number;
      payloadBytes?: number;
      payloadS?: number;
      cacheHitRatio?: number;
      cacheHitS?: number;
      label?: string;
    } = {},
  ): number {
    const i = this.kind.length;
    this.kind.push(kind);
    this.end.push(i + 1);
    this.service.push(call.service ?? -1);
    this.fanOut.push(call.fanOut ?? 1);
    this.roundTrips.push(call.roundTrips ?? 1);
    this.payloadBytes.push(call.payloadBytes ?? 0);
    this.payloadS.push(call.payloadS ?? 0);
    this.cacheHitRatio.push(call.cacheHitRatio ?? 0);
    this.cacheHitS.push(call.cacheHitS ?? 0);
    this.label.push(call.label ?? '');
    return i;
  }

  close(node: number): void {
    this.end[node] = this.kind.length;
  }

  /** A call node with its body (a series of `body()`'s nodes). */
  call(
    call: Parameters<ProgramBuilder['open']>[1] & { service: number },
    body: () => void = () => {},
  ): number {
    const node = this.open(NODE_CALL, call);
    const series = this.open(NODE_SERIES);
    body();
    this.close(series);
    this.close(node);
    return node;
  }

  build(): SimProgram {
    return {
      size: this.kind.length,
      kind: Uint8Array.from(this.kind),
      end: Int32Array.from(this.end),
      service: Int32Array.from(this.service),
      fanOut: Int32Array.from(this.fanOut),
      roundTrips: Int32Array.from(this.roundTrips),
      payloadBytes: Float64Array.from(this.payloadBytes),
      payloadS: Float64Array.from(this.payloadS),
      cacheHitRatio: Float64Array.from(this.cacheHitRatio),
      cacheHitS: Float64Array.from(this.cacheHitS),
      label: this.label,
    };
  }
}
