/**
 * The order test files start in: the longest first, so that two workers finish together instead of
 * one running a long file alone at the end. Vitest orders by the durations it cached from the last
 * run; a fresh checkout (CI) has no cache, and vitest then starts the largest files first, which
 * put short files of much work (the queueing checks: 70 lines, 10 s) last. Files the cache does not
 * know take their place from SLOWEST (CPU seconds measured on a two-core machine), then by size.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that take seconds, with their CPU seconds when this list was made. */
const SLOWEST: Readonly<Record<string, number>> = {
  'test/docs-commands.test.ts': 17,
  'test/page-simulation.test.ts': 16,
  'test/page-defects.test.ts': 16,
  'test/page-targets.test.ts': 10,
  'test/page-compare.test.ts': 9,
  'test/simulate-faults.test.ts': 9,
  'test/simulate.test.ts': 9,
  'test/page.test.ts': 9,
  'src/placement/place.property.test.ts': 8,
  'test/serve.test.ts': 7,
  'test/serve-scenario.test.ts': 6,
  'test/fuzz.test.ts': 6,
  'src/placement/milp.test.ts': 4.5,
  'test/place.test.ts': 4,
  'src/sim/queueing.test.ts': 4,
  'test/spawned.test.ts': 4,
  'test/calibrate.test.ts': 4,
  'src/model/load.property.test.ts': 4,
};

export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const byBase = await super.sort(files);
    const root = this.ctx.config.root;
    const cached = (file: TestSpecification) =>
      this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(root, file.moduleId)}`);
    // With every file in the cache, its order (failed first, then longest first) stands.
    if (byBase.every((file) => cached(file) !== undefined)) return byBase;
    const seconds = (file: TestSpecification) => {
      const result = cached(file);
      return result ? result.duration / 1000 : (SLOWEST[relative(root, file.moduleId)] ?? 0);
    };
    const rank = new Map(byBase.map((file, i) => [file, i]));
    return [...byBase].sort(
      (a, b) => seconds(b) - seconds(a) || (rank.get(a) as number) - (rank.get(b) as number),
    );
  }
}
