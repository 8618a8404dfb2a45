/**
 * Writing a placement into an estate, two ways:
 *
 * - in place: each changed service's `at` is replaced in the file's text, byte for byte elsewhere
 *   (comments, formatting, key order untouched): the YAML parser gives the node's span, and only
 *   that span changes. A service the file does not define (it comes from a file it extends) gets an
 *   `at` of its own in this file, which overrides the base's (`extends` merges maps key by key).
 * - a new file that `extends` the original and holds only the changed placements, like the
 *   example's event-page-local-zone.yaml: the original stays as it is.
 *
 * Both check what they wrote by parsing it back.
 */
import { dirname, relative, sep } from 'node:path';
import { isMap, isScalar, isSeq, type Node, parseDocument, stringify } from 'yaml';
import { mergePatch } from '../model/index.js';
import type { PlacedInstances } from './result.js';

/** The new `at` of each service that changes. */
export type PlacementEdits = Readonly<Record<string, readonly PlacedInstances[]>>;

/** A YAML scalar that reads back as the same string. */
function scalar(value: string): string {
  return stringify(value).trim();
}

/** `[{ place: us-west-2-phx-2a, instances: 12 }]`, the flow style of the examples. */
export function flowPlacement(at: readonly PlacedInstances[]): string {
  return `[${at.map((p) => `{ place: ${scalar(p.place)}, instances: ${p.instances} }`).join(', ')}]`;
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The estate file's text with the services' `at` replaced. Throws when the file's `services` is not
 * a map it can edit (then write a new file instead).
 * @example writePlacementInPlace(text, { pricing: [{ place: 'us-west-2-phx-2a', instances: 8 }] })
 */
export function writePlacementInPlace(text: string, edits: PlacementEdits): string {
  const document = parseDocument(text, { keepSourceTokens: false });
  if (document.errors.length > 0)
    throw new Error(`the estate file does not parse: ${document.errors[0]?.message}`);
  const root = document.contents;
  if (!isMap(root)) throw new Error('the estate file is not a map');
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const spans: Span[] = [];
  const appended: string[] = [];
  const servicesPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'services');
  const services = servicesPair?.value;
  const indentOf = (offset: number) => offset - text.lastIndexOf('\n', offset - 1) - 1;
  const missing: string[] = [];
  for (const [id, at] of Object.entries(edits)) {
    const flow = flowPlacement(at);
    const servicePair = isMap(services)
      ? services.items.find((p) => isScalar(p.key) && String(p.key.value) === id)
      : undefined;
    const service = servicePair?.value as Node | null | undefined;
    if (!servicePair || !isMap(service)) {
      if (servicePair) throw new Error(`service '${id}' is not a map in the file`);
      missing.push(id);
      continue;
    }
    const atPair = service.items.find((p) => isScalar(p.key) && p.key.value === 'at');
    const atNode = atPair?.value as Node | null | undefined;
    if (atNode?.range) {
      const [start, end] = atNode.range;
      if (isSeq(atNode) && !atNode.flow) {
        const indent = ' '.repeat(indentOf(start));
        const block = at
          .map((p, i) => `${i === 0 ? '' : indent}- { place: ${scalar(p.place)}, instances: ${p.instances} }`)
          .join(newline);
        spans.push({ start, end: trimEnd(text, start, end), text: block });
      } else spans.push({ start, end: trimEnd(text, start, end), text: flow });
      continue;
    }
    const first = service.items[0];
    if (service.flow || !first || !isScalar(first.key) || !first.key.range) {
      // `{ ... }` on one line: put `at` first inside the braces.
      const open = service.range?.[0];
      if (open === undefined || text[open] !== '{') throw new Error(`cannot edit service '${id}' in place`);
      spans.push({ start: open + 1, end: open + 1, text: ` at: ${flow},` });
      continue;
    }
    const keyStart = first.key.range[0];
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
    spans.push({
      start: lineStart,
      end: lineStart,
      text: `${' '.repeat(indentOf(keyStart))}at: ${flow}${newline}`,
    });
  }
  if (missing.length > 0) {
    if (services !== undefined && services !== null && !(isMap(services) && !services.flow)) {
      if (!(isScalar(services) && services.value === null))
        throw new Error("the file's services are not a block map: write a new file instead");
    }
    const firstService = isMap(services) ? services.items[0] : undefined;
    const indent =
      firstService && isScalar(firstService.key) && firstService.key.range
        ? indentOf(firstService.key.range[0])
        : 2;
    const lines = missing.flatMap((id) => [
      `${' '.repeat(indent)}${scalar(id)}:`,
      `${' '.repeat(indent * 2)}at: ${flowPlacement(edits[id] as readonly PlacedInstances[])}`,
    ]);
    if (isMap(services) && services.range) {
      const end = trimEnd(text, services.range[0], services.range[1]);
      spans.push({ start: end, end, text: `${newline}${lines.join(newline)}` });
    } else {
      const body = `services:${newline}${lines.join(newline)}${newline}`;
      appended.push(body);
    }
  }
  spans.sort((a, b) => b.start - a.start);
  let out = text;
  for (const span of spans) out = out.slice(0, span.start) + span.text + out.slice(span.end);
  if (appended.length > 0) out = `${out}${out.endsWith('\n') ? '' : newline}${appended.join('')}`;
  check(text, out, edits);
  return out;
}

/** The end of a node's own text: before trailing blank lines and comments that the range may include. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1] as string)) e--;
  return e;
}

/**
 * A new estate file that extends `original` (a path relative to the new file) and changes only the
 * placements in `edits`.
 * @example
 * const edits = Object.fromEntries(result.services.filter((s) => s.moved).map((s) => [s.service, s.proposed]));
 * writeFileSync('placed.yaml', placementOverlay('estate.yaml', 'placed.yaml', result.estate, edits));
 */
export function placementOverlay(
  originalFile: string,
  overlayFile: string,
  estateName: string,
  edits: PlacementEdits,
  summary: readonly string[] = [],
): string {
  let base = relative(dirname(overlayFile), originalFile).split(sep).join('/');
  if (!base.startsWith('.')) base = `./${base}`;
  const lines = [
    `# Written by \`footprint place\`: the placement it recommends for ${estateName}, as changes to`,
    `# ${base}. Compare: footprint evaluate ${overlayFile} --against ${originalFile}`,
    ...summary.map((s) => `# ${s}`),
    `extends: ${scalar(base)}`,
    `name: ${scalar(`${estateName}-placed`)}`,
    '',
    'services:',
    ...Object.entries(edits).flatMap(([id, at]) => [`  ${scalar(id)}:`, `    at: ${flowPlacement(at)}`]),
    '',
  ];
  const out = lines.join('\n');
  const parsed = parseDocument(out).toJS() as { services?: Record<string, { at?: unknown }> };
  for (const [id, at] of Object.entries(edits))
    if (JSON.stringify(parsed.services?.[id]?.at) !== JSON.stringify(at))
      throw new Error(`the overlay does not read back: service '${id}'`);
  return out;
}

/** Parses the edited text back: the services' `at` must be what was asked, the rest unchanged. */
function check(before: string, after: string, edits: PlacementEdits): void {
  const a = parseDocument(before).toJS() as Record<string, unknown>;
  const b = parseDocument(after).toJS() as Record<string, unknown>;
  const patch = { services: Object.fromEntries(Object.entries(edits).map(([id, at]) => [id, { at }])) };
  const expected = mergePatch(a, patch);
  if (JSON.stringify(sortKeys(expected)) !== JSON.stringify(sortKeys(b)))
    throw new Error('writing the placement in place changed more than the placements');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}
