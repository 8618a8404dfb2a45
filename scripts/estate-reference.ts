/**
 * docs/estate-reference.md, generated from the estate schema (the zod schema in src/model, the same
 * one `footprint schema` prints): every key of an estate file, its type, whether it is required, its
 * bounds and its description, one table per kind of element.
 *
 * `npm run docs:reference` writes the file; test/docs-reference.test.ts fails when the committed file
 * is out of step with the schema. Change the schema's descriptions, not the file.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { estateJsonSchema } from '../src/model/index.js';

/** Where the reference lives, relative to the repository root. */
export const REFERENCE_FILE = 'docs/estate-reference.md';

type JsonSchema = {
  readonly type?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema | boolean;
  readonly items?: JsonSchema | boolean;
  readonly prefixItems?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly minLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly title?: string;
};

/** One table of the reference: an object with named keys, at a path of the file. */
interface Section {
  readonly path: string;
  readonly anchor: string;
  readonly schema: JsonSchema;
}

/** Names the $defs get in the reference. */
const DEF_PATHS: Readonly<Record<string, string>> = { callStep: 'call step' };

/** The largest safe integer zod writes as the maximum of every integer: no bound worth printing. */
const NO_MAXIMUM = Number.MAX_SAFE_INTEGER;

/** Keys the schema leaves undescribed, in the words the rest of the docs use. */
const UNDESCRIBED: Readonly<Record<string, string>> = {
  $schema: 'the JSON Schema of the file, for editors (see `footprint schema`)',
  description: 'what the estate is, in words, for reports',
  name: 'a human name for reports',
  note: 'a note of your own',
};

