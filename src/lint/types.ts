/**
 * Lint findings: the seeds' do's and don'ts as rules, each finding with what it costs (in ms, by
 * tracing the design as it is and as the fix would make it; or in replicas, or as a risk) and the
 * fix in one sentence.
 */
import type { SourceLocation } from '../errors.js';
import type { LintContext } from './context.js';

/** How much a lint finding matters (`--strict` fails on errors). */
export type Severity = 'error' | 'warning' | 'note';

/** One finding of a lint rule: what, where, what it costs, and the fix. */
export interface LintFinding {
  /** The rule id, e.g. `lz/dx-hairpin`. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** The estate ids involved, most specific first. */
  readonly elements: readonly string[];
  /** What the problem costs: the routed RTT as the design is, minus the RTT as the fix would make it. */
  readonly costMs?: number;
  readonly asIsRttMs?: number;
  readonly fixedRttMs?: number;
  /** How many replicas (circuits, zones) stand where more are needed. */
  readonly replicas?: number;
  /** A cost that is not milliseconds, e.g. `unreachable`, `single point of failure`. */
  readonly risk?: string;
  /** The fix, in one sentence. */
  readonly fix: string;
  /** Where to annotate the estate file. */
  readonly location?: SourceLocation;
}

/** A lint rule: its id, title, severity, description and check. */
export interface LintRule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** What the rule looks for and why it matters, for SARIF and `lint --rules`. */
  readonly description: string;
  check(context: LintContext): LintFinding[];
}
