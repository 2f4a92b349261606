/**
 * Redirects, followed by the client rather than by fetch. fetch drops only `Authorization` and
 * `Cookie` when a redirect leaves the origin, so an API key in a header of its own, a query
 * credential echoed in `Location`, or any custom header would reach the other origin. Here a request
 * that goes to another origin keeps only headers that say nothing about the caller (`Accept`,
 * `Accept-Language`, `User-Agent`), and is refused if it would carry a body there. Method changes
 * follow the fetch standard (§4.4, HTTP-redirect fetch).
 */
import { RedirectError } from './errors.js';

/** What one hop sends. */
export interface Hop {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | null;
}

/** The most redirects one attempt follows, as fetch allows. */
export const MAX_REDIRECTS = 20;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// What may go to another origin: nothing in these identifies or authenticates the caller.
const CROSS_ORIGIN_HEADERS = ['accept', 'accept-language', 'user-agent'];
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];

/** Whether `response` is a redirect the client follows: a redirect status with a `Location`. */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (REDIRECT_STATUSES.has(response.status) && response.headers.has('location'));
}

/**
 * The hop a redirect leads to, or a {@link RedirectError}. `queryCredentials` names the query
 * parameters that carry credentials: they are removed from a `Location` on another origin.
 */
export function nextHop(hop: Hop, response: Response, redirects: number, queryCredentials: readonly string[], operationId: string): Hop {
  const fail = (problem: string): never => {
    throw new RedirectError(`${operationId}: ${problem}`, operationId, response.status);
  };
  // A browser hides a redirect's target from scripts; without it the client cannot tell where the
  // request would go, so it does not follow.
  if (response.type === 'opaqueredirect') fail('the server redirected, and this runtime does not show where to; call the final URL instead');
  if (redirects >= MAX_REDIRECTS) fail(`more than ${MAX_REDIRECTS} redirects`);
  let target: URL;
  try {
    target = new URL(response.headers.get('location') ?? '', hop.url);
  } catch {
    return fail(`the server answered ${response.status} with a Location that is not a URL`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') fail(`the server redirected to a ${target.protocol} URL, which the client does not follow`);
  // fetch refuses such a URL with a TypeError quoting it, which would pass for a connection failure.
  if (target.username !== '' || target.password !== '') fail('the server redirected to a URL holding user info, which the client does not follow');
  const sameOrigin = target.origin === new URL(hop.url).origin;
  let { method, body } = hop;
  const headers = new Headers();
  hop.headers.forEach((value, name) => {
    if (sameOrigin || CROSS_ORIGIN_HEADERS.includes(name)) headers.append(name, value);
  });
  if (((response.status === 301 || response.status === 302) && method === 'POST') || (response.status === 303 && method !== 'GET' && method !== 'HEAD')) {
    method = 'GET';
    body = null;
    for (const name of BODY_HEADERS) headers.delete(name);
  }
  if (!sameOrigin) {
    if (body !== null)
      fail(
        `the server redirected to another origin (${target.origin}) with ${response.status}, which would re-send the request body there; the client does not`,
      );
    for (const name of queryCredentials) target.searchParams.delete(name);
  }
  return { url: target.href, method, headers, body };
}
