/** A schema's type as Markdown for docs tables: models become links, unions escape their pipes. */
import { mdCell, mdCellCode } from '../escape/markdown.js';
import { isObject, str, type OpenApiDocument } from '../json.js';
import { componentSchemaName, deref } from './resolve.js';

/** Resolves a component schema name to its model type name (for the link text and file). */
export type ModelLookup = (schemaName: string) => string | undefined;

/** The Markdown label of a schema; `modelsDir` is the relative path to docs/models/ from the page. */
export function schemaLabel(document: OpenApiDocument, schema: unknown, models: ModelLookup, modelsDir: string, depth = 0): string {
  const named = componentSchemaName(schema);
  const model = named === undefined ? undefined : models(named);
  if (model) return `[${model}](${modelsDir}${model}.md)`;
  const s = deref(document, schema);
  if (depth > 4) return 'object';
  const types = Array.isArray(s.type) ? s.type.filter((t): t is string => typeof t === 'string') : typeof s.type === 'string' ? [s.type] : [];
  const nullable = types.includes('null') || s.nullable === true;
  const base = types.filter((t) => t !== 'null');
  let label: string;
  const variants = [s.oneOf, s.anyOf].find(Array.isArray);
  if (variants) label = variants.map((v) => schemaLabel(document, v, models, modelsDir, depth + 1)).join(' \\| ');
  else if (base.includes('array') || (base.length === 0 && s.items !== undefined))
    label = `Array<${schemaLabel(document, s.items, models, modelsDir, depth + 1)}>`;
  else if (base.includes('object') || isObject(s.properties) || isObject(s.additionalProperties)) {
    label =
      isObject(s.additionalProperties) && !isObject(s.properties)
        ? `Record<string, ${schemaLabel(document, s.additionalProperties, models, modelsDir, depth + 1)}>`
        : 'object';
  } else label = base.length > 0 ? base.map((t) => mdCell(t)).join(' \\| ') : 'any JSON value';
  return nullable ? `${label} \\| null` : label;
}

/** Notes for a docs table: optional, default, enum, format, read-only, deprecated. */
export function schemaNotes(document: OpenApiDocument, schema: unknown, required: boolean): string {
  const s = deref(document, schema);
  const notes: string[] = [required ? 'required' : 'optional'];
  if (s.default !== undefined) notes.push(`default: ${mdCellCode(JSON.stringify(s.default))}`);
  if (Array.isArray(s.enum)) notes.push(`one of: ${s.enum.map((v) => mdCellCode(JSON.stringify(v))).join(', ')}`);
  const format = str(s.format);
  if (format) notes.push(`format: ${mdCell(format)}`);
  const pattern = str(s.pattern);
  if (pattern) notes.push(`pattern: ${mdCellCode(pattern)}`);
  if (s.readOnly === true) notes.push('read-only');
  if (s.deprecated === true) notes.push('deprecated');
  return notes.join('; ');
}
