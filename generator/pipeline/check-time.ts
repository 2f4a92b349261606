/**
 * `x-tokenkit-time` marks a number as a point in time (`unix-ms`, `unix-s`), so request examples in
 * the docs show it relative to when they run instead of a literal that goes stale. It is checked where
 * the docs read it (the schemas of parameters and request bodies) and wherever else it is written
 * (responses, models), each schema once.
 */
import { pointer, type SpecIssue } from '../issues.js';
import { TIME_EXTENSION_UNITS } from '../model/build-examples.js';
import { atPointer, isObject, type JsonObject, type OpenApiDocument } from '../json.js';

const NUMERIC_UNITS = new Set(['unix-ms', 'unix-s']);
const CHILD_LISTS = ['allOf', 'oneOf', 'anyOf', 'prefixItems'] as const;
const CHILD_SCHEMAS = ['items', 'additionalProperties', 'not'] as const;

/**
 * Where a node of the walk is: a pointer where the walk started or a reference led, and the tokens
 * down from there, kept as links to the parent. A schema is one node among a hundred thousand in a
 * large spec and marks are rare: a pointer is joined only for a problem.
 */
interface Place {
  base: string;
  parent?: Place;
  tokens?: readonly (string | number)[];
}

function pointerOf(place: Place): string {
  const tokens: (string | number)[] = [];
  let at = place;
  for (; at.parent !== undefined; at = at.parent) tokens.unshift(...(at.tokens ?? []));
  return `${at.base}${pointer(...tokens)}`;
}

/** The problems of the `x-tokenkit-time` marks under `schema` (at `at`), skipping schemas in `seen`. */
export function checkTimeMarks(document: OpenApiDocument, schema: unknown, at: string, seen: Set<object>): Omit<SpecIssue, 'file'>[] {
  const issues: Omit<SpecIssue, 'file'>[] = [];
  const stack: [unknown, Place][] = [[schema, { base: at }]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    let [node, where] = next;
    // Follow local references so a problem is reported where the schema is written.
    for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#') && hops < 32; hops++) {
      where = { base: fragmentPointer(node.$ref) };
      node = atPointer(document, node.$ref.slice(1));
    }
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    const problem = markProblem(node);
    if (problem) issues.push({ code: 'time-mark', message: problem, pointer: `${pointerOf(where)}${pointer('x-tokenkit-time')}` });
    const here = where;
    if (isObject(node.properties))
      for (const key in node.properties) stack.push([node.properties[key], { base: '', parent: here, tokens: ['properties', key] }]);
    for (const key of CHILD_SCHEMAS) if (node[key] !== undefined) stack.push([node[key], { base: '', parent: here, tokens: [key] }]);
    for (const key of CHILD_LISTS) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((value, i) => stack.push([value, { base: '', parent: here, tokens: [key, i] }]));
    }
  }
  return issues;
}

function markProblem(schema: JsonObject): string | undefined {
  const mark = schema['x-tokenkit-time'];
  if (mark === undefined) return undefined;
  if (typeof mark !== 'string' || !(TIME_EXTENSION_UNITS as readonly string[]).includes(mark))
    return `x-tokenkit-time must be one of ${TIME_EXTENSION_UNITS.join(', ')}, not ${JSON.stringify(mark)}`;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const wanted = NUMERIC_UNITS.has(mark) ? ['integer', 'number'] : ['string'];
  if (!types.some((t) => wanted.includes(String(t)))) return `x-tokenkit-time: ${mark} needs a schema of type ${wanted.join(' or ')}`;
  return undefined;
}

/** The JSON pointer of a `#…` reference, its URI escapes undone. */
function fragmentPointer(ref: string): string {
  try {
    return decodeURIComponent(ref.slice(1));
  } catch {
    return ref.slice(1);
  }
}
