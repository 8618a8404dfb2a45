/**
 * Where an unclosed bracket or quote of a YAML file was opened. The YAML parser reports an unclosed
 * flow map (`{`), flow sequence (`[`) or quoted string where it notices it: at the next line that
 * cannot belong to it, one to several lines after the mistake (issue 22, defect 10). The mistake is
 * the opener, so the error points there.
 */

/** The yaml package's messages for the three cases, and what opens each. */
const UNCLOSED: readonly { readonly pattern: RegExp; readonly opens: string }[] = [
  {
    pattern: /^Flow (map|sequence) in block collection must be sufficiently indented and end with a [}\]]/,
    opens: '{[',
  },
  { pattern: /^Missing closing "quote/, opens: '"' },
  { pattern: /^Missing closing 'quote/, opens: "'" },
];

/**
 * The offset of the bracket or quote that `message` (a yaml parse error noticed at offset `pos`)
 * says is never closed, or undefined when the message is about something else or no opener is
 * found.
 * @example unclosedOpener('a: { b: 1\nc: 2\n', 10, 'Flow map in block collection must be sufficiently indented and end with a }') // 3
 */
export function unclosedOpener(text: string, pos: number, message: string): number | undefined {
  const kind = UNCLOSED.find((u) => u.pattern.test(message));
  if (!kind) return undefined;
  const from = Math.min(pos, text.length) - 1;
  if (kind.opens !== '{[') {
    const at = text.lastIndexOf(kind.opens, from);
    return at >= 0 ? at : undefined;
  }
  // Back from where it was noticed: the first bracket not closed after it.
  let depth = 0;
  for (let i = from; i >= 0; i--) {
    const c = text[i];
    if (c === '}' || c === ']') depth++;
    else if (c === '{' || c === '[') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}
