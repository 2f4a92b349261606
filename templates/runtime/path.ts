/**
 * Path parameters that stay in their own segment. openapi-fetch percent-encodes a value, but `.` and
 * `..` are left as they are, and the URL parser resolves them (and their encoded forms, `%2E%2E`),
 * so `deleteToken({ id: '..' })` would send `DELETE /api/v2/`. No encoding survives that parsing, so
 * such a value is refused, as is an empty one (`/tokens/` names the collection, not a token) and a
 * missing one (openapi-fetch would send the `{id}` of the template).
 */
import { defaultPathSerializer, type PathSerializer } from 'openapi-fetch';
import { InvalidInputError } from './errors.js';

// What the URL parser takes for `.` or `..` (WHATWG URL's single- and double-dot segments).
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
const PARAM = /\{([^{}]+)\}/g;
// An empty, `.` or `..` segment, or a `{` left over: what the full check looks for, found in one pass.
const SUSPECT = /\/(?:\.|%2e){0,2}(?=\/|$)|\{/gi;

/**
 * openapi-fetch's path serialiser (every style it knows), then a check of each segment a parameter
 * fills. A segment left empty, `.` or `..`, or still holding its placeholder, is an
 * {@link InvalidInputError} naming the parameter. The error's operationId is empty: the caller that
 * knows the operation adds it.
 */
/**
 * The path a route sends. A spec may tell operations on one path apart by a fragment in the key
 * (AWS's `/assignment/roles#x-amz-sso_bearer_token&account_id`, in 311 of APIs.guru's 354 AWS
 * specs): a fragment is never sent, and a query string after it would be taken for part of it.
 */
export function routePath(route: string): string {
  const hash = route.indexOf('#');
  return hash === -1 ? route : route.slice(0, hash);
}

export const checkedPathSerializer: PathSerializer = (pathname, params) => checkedPath(pathname, defaultPathSerializer(pathname, params));

/**
 * `built`, the URL a serialiser made from the template `pathname`, when every segment a parameter
 * fills stays its own segment; else an {@link InvalidInputError}. Every path serialiser's output goes
 * through it: openapi-fetch's default and the per-operation one that follows the spec's styles.
 */
export function checkedPath(pathname: string, built: string): string {
  // Most paths have nothing suspect, and are let through at the cost of one scan.
  // The search starts past the `//` of the scheme; `lastIndex` is where a global pattern starts.
  const scheme = built.indexOf('://');
  SUSPECT.lastIndex = scheme === -1 ? 0 : scheme + 3;
  if (!SUSPECT.test(built)) return built;
  const template = pathname.split('/');
  const segments = built.split('/');
  // The default serialiser encodes a `/` in a value, so each built segment is its template segment filled.
  if (segments.length !== template.length) return refuse('a path parameter holds a "/"');
  segments.forEach((segment, i) => {
    const placeholders = [...(template[i] ?? '').matchAll(PARAM)].map((m) => m[0]);
    if (placeholders.length === 0) return;
    const names = placeholders.map((p) => JSON.stringify(p.replace(/^\{[.;]?|\*?\}$/g, ''))).join(', ');
    if (placeholders.some((p) => segment.includes(p))) refuse(`path parameter ${names} is missing`);
    if (segment === '') refuse(`path parameter ${names} is empty`);
    if (DOT_SEGMENT.test(segment)) refuse(`path parameter ${names} makes the path segment ${JSON.stringify(segment)}`);
  });
  return built;
}

function refuse(problem: string): never {
  throw new InvalidInputError(`${problem}, which would send the call to another path; nothing was sent`, '');
}
