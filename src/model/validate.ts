/**
 * Shape validation: runs the zod schema and turns its issues into located diagnostics that say
 * what was expected and, for unknown keys, which key was meant.
 */
import type { z } from 'zod';
import type { Diagnostic } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { estateSchema } from './schema.js';
import type { DataPath, EstateSource } from './source.js';

type AnySchema = z.ZodType;

/** Validates the shape of merged estate data; returns the typed data or the diagnostics. */
export function validateShape(
  data: unknown,
  source: EstateSource,
): { ok: true; value: z.infer<typeof estateSchema> } | { ok: false; diagnostics: Diagnostic[] } {
  return validateAgainst(estateSchema, data, source);
}

/** Validates data read from a file against any schema, with located diagnostics. */
export function validateAgainst<Schema extends AnySchema>(
  root: Schema,
  data: unknown,
  source: EstateSource,
): { ok: true; value: z.infer<Schema> } | { ok: false; diagnostics: Diagnostic[] } {
  const result = root.safeParse(data);
  if (result.success) return { ok: true, value: result.data as z.infer<Schema> };
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) diagnostics.push(...issueDiagnostics(root, issue, data, source));
  return { ok: false, diagnostics: dedupe(diagnostics) };
}

function issueDiagnostics(
  root: AnySchema,
  issue: z.core.$ZodIssue,
  data: unknown,
  source: EstateSource,
): Diagnostic[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = formatPath(path);
  const schema = schemaAt(root, path, data);
  const expected = schema ? descriptionOf(schema) : undefined;
  const actual = valueAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = schema ? objectKeys(schema) : [];
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, known);
        return source.diagnostic(
          [...path, key],
          'FP_UNKNOWN_KEY',
          `unknown key '${key}'${where ? ` in ${where}` : ''}`,
          {
            on: 'key',
            expected: known.length ? `one of: ${known.join(', ')}` : 'no other keys',
            ...(suggestion ? { suggestion } : {}),
          },
        );
      });
    }
    case 'invalid_type': {
      if (actual === undefined) return [missingKey(source, path, expected ?? describeType(issue.expected))];
      return [
        source.diagnostic(
          path,
          'FP_WRONG_TYPE',
          `${where || 'the estate'}: expected ${describeType(issue.expected)}, got ${describeValue(actual)}`,
          {
            ...(expected ? { expected } : {}),
          },
        ),
      ];
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v));
      if (actual === undefined) return [missingKey(source, path, `one of: ${options.join(', ')}`)];
      const suggestion = typeof actual === 'string' ? didYouMean(actual, options) : undefined;
      return [
        source.diagnostic(path, 'FP_INVALID_VALUE', `${where}: ${describeValue(actual)} is not allowed`, {
          expected: `one of: ${options.join(', ')}`,
          ...(suggestion ? { suggestion } : {}),
        }),
      ];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const relation =
        issue.code === 'too_small'
          ? issue.inclusive
            ? 'at least'
            : 'more than'
          : issue.inclusive
            ? 'at most'
            : 'less than';
      const what =
        issue.origin === 'array'
          ? `${relation} ${String(bound)} items`
          : issue.origin === 'string'
            ? `${relation} ${String(bound)} characters`
            : `${relation} ${String(bound)}`;
      return [
        source.diagnostic(path, 'FP_INVALID_VALUE', `${where}: ${describeValue(actual)} is out of range`, {
          expected: expected ? `${what}: ${expected}` : what,
        }),
      ];
    }
    case 'invalid_union':
      if ('discriminator' in issue && Array.isArray((issue as { options?: unknown }).options)) {
        // A discriminated union (e.g. a front door's kind): say which values the key takes.
        const options = ((issue as { options: unknown[] }).options ?? []).map((v) => String(v));
        const suggestion = typeof actual === 'string' ? didYouMean(actual, options) : undefined;
        return [
          source.diagnostic(
            path,
            actual === undefined ? 'FP_MISSING_KEY' : 'FP_INVALID_VALUE',
            actual === undefined
              ? `missing '${String(path[path.length - 1])}' in ${formatPath(path.slice(0, -1))}`
              : `${where}: ${describeValue(actual)} is not allowed`,
            {
              ...(actual === undefined ? { on: 'key' as const } : {}),
              expected: `one of: ${options.join(', ')}`,
              ...(suggestion ? { suggestion } : {}),
            },
          ),
        ];
      }
      if (actual === undefined) return [missingKey(source, path, expected ?? 'a value')];
      {
        // The branch that took the value's type (a map where `id` or `{ place, instances }` may
        // go): its own problem (instances: 2.5) says more than "a map is not allowed here".
        const branch = branchOfType(issue);
        if (branch)
          return branch.flatMap((inner) =>
            issueDiagnostics(root, { ...inner, path: [...issue.path, ...inner.path] }, data, source),
          );
      }
      return [
        source.diagnostic(
          path,
          actual === undefined ? 'FP_MISSING_KEY' : 'FP_WRONG_TYPE',
          `${where || 'the estate'}: ${describeValue(actual)} is not allowed here`,
          { ...(expected ? { expected } : {}) },
        ),
      ];
    default:
      return [
        source.diagnostic(path, 'FP_INVALID_VALUE', `${where || 'the estate'}: ${issue.message}`, {
          ...(expected ? { expected } : {}),
        }),
      ];
  }
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.location?.file}:${d.location?.line}:${d.location?.col}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `links.dx-phx.between[1]` */
export function formatPath(path: DataPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

interface SchemaDef {
  type: string;
  getter?: () => AnySchema;
  options?: AnySchema[];
  shape?: Record<string, AnySchema>;
  valueType?: AnySchema;
  element?: AnySchema;
  items?: AnySchema[];
  discriminator?: string;
  innerType?: AnySchema;
  in?: AnySchema;
}

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = current.def as unknown as SchemaDef;
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner || !['optional', 'nullable', 'default', 'pipe', 'readonly', 'catch'].includes(def.type))
      return current;
    // Keep the outer description when the inner one has none.
    if (!inner.description && current.description) return current;
    current = inner;
  }
  return current;
}

