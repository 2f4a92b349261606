/**
 * A `$ref` that points at the wrong kind of object: a schema where a parameter belongs, a response
 * where a request body does. Redocly checks the target as the kind the `$ref` site needs and reports
 * each field it lacks *at the target* (`name` must be present, `in` must be present, …), which sends
 * the writer to an object that is fine as what it is. Those findings are folded into one
 * (`ref-wrong-kind`), located at the `$ref` that misuses it and naming both kinds.
 */
import type { BaseResolver, Document, NormalizedProblem, Source } from '@redocly/openapi-core';
import { atPointer, isObject, pointerToken } from '../json.js';
import { namesIn } from './classify-findings.js';

/** The object kinds a reference may point at, by the map of `components` (or Swagger 2.0 root map) holding them. */
const COMPONENT_KINDS = new Map([
  ['schemas', 'Schema'],
  ['definitions', 'Schema'],
  ['parameters', 'Parameter'],
  ['responses', 'Response'],
  ['requestBodies', 'Request Body'],
  ['headers', 'Header'],
  ['examples', 'Example'],
  ['links', 'Link'],
  ['callbacks', 'Callback'],
  ['pathItems', 'Path Item'],
  ['securitySchemes', 'Security Scheme'],
]);

/** Keywords whose value is a schema. */
const SCHEMA_VALUED = new Set(['schema', 'items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else']);
/** Keywords whose entries (by name or by index) are schemas. */
const SCHEMA_ENTRIES = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas', 'allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Maps whose entries are objects of one kind, wherever they sit (an operation's `parameters`, a response's `headers`). */
const ENTRY_KINDS = new Map([
  ['parameters', 'Parameter'],
  ['responses', 'Response'],
  ['headers', 'Header'],
  ['examples', 'Example'],
  ['links', 'Link'],
  ['callbacks', 'Callback'],
]);

function tokensOf(pointer: string): string[] {
  const body = pointer.replace(/^#/, '');
  return body === '' || body === '/' ? [] : body.slice(1).split('/').map(pointerToken);
}

/**
 * The kind of object that belongs at a pointer, read from the keys leading to it; undefined when the
 * keys do not tell (the root of another file, a vendor extension).
 */
export function kindAt(pointer: string): string | undefined {
  const tokens = tokensOf(pointer);
  const end = tokens.length - 1;
  if (end < 0) return undefined;
  const names = namesIn(tokens);
  const last = tokens[end] ?? '';
  const parent = tokens[end - 1] ?? '';
  const inComponents = tokens.length === 3 && tokens[0] === 'components';
  const inSwaggerRoot = tokens.length === 2 && (parent === 'definitions' || parent === 'parameters' || parent === 'responses');
  if (inComponents || inSwaggerRoot) return COMPONENT_KINDS.get(parent);
  if (names[end] !== true && last === 'requestBody') return 'Request Body';
  if (names[end] !== true && SCHEMA_VALUED.has(last)) return 'Schema';
  if (names[end - 1] !== true && SCHEMA_ENTRIES.has(parent)) return 'Schema';
  if (names[end - 1] !== true && ENTRY_KINDS.has(parent)) return ENTRY_KINDS.get(parent);
  if (tokens.length === 2 && tokens[0] === 'paths') return 'Path Item';
  return undefined;
}

/** A location by pointer, as the `$ref` sites of Redocly's findings are. */
interface Site {
  source: Source;
  pointer: string;
}

/** The `$ref` string held at a location, read from its file. */
async function refAt(site: Site, root: Document, resolver: BaseResolver): Promise<string | undefined> {
  const document = site.source.absoluteRef === root.source.absoluteRef ? root : await resolver.resolveDocument(null, site.source.absoluteRef);
  if (!('parsed' in document)) return undefined;
  const node = atPointer(document.parsed, site.pointer.replace(/^#/, '').replace(/^\/$/, ''));
  return isObject(node) && typeof node.$ref === 'string' ? node.$ref : undefined;
}

/**
 * Replaces the structural findings Redocly makes on a `$ref`'s target, when the target is another
 * kind of object than the `$ref` site needs, by one finding at the site; every other problem passes
 * through unchanged and in order. `root` is the document Redocly linted (pointers in its terms).
 */
export async function foldWrongKindRefs(problems: NormalizedProblem[], root: Document, resolver: BaseResolver): Promise<NormalizedProblem[]> {
  const out: NormalizedProblem[] = [];
  const folded = new Map<string, NormalizedProblem>();
  for (const problem of problems) {
    const from = problem.from;
    const site = from?.pointer === undefined ? undefined : { source: from.source, pointer: from.pointer };
    const misuse = problem.ruleId === 'struct' && site !== undefined ? await wrongKind(site, root, resolver) : undefined;
    if (site === undefined || misuse === undefined) {
      out.push(problem);
      continue;
    }
    const key = `${site.source.absoluteRef}${site.pointer}`;
    const seen = folded.get(key);
    if (seen !== undefined) {
      // The most severe of the target's findings decides the folded one's severity.
      if (problem.severity === 'error') seen.severity = 'error';
      continue;
    }
    const merged: NormalizedProblem = {
      // Its own code, and fatal wherever the site is (even inside a schema): the generated types would describe the wrong object.
      ruleId: 'ref-wrong-kind',
      severity: problem.severity,
      message: `this $ref must point at ${article(misuse.expected)}, but ${misuse.ref} is ${article(misuse.actual)}`,
      location: [{ source: site.source, pointer: site.pointer, reportOnKey: false }],
      suggest: [],
    };
    folded.set(key, merged);
    out.push(merged);
  }
  return out;
}

function article(kind: string): string {
  return `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

async function wrongKind(site: Site, root: Document, resolver: BaseResolver): Promise<{ expected: string; actual: string; ref: string } | undefined> {
  const expected = kindAt(site.pointer);
  if (expected === undefined) return undefined;
  const ref = await refAt(site, root, resolver);
  const hash = ref?.indexOf('#') ?? -1;
  if (ref === undefined || hash < 0) return undefined;
  const actual = kindAt(ref.slice(hash + 1));
  return actual === undefined || actual === expected ? undefined : { expected, actual, ref };
}
