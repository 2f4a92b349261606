/** A doc page per named schema: a property table and an example built from the schema. */
import { mdCell, mdCellCode, mdFence, mdText } from '../escape/markdown.js';
import { isObject, str, type JsonObject, type OpenApiDocument } from '../json.js';
import { exampleFor } from './build-examples.js';
import { deref } from './resolve.js';
import { schemaConstraints, schemaDescription, schemaLabel, schemaNotes, type ModelLookup } from './schema-label.js';
import type { ModelDocView, ModelView } from './types.js';
import { jsonText } from '../escape/json-text.js';
import { fileStem } from './file-stem.js';

/**
 * The variants a model chooses among, as a sentence: a model doc whose table lists only the shared
 * properties must still say which models a value may be, and how the discriminator tells them apart.
 */
function variantsText(document: OpenApiDocument, schema: JsonObject, lookup: ModelLookup): string {
  const keyword = Array.isArray(schema.oneOf) ? 'oneOf' : Array.isArray(schema.anyOf) ? 'anyOf' : undefined;
  const list = keyword === undefined ? [] : (schema[keyword] as unknown[]);
  if (keyword === undefined || list.length === 0) return '';
  const labels = list.map((v) => schemaLabel(document, v, lookup, ''));
  const lead = keyword === 'oneOf' ? 'Exactly one of' : 'One or more of';
  const discriminator = isObject(schema.discriminator) ? schema.discriminator : undefined;
  const property = str(discriminator?.propertyName);
  if (property === undefined) return `${lead}: ${labels.join(', ')}.`;
  const mapping = isObject(discriminator?.mapping) ? discriminator.mapping : {};
  const pairs = Object.entries(mapping).flatMap(([value, target]) =>
    typeof target === 'string'
      ? [`${mdCellCode(value)} → ${schemaLabel(document, { $ref: target.includes('/') ? target : `#/components/schemas/${target}` }, lookup, '')}`]
      : [],
  );
  const by = pairs.length > 0 ? ` (${pairs.join(', ')})` : ', each by its schema name';
  return `${lead}: ${labels.join(', ')}, told apart by ${mdCellCode(property)}${by}.`;
}

/** A schema's properties, through its `allOf` parts, and the names any part requires. */
interface CollectedProperties {
  readonly props: readonly (readonly [string, unknown])[];
  readonly required: ReadonlySet<string>;
}

/** How many levels of `allOf` a model's table looks through; it also ends a schema that includes itself. */
const MAX_ALLOF_DEPTH = 8;

/**
 * What {@link collectProperties} found, by schema and by the level it was looked at: the result
 * depends on nothing else, and a schema reached through many `allOf` paths (layers of schemas each
 * including all of the next) would otherwise be walked once per path, exponentially many times.
 * Results are shared, so nothing changes one after it is made.
 */
type PropertiesMemo = WeakMap<JsonObject, Map<number, CollectedProperties>>;

/** The schema's own properties, then each part's not already listed: the first declaration of a name wins. */
function collectProperties(document: OpenApiDocument, schema: JsonObject, memo: PropertiesMemo, depth = 0): CollectedProperties {
  let byDepth = memo.get(schema);
  const known = byDepth?.get(depth);
  if (known !== undefined) return known;
  const props = new Map<string, unknown>(Object.entries(isObject(schema.properties) ? schema.properties : {}));
  const required = new Set((Array.isArray(schema.required) ? schema.required : []).filter((r): r is string => typeof r === 'string'));
  if (Array.isArray(schema.allOf) && depth < MAX_ALLOF_DEPTH) {
    for (const part of schema.allOf) {
      const inner = collectProperties(document, deref(document, part), memo, depth + 1);
      for (const [name, prop] of inner.props) if (!props.has(name)) props.set(name, prop);
      for (const r of inner.required) required.add(r);
    }
  }
  const collected = { props: [...props], required };
  if (byDepth === undefined) memo.set(schema, (byDepth = new Map<number, CollectedProperties>()));
  byDepth.set(depth, collected);
  return collected;
}

/** Builds the doc of each model. */
export function buildModelDocs(models: ModelView[], document: OpenApiDocument, lookup: ModelLookup): ModelDocView[] {
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const memo: PropertiesMemo = new WeakMap();
  return models.map((model) => {
    const raw = schemas[model.schemaName];
    const schema = deref(document, raw);
    const { props, required } = collectProperties(document, schema, memo);
    const properties = props.map(([name, prop]) => {
      const p = deref(document, prop);
      const notes = [schemaNotes(document, prop, required.has(name))];
      const types = Array.isArray(p.type) ? p.type : [];
      if (types.includes('null') || p.nullable === true) notes.push('nullable');
      return {
        name: mdCellCode(name),
        type: schemaLabel(document, prop, lookup, ''),
        description: mdCell(schemaDescription(document, prop) ?? ''),
        notes: notes.join('; '),
      };
    });
    const example = exampleFor(document, raw, model.schemaName);
    return {
      typeName: model.typeName,
      docName: fileStem(model.typeName),
      description: mdText([str(schema.title), str(schema.description)].filter(Boolean).join('\n\n'), 2),
      // The label of the schema itself, not a link back to this page.
      typeLabel: schemaLabel(document, schema, lookup, ''),
      // A model that is not an object (an enum of strings) says what it allows beside its type.
      typeNotes: properties.length > 0 ? '' : schemaConstraints(document, raw, true),
      properties,
      hasProperties: properties.length > 0,
      variants: variantsText(document, schema, lookup),
      example: mdFence('json', jsonText(example ?? null, 2)),
    };
  });
}
