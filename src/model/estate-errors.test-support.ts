/**
 * For the model's tests: the diagnostics of an estate that must not load. Not part of the build
 * (tsconfig.build.json leaves out `*.test-support.ts`).
 */
import { FootprintError } from '../errors.js';
import { parseEstate } from './index.js';

/** The diagnostics `parseEstate` throws for `text` (read as e.yaml); an error when it loads. */
export function errorsOf(text: string): FootprintError['diagnostics'] {
  try {
    parseEstate(text, 'e.yaml');
  } catch (error) {
    if (error instanceof FootprintError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected the estate to be rejected');
}
