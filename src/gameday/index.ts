/**
 * Game days as code: a scenario's timeline of faults and the assertions that must hold through it,
 * run on every design; and the standard game days any scenario can be put through.
 */
export type { GamedayAssertion } from './assertions.js';
export type { AssertionResult, Measure } from './evaluate.js';
export {
  type Gameday,
  type GamedayDesignResult,
  type GamedayOptions,
  type GamedayResult,
  loadGameday,
  runGameday,
} from './run.js';
export { type GamedayInput, gamedayJsonSchema, gamedaySchema } from './schema.js';
export {
  type EstateLoad,
  STANDARD_GAMEDAYS,
  type StandardGameday,
  type StandardOptions,
  standardGamedays,
  standardScenario,
} from './standard.js';
