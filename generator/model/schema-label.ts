/** A schema's type as Markdown for docs tables: models become links, unions escape their pipes. */
import { mdCell, mdCellCode, mdCode, mdInline } from '../escape/markdown.js';
import { isObject, str, type OpenApiDocument } from '../json.js';
import { componentSchemaName, deref } from './resolve.js';
import { fileStem } from './file-stem.js';

/** Resolves a component schema name to its model type name (for the link text and file). */
export type ModelLookup = (schemaName: string) => string | undefined;

/** The Markdown label of a schema; `modelsDir` is the relative path to docs/models/ from the page. */
export function schemaLabel(document: OpenApiDocument, schema: unknown, models: ModelLookup, modelsDir: string, depth = 0): string {
  const named = componentSchemaName(schema);
  const model = named === undefined ? undefined : models(named);
  if (model) return `[${model}](${modelsDir}${fileStem(model)}.md)`;
  const s = deref(document, schema);
  if (depth > 4) return 'object';
  const types = Array.isArray(s.type) ? s.type.filter((t): t is string => typeof t === 'string') : typeof s.type === 'string' ? [s.type] : [];
  const nullable = types.includes('null') || s.nullable === true;
  const base = types.filter((t) => t !== 'null');
  let label: string;
  const variants = [s.oneOf, s.anyOf].find(Array.isArray);
  const parts = Array.isArray(s.allOf) ? s.allOf.filter((part) => !isDecoration(document, part)) : [];
  if (parts.length > 0 && base.length === 0 && !isObject(s.properties) && !variants) {
    // `allOf: [{ $ref: Id }, { description }]` is an Id; several parts that each say something are all of them.
    label = [...new Set(parts.map((part) => schemaLabel(document, part, models, modelsDir, depth + 1)))].join(' & ');
  } else if (variants) label = variants.map((v) => schemaLabel(document, v, models, modelsDir, depth + 1)).join(' \\| ');
  else if (base.includes('array') || (base.length === 0 && s.items !== undefined))
    // `<` escaped: `Array<string>` would be read as an HTML tag `<string>`, which renderers drop.
    label = `Array\\<${schemaLabel(document, s.items, models, modelsDir, depth + 1)}>`;
  else if (base.includes('object') || isObject(s.properties) || isObject(s.additionalProperties)) {
    label =
      isObject(s.additionalProperties) && !isObject(s.properties)
        ? `Record\\<string, ${schemaLabel(document, s.additionalProperties, models, modelsDir, depth + 1)}>`
        : 'object';
  } else label = base.length > 0 ? base.map((t) => mdCell(t)).join(' \\| ') : 'any JSON value';
  return nullable ? `${label} \\| null` : label;
}

/** An `allOf` part that only annotates (a description, an example) and adds nothing to the type. */
function isDecoration(document: OpenApiDocument, part: unknown): boolean {
  if (isObject(part) && part.$ref !== undefined) return false;
  const s = deref(document, part);
  return ['type', 'properties', 'items', 'allOf', 'oneOf', 'anyOf', 'enum', 'const', 'additionalProperties'].every((key) => s[key] === undefined);
}

/** A schema's description, or that of the first `allOf` part that gives one (where an `allOf` wraps a `$ref` to describe it). */
export function schemaDescription(document: OpenApiDocument, schema: unknown): string | undefined {
  const s = deref(document, schema);
  const own = (isObject(schema) ? str(schema.description) : undefined) ?? str(s.description);
  if (own !== undefined || !Array.isArray(s.allOf)) return own;
  for (const part of s.allOf) {
    const described = isObject(part) ? str(part.description) : undefined;
    if (described !== undefined) return described;
  }
  return undefined;
}

/** Notes for a docs table: optional, default, enum, format, read-only, deprecated. */
export function schemaNotes(document: OpenApiDocument, schema: unknown, required: boolean): string {
  return [required ? 'required' : 'optional', schemaConstraints(document, schema)].filter(Boolean).join('; ');
}

/**
 * What a schema allows beyond its type: default, enum values, format, pattern, read-only,
 * deprecated. Escaped for a table cell, or with `inProse` for a paragraph.
 */
export function schemaConstraints(document: OpenApiDocument, schema: unknown, inProse = false): string {
  const s = deref(document, schema);
  const [code, text] = inProse ? [mdCode, mdInline] : [mdCellCode, mdCell];
  const notes: string[] = [];
  if (s.default !== undefined) notes.push(`default: ${code(JSON.stringify(s.default))}`);
  if (Array.isArray(s.enum)) notes.push(`one of: ${s.enum.map((v) => code(JSON.stringify(v))).join(', ')}`);
  const format = str(s.format);
  if (format) notes.push(`format: ${text(format)}`);
  const pattern = str(s.pattern);
  if (pattern) notes.push(`pattern: ${code(pattern)}`);
  if (s.readOnly === true) notes.push('read-only');
  if (s.deprecated === true) notes.push('deprecated');
  return notes.join('; ');
}
