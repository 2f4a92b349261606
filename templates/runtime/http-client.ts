/**
 * The typed client under every generated one, and `client.raw`: openapi-fetch's client contract
 * (`GET(path, init)` resolving to `{ data }` or `{ error }` with the `response`, middleware added
 * with `use` and removed with `eject`), built on openapi-fetch's own URL, query, path, header and
 * body serialisers. It differs from openapi-fetch's `createClient` in what it hands the transport:
 * without middleware or a per-call fetch, the request is an {@link Outgoing} (URL, method, headers,
 * body), not a `Request`. The transport then gives the global fetch a URL string, so an attempt
 * builds one `Request` (inside fetch) rather than two: that second `Request` costs about what
 * following the attempt's abort signal does, which pays for the timeout.
 */
import {
  createFinalURL,
  createQuerySerializer,
  defaultBodySerializer,
  mergeHeaders,
  removeTrailingSlash,
  type Client,
  type Middleware,
  type MiddlewareCallbackParams,
  type ParseAs,
  type PathSerializer,
  type QuerySerializer,
  type QuerySerializerOptions,
} from 'openapi-fetch';
import { routePath } from './path.js';

/** A request the transport sends without a `Request` of its own: what fetch's `(url, init)` needs. */
export interface Outgoing {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** Never a stream: a stream body goes as a `Request`, which the transport reads once for retries. */
  readonly body: BodyInit | null;
  /** The caller's other `RequestInit` fields (`credentials`, `cache`, `signal`, …). */
  readonly init: RequestInit;
}

/** What the client sends through: the transport, with its retries, timeouts and auth. */
export type Send = (request: Request | Outgoing) => Promise<Response>;

/** The client's fixed options. */
export interface HttpClientOptions {
  baseUrl: string;
  headers?: Record<string, string> | undefined;
  pathSerializer: PathSerializer;
  send: Send;
}

/** One call's options: openapi-fetch's `FetchOptions` as they arrive, untyped by path. */
interface CallOptions extends Omit<RequestInit, 'headers' | 'body'> {
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
  headers?: HeadersInit | Record<string, string | number | boolean | (string | number | boolean)[] | null | undefined>;
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown>; cookie?: Record<string, unknown> };
  parseAs?: ParseAs;
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  bodySerializer?: (body: unknown, headers?: Headers | Record<string, string>) => unknown;
  pathSerializer?: PathSerializer;
  body?: unknown;
  middleware?: Middleware[];
  /** Replaces the client's {@link HttpClientOptions.send} for this call (the generated methods' own transport). */
  send?: Send;
}

type MergeHeadersArg = Parameters<typeof mergeHeaders>[0];
type Result = { data?: unknown; error?: unknown; response: Response };

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

// The query serialiser of a call that names none: a pure function, so one serves every call.
const defaultQuerySerializer = createQuerySerializer();

/** An openapi-fetch `Client` over the transport. */
export function createHttpClient<Paths extends object>(options: HttpClientOptions): Client<Paths> {
  const middlewares: Middleware[] = [];
  const baseUrl = removeTrailingSlash(options.baseUrl);
  const call = (method: string, schemaPath: string, init: CallOptions | undefined): Promise<Result> =>
    send(options, baseUrl, middlewares, method, schemaPath, init ?? {});
  const client: Record<string, unknown> = {
    request: (method: string, url: string, init?: CallOptions) => call(method.toUpperCase(), url, init),
    // Plain JavaScript may pass a hole or `undefined`, which openapi-fetch skips too.
    use(...added: (Middleware | null | undefined)[]): void {
      for (const m of added) {
        if (!m) continue;
        if (typeof m !== 'object' || !('onRequest' in m || 'onResponse' in m || 'onError' in m))
          throw new Error('Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`');
        middlewares.push(m);
      }
    },
    eject(...removed: Middleware[]): void {
      for (const m of removed) {
        const i = middlewares.indexOf(m);
        if (i !== -1) middlewares.splice(i, 1);
      }
    },
  };
  for (const method of METHODS) client[method] = (url: string, init?: CallOptions) => call(method, url, init);
  return client as unknown as Client<Paths>;
}

