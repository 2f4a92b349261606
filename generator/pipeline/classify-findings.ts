/**
 * Which of Redocly's findings stop generation. Real specs are messy: a 3.0 keyword in a 3.1 schema
 * (`nullable`, a boolean `exclusiveMinimum`), a `type` list in a Swagger 2.0 parameter, an unknown
 * keyword beside a schema, a malformed example or tag. None of these changes a request or a
 * signature openapi-typescript and the model derive, so they are warnings, located like errors;
 * `--strict` makes them fatal. A finding is classed by its rule and by *where* it is, never by the
 * wording of its message, which differs between Redocly's 3.0 and 3.1 rule sets.
 */
import type { NormalizedProblem } from '@redocly/openapi-core';
import { pointerTokens } from '../issues.js';

/** Keywords of a JSON Schema (or of a Swagger 2.0 parameter's inline schema): what sits under them describes values, not requests. */
const SCHEMA_KEYWORDS = new Set([
  'type',
  'format',
  'items',
  'enum',
  'const',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'nullable',
  'readOnly',
  'writeOnly',
  'xml',
  'discriminator',
  '$recursiveRef',
  '$recursiveAnchor',
  '$dynamicRef',
  '$dynamicAnchor',
]);

/** Places that only document: a problem there changes no generated code, only at most a line of docs. */
const DOCUMENTATION = new Set(['info', 'tags', 'externalDocs', 'example', 'examples', 'description', 'summary', 'title', 'contact', 'license', 'xml']);

/**
 * Keywords openapi-typescript walks as collections (the ones holding schemas, and `required` and
 * `enum`): when the value itself has the wrong shape, the schema cannot be typed at all.
 */
const WALKED = new Set([
  'properties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'additionalProperties',
  'patternProperties',
  'prefixItems',
  'required',
  'enum',
]);

/** Whether a finding stops generation (an error) rather than being reported as a warning. */
export function isFatal(problem: NormalizedProblem): boolean {
  if (problem.severity !== 'error') return false;
  if (problem.ruleId !== 'struct') return true;
  return !isInert(tokensOf(problem.location[0]?.pointer ?? ''));
}

function tokensOf(pointer: string): string[] {
  const body = pointer.replace(/^#/, '');
  // Redocly writes the root as `#/`.
  return body === '/' ? [] : pointerTokens(body);
}

/** Keywords whose value is a map: the token after one is a name (a property, a schema, a status), not a keyword. */
const MAPS = new Set([
  'properties',
  'patternProperties',
  'schemas',
  'definitions',
  'parameters',
  'responses',
  'headers',
  'securitySchemes',
  'securityDefinitions',
  'requestBodies',
  'examples',
  'links',
  'callbacks',
  'content',
  'encoding',
  'variables',
  'paths',
  'webhooks',
  '$defs',
  'dependentSchemas',
]);

/** For each token, whether it is a name chosen by the spec's author (a key of a map) rather than a keyword. */
export function namesIn(tokens: readonly string[]): boolean[] {
  const names: boolean[] = [];
  let nextIsName = false;
  for (const token of tokens) {
    names.push(nextIsName);
    nextIsName = !nextIsName && MAPS.has(token);
  }
  return names;
}

/**
 * Inside a schema (below a `schema`, a named component schema or Swagger `definitions` entry, or a
 * schema keyword), in documentation, or in a vendor extension. Tokens are told apart as keywords or
 * names by position, so a property named `properties` or `description` is a name, not a keyword.
 */
export function isInert(tokens: readonly string[]): boolean {
  const names = namesIn(tokens);
  const end = tokens.length - 1;
  const last = tokens[end] ?? '';
  const propertyName = names[end] === true && tokens[end - 1] === 'properties';
  // Redocly looks property names up on a plain object, so a property named `constructor` or
  // `toString` is checked against Object.prototype's function: its finding is Redocly's, not the spec's.
  if (propertyName && last in Object.prototype) return true;
  // A schema collection of the wrong shape, or a property that is not a schema: openapi-typescript cannot walk it.
  if ((names[end] !== true && WALKED.has(last)) || propertyName) return false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const rest = end - i;
    if (token.startsWith('x-')) return true;
    if (names[i] === true) continue;
    if (DOCUMENTATION.has(token)) return true;
    // Below the schema itself: the schema's root must still be an object, or nothing can be typed.
    if (token === 'schema' && rest >= 1) return true;
    if ((token === 'schemas' || token === 'definitions') && (tokens[i - 1] === 'components' || i === 0) && rest >= 2) return true;
    // A Swagger 2.0 parameter or a header describes its value with schema keywords inline.
    if (SCHEMA_KEYWORDS.has(token) && (tokens[i - 2] === 'parameters' || tokens[i - 2] === 'headers')) return true;
  }
  return false;
}
