/**
 * "Did you mean": the closest candidates to a misspelt id, by edit distance, case-insensitively.
 */
import { distance } from 'fastest-levenshtein';

/**
 * Up to `limit` candidates within a sensible edit distance of `input`, closest first.
 * @example closestMatches('us-west-3', ['us-west-1', 'us-west-2', 'eu-west-3']) // ['us-west-1', 'us-west-2', 'eu-west-3']
 */
export function closestMatches(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  const threshold = Math.max(2, Math.floor(needle.length / 3));
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    let score = distance(needle, hay);
    // A candidate that contains the input (or the reverse) is a strong hint: 'phoenix' -> 'metro:phoenix'.
    if (needle.length >= 3 && (hay.includes(needle) || needle.includes(hay))) score = Math.min(score, 1);
    if (score <= threshold) scored.push({ candidate, score });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return [...new Set(scored.map((s) => s.candidate))].slice(0, limit);
}

/** `did you mean 'a'?` or `did you mean 'a', 'b' or 'c'?`, or undefined when there is nothing close. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const matches = closestMatches(input, candidates);
  if (matches.length === 0) return undefined;
  const quoted = matches.map((m) => `'${m}'`);
  const last = quoted.pop();
  return `did you mean ${quoted.length ? `${quoted.join(', ')} or ${last}` : last}?`;
}