/**
 * The sub-schema at a data path, if the path goes through objects, records, arrays and tuples
 * (through unions, by the option whose shape the segment fits; through a discriminated union, by
 * the option the data's discriminator names).
 */
function schemaAt(root: AnySchema, path: DataPath, data?: unknown): AnySchema | undefined {
  let schema: AnySchema | undefined = root;
  let value = data;
  for (const segment of path) {
    if (!schema) return undefined;
    let def = innerDef(schema);
    const chosen = def.type === 'union' ? discriminatedOption(def, value) : undefined;
    if (chosen) def = innerDef(chosen);
    else if (def.type === 'union') {
      const fits = (d: SchemaDef) =>
        typeof segment === 'number'
          ? d.type === 'array' || d.type === 'tuple'
          : d.type === 'object' || d.type === 'record';
      const option = def.options?.find((o) => fits(innerDef(o)));
      if (!option) return undefined;
      def = innerDef(option);
    }
    if (def.type === 'object') schema = def.shape?.[String(segment)];
    else if (def.type === 'record') schema = def.valueType;
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'tuple') schema = typeof segment === 'number' ? def.items?.[segment] : undefined;
    else return undefined;
    value =
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  if (schema && value !== undefined) {
    const def = innerDef(schema);
    const chosen = def.type === 'union' ? discriminatedOption(def, value) : undefined;
    if (chosen) return chosen;
  }
  return schema;
}

/** The option of a discriminated union that the data's discriminator value selects. */
function discriminatedOption(def: SchemaDef, value: unknown): AnySchema | undefined {
  if (!def.discriminator || value === null || typeof value !== 'object') return undefined;
  const key = def.discriminator;
  const tag = (value as Record<string, unknown>)[key];
  return def.options?.find((o) => innerDef(o).shape?.[key]?.safeParse(tag).success);
}

function innerDef(schema: AnySchema): SchemaDef {
  let def = schema.def as unknown as SchemaDef;
  for (let i = 0; i < 10 && def.innerType; i++) def = def.innerType.def as unknown as SchemaDef;
  if (def.type === 'pipe' && def.in) return innerDef(def.in);
  if (def.type === 'lazy' && def.getter) return innerDef(def.getter());
  return def;
}

function objectKeys(schema: AnySchema): string[] {
  let def = innerDef(unwrap(schema));
  if (def.type === 'union') {
    const option = def.options?.find((o) => innerDef(o).type === 'object');
    if (option) def = innerDef(option);
  }
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** A schema's description, looking through wrappers and lazy schemas. */
function descriptionOf(schema: AnySchema): string | undefined {
  let current: AnySchema | undefined = schema;
  for (let i = 0; i < 10 && current; i++) {
    if (current.description) return current.description;
    const def = current.def as unknown as SchemaDef;
    current = def.type === 'lazy' && def.getter ? def.getter() : def.innerType;
  }
  return undefined;
}

function describeType(type: string): string {
  switch (type) {
    case 'object':
      return 'a map of keys to values';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'int':
      return 'a whole number';
    case 'record':
      return 'a map of keys to values';
    default:
      return type;
  }
}

/** A short, quoted rendering of a user's value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string')
    return `'${value.length > 40 ? `${value.slice(0, 37)}...` : value}' (a string)`;
  return `${String(value)} (a ${typeof value})`;
}

/** A required key that is absent: said as missing, on the object that lacks it. */
function missingKey(source: EstateSource, path: DataPath, expected: string): Diagnostic {
  return source.diagnostic(
    path,
    'FP_MISSING_KEY',
    `missing '${String(path[path.length - 1])}' in ${formatPath(path.slice(0, -1)) || 'the estate'}`,
    { on: 'key', expected },
  );
}

/**
 * Of a union's branches, the one the value's type matched: the only branch whose problems are not
 * a wrong type at the value itself. Undefined when none or several did.
 */
function branchOfType(issue: z.core.$ZodIssue): z.core.$ZodIssue[] | undefined {
  const errors = (issue as { errors?: z.core.$ZodIssue[][] }).errors;
  if (!Array.isArray(errors)) return undefined;
  const typed = errors.filter(
    (branch) => branch.length > 0 && !branch.some((e) => e.code === 'invalid_type' && e.path.length === 0),
  );
  return typed.length === 1 ? typed[0] : undefined;
}
