/**
 * Following a next-page URL that a server sent (in the body or a `Link` header). The URL replaces
 * the one the operation's request was built with, and only when it stays on that request's origin:
 * the request carries the client's credentials, and a server must not be able to send them, or the
 * caller's headers, anywhere else.
 */
import { ClientError } from './errors.js';
import type { Outgoing } from './http-client.js';

/** A next-page link the client would not follow: to another origin, with user info, or not a URL. */
export class PaginationError extends ClientError {
  override readonly name = 'PaginationError' as const;
}

/**
 * The operation's request, `built` (from the configured base URL or server), sent to `url` instead
 * (resolved against it when relative), with GET and the same headers; throws
 * {@link PaginationError} before anything is sent when `url` leaves `built`'s origin.
 */
export function followRequest(built: Request | Outgoing, url: string, operationId: string): Outgoing {
  const from = new URL(built.url);
  let target: URL;
  try {
    target = new URL(url, from);
  } catch (err) {
    throw new PaginationError(`${operationId}: the next page's link is not a URL`, operationId, { cause: err });
  }
  // The origin is shown, never the path or query: those may hold a token the server put there.
  if (target.origin !== from.origin)
    throw new PaginationError(
      `${operationId}: refused to follow the next page's link to ${target.origin}, which is not the API's origin ${from.origin} (credentials are never sent to another origin)`,
      operationId,
    );
  if (target.username !== '' || target.password !== '')
    throw new PaginationError(`${operationId}: refused to follow the next page's link: it holds user info`, operationId);
  return { url: target.href, method: 'GET', headers: built.headers, body: null, init: {} };
}