function anchorOf(path: string): string {
  if (path === '') return 'top-level';
  return path
    .replace(/‹id›/g, 'id')
    .replace(/\[\]/g, '-item')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/** The options of a union (zod writes a discriminated union as oneOf). */
function optionsOf(schema: JsonSchema): readonly JsonSchema[] | undefined {
  return schema.anyOf ?? schema.oneOf;
}

/**
 * The path of one object option of a union: the union's own when it is the only object, else
 * told apart by its constant key (`frontDoors.‹id› (kind: route53)`) or its first key.
 */
function variantPath(path: string, option: JsonSchema, options: readonly JsonSchema[]): string {
  if (options.filter(isObjectWithKeys).length < 2 || !isObjectWithKeys(option)) return path;
  const entries = Object.entries(option.properties ?? {});
  const constant = entries.find(([, child]) => child.const !== undefined);
  if (constant) return `${path} (${constant[0]}: ${String(constant[1].const)})`;
  const enumerated = entries.find(([, child]) => child.enum !== undefined);
  if (enumerated) return `${path} (${enumerated[0]}: ${(enumerated[1].enum ?? []).join(' | ')})`;
  return `${path} (${entries[0]?.[0] ?? 'object'})`;
}

function isObjectWithKeys(schema: JsonSchema): boolean {
  return schema.type === 'object' && schema.properties !== undefined;
}

function isMap(schema: JsonSchema): schema is JsonSchema & { additionalProperties: JsonSchema } {
  return (
    schema.type === 'object' &&
    schema.properties === undefined &&
    typeof schema.additionalProperties === 'object'
  );
}

/** Collects the sections in document order: each object, then the objects inside it. */
function collect(schema: JsonSchema, path: string, sections: Section[]): void {
  if (isObjectWithKeys(schema)) {
    sections.push({ path, anchor: anchorOf(path), schema });
    for (const [key, child] of Object.entries(schema.properties ?? {}))
      collect(child, path === '' ? key : `${path}.${key}`, sections);
    return;
  }
  if (isMap(schema)) {
    collect(schema.additionalProperties, `${path}.‹id›`, sections);
    return;
  }
  if (schema.type === 'array' && typeof schema.items === 'object') {
    collect(schema.items, `${path}[]`, sections);
    return;
  }
  // An id or an object: the object's table takes the description of the whole.
  const options = optionsOf(schema) ?? [];
  for (const option of options)
    collect(
      option.description === undefined && schema.description !== undefined
        ? { ...option, description: schema.description }
        : option,
      variantPath(path, option, options),
      sections,
    );
}

function code(text: string): string {
  return `\`${text}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The type of a key, in words, with a link to the table that describes an object. */
function typeOf(schema: JsonSchema, path: string, anchors: ReadonlyMap<string, string>): string {
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace('#/$defs/', '');
    const target = DEF_PATHS[name] ?? name;
    return `[${target}](#${anchors.get(target) ?? anchorOf(target)})`;
  }
  if (schema.enum !== undefined) return schema.enum.map((v) => code(String(v))).join(' | ');
  if (schema.const !== undefined) return code(JSON.stringify(schema.const));
  const union = optionsOf(schema);
  if (union !== undefined) {
    const options = union.map((option) => typeOf(option, variantPath(path, option, union), anchors));
    return [...new Set(options)].join(' or ');
  }
  if (isObjectWithKeys(schema)) return `[${code(path)}](#${anchors.get(path) ?? anchorOf(path)})`;
  if (isMap(schema)) return `map of ‹id› to ${typeOf(schema.additionalProperties, `${path}.‹id›`, anchors)}`;
  if (schema.type === 'array') {
    if (schema.prefixItems !== undefined)
      return `[${schema.prefixItems.map((item) => typeOf(item, path, anchors)).join(', ')}]`;
    const items = typeof schema.items === 'object' ? typeOf(schema.items, `${path}[]`, anchors) : 'any';
    return `list of ${items}`;
  }
  return schema.type ?? 'any';
}

/** Bounds and lengths, in words. */
function boundsOf(schema: JsonSchema): string[] {
  const bounds: string[] = [];
  if (schema.minimum !== undefined) bounds.push(`≥ ${schema.minimum}`);
  if (schema.exclusiveMinimum !== undefined) bounds.push(`> ${schema.exclusiveMinimum}`);
  if (schema.maximum !== undefined && schema.maximum !== NO_MAXIMUM) bounds.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined && schema.minLength > 1)
    bounds.push(`at least ${schema.minLength} characters`);
  if (
    schema.type === 'array' &&
    schema.prefixItems === undefined &&
    schema.minItems !== undefined &&
    schema.minItems > 0
  )
    bounds.push(`at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
  if (schema.type === 'array' && typeof schema.items === 'object') {
    const items = boundsOf(schema.items).map((b) => `each ${b}`);
    bounds.push(...items);
  }
  if (isMap(schema)) bounds.push(...boundsOf(schema.additionalProperties).map((b) => `each ${b}`));
  return bounds;
}

/** What the key's value means: its own description, else that of its items or entries. */
function descriptionOf(key: string, schema: JsonSchema): string {
  if (schema.description !== undefined) return schema.description;
  if (schema.type === 'array' && typeof schema.items === 'object' && schema.items.description !== undefined)
    return `each: ${schema.items.description}`;
  if (isMap(schema) && schema.additionalProperties.description !== undefined)
    return `each: ${schema.additionalProperties.description}`;
  if (schema.prefixItems !== undefined) {
    const items = schema.prefixItems.map((item) => item.description).filter((d) => d !== undefined);
    if (items.length > 0) return [...new Set(items)].join('; ');
  }
  return UNDESCRIBED[key] ?? '';
}

function renderSection(section: Section, anchors: ReadonlyMap<string, string>): string[] {
  const { schema, path } = section;
  const title = path === '' ? 'The top level' : code(path);
  const lines = [`<a id="${section.anchor}"></a>`, '', `## ${title}`, ''];
  if (schema.description !== undefined) lines.push(`${capitalise(schema.description)}.`, '');
  const required = new Set(schema.required ?? []);
  lines.push('| key | type | required | description |', '| --- | --- | --- | --- |');
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const childPath = path === '' ? key : `${path}.${key}`;
    const bounds = boundsOf(child);
    const description = [descriptionOf(key, child), bounds.length > 0 ? `(${bounds.join(', ')})` : '']
      .filter((part) => part !== '')
      .join(' ');
    lines.push(
      `| ${code(key)} | ${cell(typeOf(child, childPath, anchors))} | ${required.has(key) ? 'yes' : ''} | ${cell(description)} |`,
    );
  }
  if (schema.additionalProperties === false) lines.push('', 'No other key is allowed.');
  lines.push('');
  return lines;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The estate reference as Markdown, from the estate's JSON Schema.
 * @example renderEstateReference(estateJsonSchema()).startsWith('# Estate file reference') // true
 */
export function renderEstateReference(jsonSchema: Record<string, unknown>): string {
  const schema = jsonSchema as JsonSchema;
  const sections: Section[] = [];
  collect(schema, '', sections);
  for (const [name, def] of Object.entries(schema.$defs ?? {})) {
    const path = DEF_PATHS[name] ?? name;
    collect(def, path, sections);
  }
  const anchors = new Map(sections.map((s) => [s.path, s.anchor]));
  const lines = [
    '# Estate file reference',
    '',
    '<!-- Generated by `npm run docs:reference` from the estate schema (src/model); do not edit by hand. -->',
    '',
    `Every key of an estate file, generated from the schema that validates it (the one`,
    '`footprint schema` prints as JSON Schema). [The estate file](estate.md) explains how the parts fit',
    'together; the pages of each capability show them at work. `‹id›` stands for an id of your own:',
    'ids share one namespace and may not shadow a catalog id.',
    '',
    'Contents:',
    '',
    ...sections.map((s) => `- [${s.path === '' ? 'the top level' : code(s.path)}](#${s.anchor})`),
    '',
  ];
  for (const section of sections) lines.push(...renderSection(section, anchors));
  return `${lines.join('\n').trimEnd()}\n`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const text = renderEstateReference(estateJsonSchema());
  writeFileSync(`${root}${REFERENCE_FILE}`, text);
  console.log(`wrote ${REFERENCE_FILE} (${text.split('\n').length} lines)`);
}
