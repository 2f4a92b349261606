/**
 * A discriminated parent that lists its children in `oneOf` (or `anyOf`) while each child `allOf`s
 * back to it: `Pet: { properties: {petType, name}, discriminator, oneOf: [Cat, Dog] }`,
 * `Cat: { allOf: [Pet, {lives}] }`. The shape is common (Stripe-like and Kubernetes-like specs,
 * and the OpenAPI specification's own example), but typed as written each model contains the
 * other: `Pet = {…} & (Cat | Dog)` and `Cat = Omit<Pet, "petType"> & {…}`, which TypeScript
 * refuses as a circular type. What a child inherits is the parent's own part (its properties,
 * required list and the rest), not the parent's choice among its children: each child's reference
 * to such a parent is replaced by a copy of the parent without `oneOf`, `anyOf` and
 * `discriminator`. The parent keeps its union, so `Pet` is still `{…} & (Cat | Dog)`, and
 * openapi-typescript still adds each child's discriminator value from the parent's mapping.
 * @see https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */
import { isObject, type JsonObject, type OpenApiDocument } from '../json.js';

const PREFIX = '#/components/schemas/';

/** The component schema name a local reference names, or undefined. */
function schemaName(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith(PREFIX)) return undefined;
  const token = ref.slice(PREFIX.length);
  if (token.includes('/')) return undefined;
  try {
    return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return undefined;
  }
}

/** Whether `schema` is discriminated and chooses among variants. */
function isUnionParent(schema: unknown): schema is JsonObject {
  return isObject(schema) && isObject(schema.discriminator) && [schema.oneOf, schema.anyOf].some((list) => Array.isArray(list) && list.length > 0);
}

/**
 * The document with every `allOf` reference from a component schema to a discriminated union
 * parent replaced by the parent's own part (itself inheriting its own parents' own parts), and each
 * parent's variants that are union parents themselves (an abstract `Pet` between `Animal` and `Cat`)
 * replaced by their variants, so a value is one of the concrete children; the same document when
 * there is none.
 */
export function inlineUnionParents(document: OpenApiDocument): OpenApiDocument {
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const parents = new Set(Object.keys(schemas).filter((name) => isUnionParent(schemas[name])));
  if (parents.size === 0) return document;
  const parentOf = (member: unknown) => (isObject(member) ? schemaName(member.$ref) : undefined);
  const inherits = (member: unknown) => parents.has(parentOf(member) ?? '');
  const children = Object.keys(schemas).filter((name) => {
    const child = schemas[name];
    return isObject(child) && Array.isArray(child.allOf) && child.allOf.some(inherits);
  });
  if (children.length === 0) return document;
  /** A schema's `allOf` with each union parent replaced by its own part; `seen` ends a cycle. */
  const inherited = (allOf: unknown[], seen: ReadonlySet<string>): unknown[] =>
    allOf.map((member) => {
      const name = parentOf(member);
      if (name === undefined || !parents.has(name) || seen.has(name)) return member;
      const { oneOf: _oneOf, anyOf: _anyOf, discriminator: _discriminator, ...own } = structuredClone(schemas[name] as JsonObject);
      if (Array.isArray(own.allOf)) own.allOf = inherited(own.allOf, new Set([...seen, name]));
      return own;
    });
  /** A union's variants, each union parent among them replaced by its own variants. */
  const concrete = (variants: unknown[], seen: ReadonlySet<string>): unknown[] =>
    variants.flatMap((member) => {
      const name = parentOf(member);
      if (name === undefined || !parents.has(name) || seen.has(name)) return [member];
      const parent = schemas[name] as JsonObject;
      const list = Array.isArray(parent.oneOf) ? parent.oneOf : Array.isArray(parent.anyOf) ? parent.anyOf : [];
      return concrete(list as unknown[], new Set([...seen, name]));
    });
  const copy = structuredClone<JsonObject>(document);
  const copySchemas = (copy.components as JsonObject).schemas as JsonObject;
  for (const name of children) {
    const child = copySchemas[name] as JsonObject;
    child.allOf = inherited(child.allOf as unknown[], new Set([name]));
  }
  for (const name of parents) {
    const parent = copySchemas[name] as JsonObject;
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      if (Array.isArray(parent[keyword])) parent[keyword] = concrete(parent[keyword] as unknown[], new Set([name]));
    }
  }
  return copy;
}
