/**
 * A discriminated parent and a child that declares the discriminator property itself, with a type
 * its discriminator value does not fit (Zalando's `Page` is discriminated by `content`, which its
 * children declare as an array; Bitbucket's `type` enum leaves out the child's own name).
 * openapi-typescript adds `{ content: "Articles" }` to such a child beside its own
 * `{ content: Article[] }`: the property, and so the model, becomes `never`. For these children the
 * discriminator value is not added: the child's own declaration stands, the parent's is omitted.
 * @see https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */
import { isObject, type JsonObject, type OpenApiDocument } from '../json.js';

const PREFIX = '#/components/schemas/';

function schemaAt(schemas: JsonObject, ref: unknown): JsonObject | undefined {
  let node: unknown = { $ref: ref };
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 32; hops++) {
    node = node.$ref.startsWith(PREFIX) ? schemas[decodeURIComponent(node.$ref.slice(PREFIX.length))] : undefined;
  }
  return isObject(node) ? node : undefined;
}

/** Whether a declared property schema admits one of the discriminator's values. */
export function admits(declared: JsonObject, values: readonly string[]): boolean {
  if ('const' in declared) return values.includes(declared.const as string);
  if (Array.isArray(declared.enum)) return declared.enum.some((v) => values.includes(v as string));
  const type = declared.type;
  if (type === undefined) return true;
  return Array.isArray(type) ? type.includes('string') : type === 'string';
}

/** What to change: the children whose value is not added, by reference, and the document to type. */
export interface DiscriminatorConflicts {
  document: OpenApiDocument;
  /** `#/components/schemas/<child>` for each child that keeps its own declaration. */
  children: string[];
}

/**
 * Finds the conflicting children of discriminated component schemas. When there are any, returns a
 * copy of the document whose discriminator mappings no longer name them (so openapi-typescript adds
 * no enum for them); the caller also drops them from openapi-typescript's discriminator scan.
 */
export function findDiscriminatorConflicts(document: OpenApiDocument): DiscriminatorConflicts {
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const conflicts: { parent: string; child: string }[] = [];
  for (const [childName, child] of Object.entries(schemas)) {
    if (!isObject(child) || !Array.isArray(child.allOf)) continue;
    const childRef = `${PREFIX}${encodeURIComponent(childName)}`;
    for (const item of child.allOf) {
      if (!isObject(item) || typeof item.$ref !== 'string') continue;
      const parent = schemaAt(schemas, item.$ref);
      const discriminator = parent && isObject(parent.discriminator) ? parent.discriminator : undefined;
      const property = discriminator && typeof discriminator.propertyName === 'string' ? discriminator.propertyName : undefined;
      if (!discriminator || property === undefined) continue;
      const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
      const mapped = Object.keys(mapping).filter((k) => mapping[k] === childRef || mapping[k] === `${PREFIX}${childName}` || mapping[k] === childName);
      const values = mapped.length > 0 ? mapped : [childName];
      const own = [
        child,
        ...(child.allOf as unknown[])
          .filter((member) => member !== item)
          .map((member) => (isObject(member) && typeof member.$ref === 'string' ? schemaAt(schemas, member.$ref) : member)),
      ];
      const declared = own.flatMap((s) => (isObject(s) && isObject(s.properties) && isObject(s.properties[property]) ? [s.properties[property]] : []));
      const resolved = declared.map((d) => (typeof d.$ref === 'string' ? (schemaAt(schemas, d.$ref) ?? {}) : d));
      if (resolved.some((d) => !admits(d, values))) conflicts.push({ parent: item.$ref, child: childName });
    }
  }
  if (conflicts.length === 0) return { document, children: [] };
  const copy = structuredClone<JsonObject>(document);
  const copySchemas = (copy.components as JsonObject).schemas as JsonObject;
  for (const { parent, child } of conflicts) {
    const discriminator = schemaAt(copySchemas, parent)?.discriminator;
    if (!isObject(discriminator) || !isObject(discriminator.mapping)) continue;
    const names = new Set([`${PREFIX}${encodeURIComponent(child)}`, `${PREFIX}${child}`, child]);
    discriminator.mapping = Object.fromEntries(Object.entries(discriminator.mapping).filter(([, target]) => !names.has(target as string)));
  }
  // Keyed as openapi-typescript keys its discriminator scan: pointer-escaped, not percent-encoded.
  const key = (name: string) => `${PREFIX}${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return { document: copy, children: [...new Set(conflicts.map((c) => key(c.child)))] };
}
