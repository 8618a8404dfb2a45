/**
 * User populations: metros with relative weights, normalised to shares. The estate's users and a
 * request's own users are resolved the same way.
 */
import { getMetro, listMetros } from '../catalog/index.js';
import type { Diagnostic } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { UserPopulation } from './estate.js';
import type { DataPath } from './source.js';

/** Collects a located problem; `on: 'key'` points at the key rather than the value. */
export type ReportProblem = (path: DataPath, diagnostic: Diagnostic, on?: 'key') => void;

export interface UserInput {
  readonly metro: string;
  readonly weight: number;
  readonly name?: string | undefined;
}

/**
 * Resolves a list of users (metros and weights) into populations whose shares sum to 1. Unknown
 * metros and metros listed twice are reported at `[...at, i, 'metro']`.
 */
export function resolveUsers(
  list: readonly UserInput[],
  at: DataPath,
  report: ReportProblem,
): UserPopulation[] {
  const users: UserPopulation[] = [];
  // Scale by the largest weight first so that huge weights cannot overflow the sum.
  // (A loop, not Math.max(...list): spreading 200,000 arguments overflows the stack.)
  const maxWeight = list.reduce((max, u) => Math.max(max, u.weight), 0);
  const totalWeight = list.reduce((sum, u) => sum + u.weight / maxWeight, 0);
  list.forEach((user, i) => {
    const metro = user.metro.startsWith('metro:') ? getMetro(user.metro) : undefined;
    if (!metro) {
      report([...at, i, 'metro'], metroDiagnostic(user.metro));
      return;
    }
    if (users.some((u) => u.metro.id === metro.id)) {
      report([...at, i, 'metro'], {
        code: 'FP_DUPLICATE_ID',
        message: `users in ${metro.id} are listed twice`,
        suggestion: 'merge them into one entry and add their weights',
      });
      return;
    }
    users.push({
      metro,
      name: user.name ?? metro.name,
      weight: user.weight,
      share: user.weight / maxWeight / totalWeight,
    });
  });
  return users;
}

/** The diagnostic for a metro reference that matches nothing (unlocated). */
export function metroDiagnostic(ref: string): Diagnostic {
  const bare = ref.startsWith('metro:') ? ref : `metro:${ref}`;
  const exact = getMetro(bare);
  const suggestion = exact
    ? `write it with the prefix: '${exact.id}'`
    : didYouMean(
        bare,
        listMetros().map((m) => m.id),
      );
  return {
    code: 'FP_UNKNOWN_PLACE',
    message: `unknown metro '${ref}'`,
    expected: 'a metro id, e.g. metro:phoenix (see `footprint catalog metros`)',
    ...(suggestion ? { suggestion } : {}),
  };
}
