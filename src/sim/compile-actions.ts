/**
 * Compiling a scenario's scheduled actions (a phase of compile.ts): each on a pool by its id, or on
 * every scaling pool of a service; unknown names located in the scenario file.
 */
import { didYouMean } from '../suggest.js';
import type { Compilation } from './compile-context.js';
import type { SimAction, SimPool, SimService } from './model.js';
import type { ScenarioAction } from './scenario.js';

/** Scheduled actions on pools: by pool id, or on every scaling pool of a service. */
export function compileActions(
  c: Compilation,
  services: readonly SimService[],
  serviceIndex: ReadonlyMap<string, number>,
  pools: readonly SimPool[],
): SimAction[] {
  const actions: SimAction[] = [];
  const idle = new Set<string>();
  const change = (a: ScenarioAction) => ({
    atS: a.atS,
    ...(a.min !== undefined ? { min: a.min } : {}),
    ...(a.desired !== undefined ? { desired: a.desired } : {}),
    ...(a.max !== undefined ? { max: a.max } : {}),
  });
  for (const a of c.scenario.actions) {
    if (a.service !== undefined) {
      const s = serviceIndex.get(a.service);
      if (s === undefined && !c.services.has(a.service)) {
        const suggestion = didYouMean(a.service, [...c.services.keys()]);
        c.diagnostics.push(
          c.scenario.source.diagnostic(
            [...a.path, 'service'],
            'FP_UNKNOWN_SERVICE',
            `unknown service '${a.service}' in ${c.design.file}`,
            suggestion ? { suggestion } : {},
          ),
        );
        continue;
      }
      const scaling = (s === undefined ? [] : (services[s]?.pools ?? [])).filter((p) => pools[p]?.scaling);
      if (scaling.length === 0) idle.add(a.service);
      for (const pool of scaling) actions.push({ ...change(a), pool });
      continue;
    }
    const pool = pools.findIndex((p) => p.id === a.pool);
    if (pool >= 0) {
      actions.push({ ...change(a), pool });
      continue;
    }
    const ids = pools.map((p) => p.id);
    const suggestion = didYouMean(a.pool ?? '', ids);
    c.diagnostics.push(
      c.scenario.source.diagnostic(
        [...a.path, 'pool'],
        'FP_UNKNOWN_ELEMENT',
        `no pool '${a.pool}' in ${c.design.file}`,
        {
          expected: `a pool as service@place: ${ids.slice(0, 6).join(', ')}`,
          ...(suggestion ? { suggestion } : {}),
        },
      ),
    );
  }
  if (idle.size > 0)
    c.notes.push(
      `the scenario's actions on ${[...idle].join(', ')} change nothing here: no pool of ${idle.size > 1 ? 'theirs' : 'its'} scales`,
    );
  return actions;
}
