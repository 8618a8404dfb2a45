/**
 * What lint rules share: the estate, its compiled network, traces computed once, and the way to
 * point a finding at a line of the estate file.
 */
import type { SourceLocation } from '../errors.js';
import type { DataPath, Estate } from '../model/index.js';
import {
  type CompiledNetwork,
  compileNetwork,
  type Network,
  type Subnet,
  type TraceResult,
  traceRoute,
} from '../network/index.js';

export class LintContext {
  private readonly traces = new Map<string, TraceResult>();
  readonly compiled: CompiledNetwork | undefined;

  constructor(readonly estate: Estate) {
    this.compiled = estate.network ? compileNetwork(estate) : undefined;
  }

  get network(): Network | undefined {
    return this.estate.network;
  }

  /** The trace between two endpoints of this estate, computed once. */
  trace(from: string, to: string): TraceResult {
    const key = `${from}\u0000${to}`;
    let result = this.traces.get(key);
    if (!result) {
      result = traceRoute(this.estate, from, to, this.compiled ? { compiled: this.compiled } : {});
      this.traces.set(key, result);
    }
    return result;
  }

  /** The file position of an element of the estate (its key), if the estate came from a file. */
  locate(path: DataPath): SourceLocation | undefined {
    return this.estate.source?.locate(path, 'key');
  }

  /** `{ location }` for a finding, or nothing when the estate has no file. */
  at(path: DataPath): { location?: SourceLocation } {
    const location = this.locate(path);
    return location ? { location } : {};
  }

  private localZones: readonly Subnet[] | undefined;

  /** The Local Zone subnets of the estate, in estate order. */
  localZoneSubnets(): readonly Subnet[] {
    this.localZones ??= [...(this.network?.subnets.values() ?? [])].filter(
      (s) => s.zoneKind === 'local-zone',
    );
    return this.localZones;
  }
}
