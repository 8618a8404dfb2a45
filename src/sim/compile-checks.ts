/**
 * What compiling a design checks and derives beyond the model itself: who pays for bytes between
 * two endpoints, and that every caller can reach some pool of each service it calls.
 */
import type { Endpoint } from '../app/index.js';
import type { Place } from '../catalog/index.js';
import { type Diagnostic, FootprintError } from '../errors.js';
import type { DataPath, Estate } from '../model/index.js';
import type { SimModel, SimPool, SimService, SimSource, TransferClass } from './model.js';

/**
 * Who pays for bytes sent from `from` to `to`: inbound to AWS and between the company's sites is
 * free; within a zone free; across AZs of a region (a Local Zone with its region) inter-AZ; across
 * regions inter-region; from AWS to a site with Direct Connect DX out, else internet out.
 */
export function transferClassOf(from: Place, to: Place, dxSites: ReadonlySet<string>): TransferClass {
  const aws = (p: Place) => p.kind === 'az' || p.kind === 'local-zone' || p.kind === 'region';
  if (!aws(from)) return 'free';
  if (!aws(to)) return to.kind === 'site' && dxSites.has(to.id) ? 'dx-out' : 'internet-out';
  if (from.id === to.id) return 'same-zone';
  const regionOf = (p: Place) => (p.kind === 'region' ? p.id : p.region);
  return regionOf(from) === regionOf(to) ? 'inter-az' : 'inter-region';
}

/** Every caller must reach some pool of each service it calls: else a located FP_NO_PATH. */
export function checkReachable(
  estate: Estate,
  program: SimModel['program'],
  sources: readonly SimSource[],
  services: readonly SimService[],
  pools: readonly SimPool[],
  endpoints: readonly Endpoint[],
  rttMs: Float64Array,
  callPaths: ReadonlyMap<number, DataPath>,
): void {
  const e = endpoints.length;
  const reachable = (from: number, service: number) =>
    (services[service]?.pools ?? []).some((p) =>
      Number.isFinite(rttMs[from * e + (pools[p]?.endpoint as number)] as number),
    );
  const problems: Diagnostic[] = [];
  const seen = new Set<string>();
  // Walk the program: callers of a node are the metros (for a root) or the pools of the enclosing call.
  const visit = (node: number, callers: readonly number[]) => {
    const kind = program.kind[node] as number;
    const end = program.end[node] as number;
    if (kind === 2) {
      const service = program.service[node] as number;
      for (const from of callers)
        if (!reachable(from, service)) {
          const key = `${from}:${node}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const target = services[service]?.id ?? '?';
          const message = `no path from '${endpoints[from]?.id}' to any pool of '${target}' for the call at ${program.label[node]}`;
          const suggestion =
            'join the places with a link (direct-connect, wan), give the site internet: true, or add a pool the caller can reach';
          const path = callPaths.get(node);
          problems.push(
            estate.source && path
              ? estate.source.diagnostic(path, 'FP_NO_PATH', message, { suggestion })
              : { code: 'FP_NO_PATH', message, suggestion },
          );
        }
      const inner = (services[service]?.pools ?? []).map((p) => pools[p]?.endpoint as number);
      for (let c = node + 1; c < end; c = program.end[c] as number) visit(c, inner);
      return;
    }
    for (let c = node + 1; c < end; c = program.end[c] as number) visit(c, callers);
  };
  const roots = new Map<number, number[]>();
  for (const s of sources) roots.set(s.root, [...(roots.get(s.root) ?? []), s.endpoint]);
  for (const [root, callers] of roots) visit(root, callers);
  if (problems.length > 0) throw new FootprintError(problems.slice(0, 20));
}
