/**
 * Whether openapi-fetch types a response body other than as its schema's own type. It passes every
 * body type through a conditional type that takes an array's element type by inference; on an
 * intersection of two array types, which openapi-typescript writes for an `allOf` whose members
 * both declare the same array property, that inference keeps one member's element type only. Such a
 * body cannot be given as its model's name (the model is stricter than the data openapi-fetch
 * hands over), so its signature says what openapi-fetch makes of the model (`Received<Model>`).
 * GitHub Enterprise's SCIM groups are the case met in real specs: a group's `members` declared by
 * both members of an `allOf`.
 */
import { isObject, type JsonObject } from '../json.js';
import { deref } from './resolve.js';

const CHILDREN = ['items', 'additionalProperties', 'not'] as const;
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;

// One walk per document, so the schemas shared by many operations are looked at once.
const walks = new WeakMap<JsonObject, Walk>();

/** Whether `Readable<T>` changes the type of `schema` anywhere inside it. */
export function readableChanges(document: JsonObject, schema: unknown): boolean {
  let walk = walks.get(document);
  if (walk === undefined) walks.set(document, (walk = new Walk(document)));
  return walk.changes(schema);
}

class Walk {
  readonly #done = new Map<JsonObject, boolean>();
  constructor(readonly document: JsonObject) {}

  changes(value: unknown): boolean {
    if (!isObject(value)) return false;
    const schema = deref(this.document, value);
    const known = this.#done.get(schema);
    if (known !== undefined) return known;
    // A schema met again while it is being walked (a recursive model) adds nothing new.
    this.#done.set(schema, false);
    const result = this.#overlapsArrays(schema) || this.#anyChild(schema);
    this.#done.set(schema, result);
    return result;
  }

  #anyChild(schema: JsonObject): boolean {
    if (isObject(schema.properties) && Object.values(schema.properties).some((p) => this.changes(p))) return true;
    if (CHILDREN.some((k) => this.changes(schema[k]))) return true;
    return LISTS.some((k) => Array.isArray(schema[k]) && (schema[k] as unknown[]).some((s) => this.changes(s)));
  }

  /** An `allOf` two of whose members declare one property, an array in at least one of them. */
  #overlapsArrays(schema: JsonObject): boolean {
    if (!Array.isArray(schema.allOf)) return false;
    const seen = new Map<string, { count: number; array: boolean }>();
    for (const member of schema.allOf) {
      for (const [name, declared] of this.#properties(member, new Set())) {
        const entry = seen.get(name) ?? { count: 0, array: false };
        entry.count++;
        entry.array ||= this.#isArray(declared);
        seen.set(name, entry);
      }
    }
    return [...seen.values()].some((e) => e.count > 1 && e.array);
  }

  /** The properties a member declares, its own and those of the `allOf` inside it. */
  #properties(value: unknown, visiting: Set<JsonObject>): [string, unknown][] {
    const schema = deref(this.document, value);
    if (visiting.has(schema)) return [];
    visiting.add(schema);
    const own = isObject(schema.properties) ? Object.entries(schema.properties) : [];
    const inherited = Array.isArray(schema.allOf) ? schema.allOf.flatMap((m) => this.#properties(m, visiting)) : [];
    return [...own, ...inherited];
  }

  #isArray(value: unknown): boolean {
    const schema = deref(this.document, value);
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    return types.includes('array') || 'items' in schema;
  }
}