async function send(
  options: HttpClientOptions,
  clientBaseUrl: string,
  clientMiddlewares: readonly Middleware[],
  method: string,
  schemaPath: string,
  init: CallOptions,
): Promise<Result> {
  const {
    baseUrl: callBaseUrl,
    fetch,
    headers,
    params = {},
    parseAs = 'json',
    querySerializer: callQuerySerializer,
    bodySerializer = defaultBodySerializer,
    pathSerializer = options.pathSerializer,
    body,
    middleware: callMiddlewares,
    send: callSend,
    ...rest
  } = init;
  const baseUrl = callBaseUrl ? removeTrailingSlash(callBaseUrl) : clientBaseUrl;
  const querySerializer =
    callQuerySerializer === undefined
      ? defaultQuerySerializer
      : typeof callQuerySerializer === 'function'
        ? callQuerySerializer
        : createQuerySerializer(callQuerySerializer);
  const headerArgs = [options.headers, headers, params.header as MergeHeadersArg] as const;
  const serialized = body === undefined ? undefined : (bodySerializer(body, mergeHeaders(...headerArgs)) as BodyInit | undefined);
  // No Content-Type without a body, nor for FormData, whose boundary fetch writes into its own.
  const contentType = serialized === undefined || serialized instanceof FormData ? {} : { 'Content-Type': 'application/json' };
  const finalHeaders = mergeHeaders(contentType, ...headerArgs);
  const url = absolute(createFinalURL(routePath(schemaPath), { baseUrl, params, querySerializer, pathSerializer }));
  const middlewares = callMiddlewares?.length ? [...clientMiddlewares, ...callMiddlewares] : clientMiddlewares;
  const through = callSend ?? options.send;
  let response: Response;
  let sentMethod = method;
  if (middlewares.length === 0 && fetch === undefined && resendable(serialized)) {
    response = await through({ url, method, headers: finalHeaders, body: serialized ?? null, init: rest });
  } else {
    const request = new Request(url, { redirect: 'follow', ...rest, method, headers: finalHeaders, body: serialized ?? null });
    made.add(request);
    // As openapi-fetch does, init keys a Request has no field for (a framework's own) ride on it for middleware.
    for (const key in rest) if (!(key in request)) (request as unknown as Record<string, unknown>)[key] = (rest as Record<string, unknown>)[key];
    const viaClient = fetch ?? through;
    // What middleware sees as the client's fetch: the one this call sends through.
    const asFetch = (input: RequestInfo | URL, requestInit?: RequestInit): Promise<Response> => viaClient(new Request(input, requestInit));
    const merged = { baseUrl, parseAs, querySerializer, bodySerializer, pathSerializer, fetch: asFetch };
    [response, sentMethod] = await withMiddleware(middlewares, request, viaClient, {
      schemaPath,
      params,
      id: Math.random().toString(36).slice(2, 11),
      options: Object.freeze(merged),
    });
  }
  return parse(response, sentMethod, parseAs);
}

/** The Requests this module made, as against those middleware made in their place. */
const made = new WeakSet<Request>();

/**
 * Whether `request` is one the client made for a call (for middleware, or for a body sent once),
 * rather than one middleware made: its signal then carries nothing the call does not know already.
 */
export function madeByClient(request: Request): boolean {
  return made.has(request);
}

/**
 * Whether a body can go as it is in every attempt: a stream or an async iterable is read by the
 * first, so it goes as a `Request`, which the transport reads once. An array buffer or view could
 * change under a retry's backoff, so it goes as a `Request` too, read once when the call starts.
 */
