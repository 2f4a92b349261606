/**
 * Which resource (`client.<resource>`, `<Resource>Api`, `src/resources/<resource>.ts`) each
 * operation belongs to: its first tag, else a segment of its path. One source for the model, which
 * builds the resources, and the snapshot, where an operation that moves is a breaking change.
 */
import { isObject, type JsonObject } from '../json.js';
import { HTTP_METHODS } from './http-methods.js';
import { routePath } from '../../templates/runtime/path.js';

/**
 * The resource of an operation without tags: the first segment of its path that is not a parameter,
 * after the segments every untagged path shares (`/v2/vpcs/{id}` → `vpcs` when all paths start
 * with `/v2`); `default` for `/`. One resource of four hundred methods is no use to anyone.
 */
export function pathResources(paths: JsonObject): (route: string) => string {
  // A fragment in a route key tells operations apart; it is no part of the path (see routePath).
  const segmentsOf = (route: string) =>
    routePath(route)
      .split('/')
      .filter((s) => s !== '' && !s.includes('{'));
  const untagged = Object.entries(paths)
    .filter(([, item]) => isObject(item) && HTTP_METHODS.some((m) => isObject(item[m]) && !hasTags(item[m])))
    .map(([route]) => segmentsOf(route));
  let shared = 0;
  const shortest = untagged.reduce((min, s) => Math.min(min, s.length), untagged.length === 0 ? 0 : Infinity);
  // At least one segment is left to name each resource.
  while (shared < shortest - 1 && untagged.every((s) => s[shared] === untagged[0]?.[shared])) shared++;
  return (route) => {
    const segments = segmentsOf(route);
    return segments[Math.min(shared, segments.length - 1)] ?? 'default';
  };
}

function hasTags(operation: JsonObject): boolean {
  return Array.isArray(operation.tags) && operation.tags.some((t) => typeof t === 'string');
}

/** The resource key of an operation: its first tag, else what {@link pathResources} names for its path. */
export function resourceKey(tags: readonly string[], route: string, resourceOf: (route: string) => string): string {
  return tags[0] ?? resourceOf(route);
}
