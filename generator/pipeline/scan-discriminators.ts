/**
 * Discriminators, found and patched as openapi-typescript's `scanDiscriminators` does it, for less
 * work. Its walk copies the path array at every node of the document, twice (a large spec has
 * millions of nodes); this one keeps a single path stack and turns it into a pointer only where a
 * discriminator is recorded, and it walks once: the schemas its second walk reads are listed by the
 * first. Everything else is the same on purpose: the same order (the first pass patches schemas the
 * second then reads), the same plain objects and arrays, the same `{ objects, refsHandled }`.
 * test/unit/scan-discriminators.test.ts compares the two.
 */
import { createRef, resolveRef, warn } from 'openapi-typescript';
import type { DiscriminatorObject, OpenAPI3 } from 'openapi-typescript';

/** What openapi-typescript's transform reads as `ctx.discriminators`. */
export interface Discriminators {
  objects: Record<string, DiscriminatorObject>;
  refsHandled: string[];
}

type Path = (string | number)[];
type Json = Record<string, unknown>;
/** A discriminator as the document gives it; nothing is checked beyond what openapi-typescript checks. */
interface Discriminator {
  propertyName?: string;
  mapping?: Record<string, string>;
}

/** Calls `visit` on every object that is not an array, parent before children, keys in order. */
function eachObject(node: unknown, visit: (object: Json, path: Path) => void, path: Path): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    // The length is read each time round: a patch may grow the array being walked.
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      eachObject(node[i], visit, path);
      path.pop();
    }
    return;
  }
  const object = node as Json;
  visit(object, path);
  // The keys are read after the visit, which may have added some.
  for (const key of Object.keys(object)) {
    path.push(key);
    eachObject(object[key], visit, path);
    path.pop();
  }
}

/** Whether `object` is still the node at `path` (a patch may have replaced it or a parent since). */
function stillAt(root: unknown, path: Path, object: Json): boolean {
  let node = root;
  for (const token of path) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string | number, unknown>)[token];
  }
  return node === object;
}

function enumSchema(values: string[], previous?: Json): Json {
  return {
    type: 'string',
    enum: values,
    description: previous?.description
      ? `${previous.description as string} (enum property replaced by openapi-typescript)`
      : 'discriminator enum property added by openapi-typescript',
  };
}

/** Makes the schema `ref` names require the discriminator property, with `values` as its only values. */
function patchEnum(schema: OpenAPI3, ref: string, values: string[], discriminator: Discriminator, discriminatorRef: string, silent: boolean): boolean {
  const target = resolveRef<Json>(schema, ref, { silent });
  const name = discriminator.propertyName as string;
  if (target?.allOf) {
    (target.allOf as unknown[]).push({ type: 'object', required: [name], properties: { [name]: enumSchema(values) } });
    return true;
  }
  if (typeof target === 'object' && 'type' in target && target.type === 'object') {
    if (!target.properties) target.properties = {};
    if (!target.required) target.required = [name];
    else if (!(target.required as unknown[]).includes(name)) (target.required as unknown[]).push(name);
    const properties = target.properties as Record<string, Json | undefined>;
    properties[name] = enumSchema(values, properties[name]);
    return true;
  }
  warn(
    `Discriminator mapping has an invalid schema (neither an object schema nor an allOf array): ${ref} => ${values.join(', ')} (Discriminator: ${discriminatorRef})`,
    silent,
  );
  return false;
}

/** openapi-typescript's `scanDiscriminators(schema, options)`: the same result and the same patches to `schema`. */
export function scanDiscriminators(schema: OpenAPI3, options: { silent?: boolean } = {}): Discriminators {
  const silent = options.silent ?? false;
  const objects: Record<string, Discriminator | undefined> = {};
  const refsHandled: string[] = [];
  const extending: [Json, Path][] = [];
  // Every discriminator by the pointer of its schema; each oneOf member and mapped schema gets its value.
  eachObject(
    schema,
    (object, path) => {
      if (Array.isArray(object.allOf)) extending.push([object, [...path]]);
      const discriminator = object.discriminator as Discriminator | undefined;
      if (!discriminator?.propertyName) return;
      const ref = createRef(path);
      objects[ref] = discriminator;
      if (!object.oneOf || !Array.isArray(object.oneOf)) return;
      const mapping: Record<string, { inferred?: string; defined?: string[] } | undefined> = {};
      for (const item of object.oneOf as object[]) {
        if (!('$ref' in item)) continue;
        const $ref = item.$ref as string;
        const value = $ref.split('/').pop();
        if (!value) continue;
        const known = mapping[$ref];
        if (!known) mapping[$ref] = { inferred: value };
        else known.inferred = value;
      }
      if (discriminator.mapping) {
        for (const mappedValue in discriminator.mapping) {
          const mappedRef = discriminator.mapping[mappedValue];
          if (!mappedRef) continue;
          if (!mapping[mappedRef]?.defined) mapping[mappedRef] = { defined: [] };
          mapping[mappedRef].defined?.push(mappedValue);
        }
      }
      for (const [mappedRef, entry] of Object.entries(mapping)) {
        const { inferred, defined } = entry!;
        if (refsHandled.includes(mappedRef)) continue;
        if (!inferred && !defined) continue;
        const values = defined ?? [inferred as string];
        if (patchEnum(schema, mappedRef, values, discriminator, ref, silent)) refsHandled.push(mappedRef);
      }
    },
    [],
  );
  // Schemas that extend a discriminated one through allOf inherit its discriminator. openapi-typescript
  // walks the whole document again for them; the first walk listed them in the same order, and a patch
  // only adds schemas without allOf, or replaces a property's schema, whose old one is then skipped.
  for (const [object, path] of extending) {
    if (!stillAt(schema, path, object)) continue;
    for (const item of object.allOf as object[]) {
      if ('$ref' in item) {
        const $ref = item.$ref as string;
        const discriminator = objects[$ref];
        // Not `continue`: openapi-typescript stops at the first member naming no discriminated schema.
        if (!discriminator) break;
        const ref = createRef(path);
        const values: string[] = [];
        if (discriminator.mapping) {
          for (const mappedValue in discriminator.mapping) if (discriminator.mapping[mappedValue] === ref) values.push(mappedValue);
          if (values.length > 0 && patchEnum(schema, ref, values, discriminator, $ref, silent)) refsHandled.push(ref);
        }
        objects[ref] = { ...objects[$ref] };
      } else {
        const inline = (item as Json).discriminator as Discriminator | undefined;
        if (inline?.propertyName) objects[createRef(path)] = { ...inline };
      }
    }
  }
  return { objects: objects as Record<string, DiscriminatorObject>, refsHandled };
}