function resendable(body: unknown): body is BodyInit | undefined {
  return body === undefined || typeof body === 'string' || body instanceof Blob || body instanceof FormData || body instanceof URLSearchParams;
}

/**
 * The URL resolved against the page's base, as `new Request` resolves a relative one in a browser
 * (a base URL such as `/api`); where there is no page, it is left for fetch to refuse.
 */
function absolute(url: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(url)) return url;
  const page = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  const base = page.document?.baseURI ?? page.location?.href;
  return base === undefined ? url : new URL(url, base).href;
}

type Shared = Omit<MiddlewareCallbackParams, 'request'>;

/**
 * Runs openapi-fetch middleware as openapi-fetch documents it: every `onRequest` in order (a
 * `Request` returned replaces the request, a `Response` ends the call without sending it), then
 * the request, then `onError` on a failure and `onResponse`, each in reverse order.
 */
async function withMiddleware(
  middlewares: readonly Middleware[],
  first: Request,
  fetch: (request: Request) => Promise<Response>,
  shared: Shared,
): Promise<[Response, string]> {
  let request = first;
  for (const m of middlewares) {
    if (!isMiddleware(m) || typeof m.onRequest !== 'function') continue;
    const result = await m.onRequest({ ...shared, request });
    if (result instanceof Request) request = result;
    else if (result instanceof Response) return [result, request.method];
    else if (result as unknown) throw new Error('onRequest: must return new Request() or Response() when modifying the request');
  }
  let response: Response | undefined;
  try {
    response = await fetch(request);
  } catch (err) {
    let error: unknown = err;
    for (let i = middlewares.length - 1; i >= 0 && response === undefined; i--) {
      const m = middlewares[i];
      if (!isMiddleware(m) || typeof m.onError !== 'function') continue;
      const result = await m.onError({ ...shared, request, error });
      if (result instanceof Response) response = result;
      else if (result instanceof Error) error = result;
      else if (result as unknown) throw new Error('onError: must return new Response() or instance of Error');
    }
    if (response === undefined) throw error;
  }
  for (let i = middlewares.length - 1; i >= 0; i--) {
    const m = middlewares[i];
    if (!isMiddleware(m) || typeof m.onResponse !== 'function') continue;
    const result = await m.onResponse({ ...shared, request, response });
    // openapi-fetch passes over any falsy result.
    if (!(result as unknown)) continue;
    if (!(result instanceof Response)) throw new Error('onResponse: must return new Response() when modifying the response');
    response = result;
  }
  return [response, request.method];
}

// Per-call middleware comes from plain JavaScript as often as not: a hole or a non-object is passed over, as openapi-fetch does.
function isMiddleware(m: unknown): m is Middleware {
  return typeof m === 'object' && m !== null;
}

/**
 * The `{ data }` or `{ error }` of a response, as openapi-fetch reads it: nothing for a 204 or 205
 * (which have no content), a HEAD or an empty body; a success body as `parseAs` says (JSON by default); an error body as JSON when
 * it parses, else as text.
 */
async function parse(response: Response, method: string, parseAs: ParseAs): Promise<Result> {
  const length = response.headers.get('Content-Length');
  if (
    response.status === 204 ||
    response.status === 205 ||
    method === 'HEAD' ||
    (length === '0' && !response.headers.get('Transfer-Encoding')?.includes('chunked'))
  )
    return response.ok ? { data: undefined, response } : { error: undefined, response };
  if (!response.ok) {
    const text = await response.text();
    // No body at all is none, as the error's `body` documents it, not an empty string.
    if (text === '') return { error: undefined, response };
    try {
      return { error: JSON.parse(text) as unknown, response };
    } catch {
      return { error: text, response };
    }
  }
  if (parseAs === 'stream') return { data: response.body, response };
  if (parseAs === 'json') {
    const text = await response.text();
    return { data: text === '' ? undefined : (JSON.parse(text) as unknown), response };
  }
  return { data: await response[parseAs](), response };
}
