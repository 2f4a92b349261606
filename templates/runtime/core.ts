/**
 * The state a client shares with its resources: the typed client (openapi-fetch's contract, see
 * http-client.ts) and the transport under it. Generated resource methods call {@link Core.call} and
 * nothing else.
 */
import type { Client, Middleware } from 'openapi-fetch';
import { ApiPromise, type CallResult } from './api-promise.js';
import type { CredentialAuth, Credentials, Requirement, SchemeSpec } from './auth.js';
import { errorForStatus, InvalidInputError, ResponseParseError, type ErrorContext } from './errors.js';
import { createHttpClient, madeByClient, type Outgoing, type Send } from './http-client.js';
import { checkOptions, DEFAULT_TIMEOUT_MS } from './options.js';
import { checkedPathSerializer } from './path.js';
import { DEFAULT_MAX_RESPONSE_BYTES, excerpt } from './read-body.js';
import type { PreparedRequest, ServerContext } from './request.js';
import { DEFAULT_RETRY, serverDelayMs } from './retry.js';
import { sendWithRetries, sleep, type CallContext, type TransportConfig } from './transport.js';

/** Options every generated client accepts, besides its credentials. */
export interface BaseClientOptions {
  /** The API's base URL; defaults to the spec's first server. */
  baseUrl?: string | undefined;
  /**
   * A fetch implementation, for proxies or tests; defaults to the global fetch. It is called as the
   * global fetch is, `(request, init)`: pass `init` on, since it carries the signal that ends an attempt
   * on its timeout or the caller's abort. The global fetch itself (the default, or `globalThis.fetch`
   * given here) is called with the URL as a string, `(url, init)`, which spares each attempt a `Request`.
   */
  fetch?: ((request: Request, init?: RequestInit) => Promise<Response>) | undefined;
  /** Per-attempt timeout in milliseconds (default 60 000); `Infinity` for none. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number | undefined;
  /**
   * The largest response body read, in bytes, counted after decompression (default 32 MiB);
   * `Infinity` for no limit. A larger body ends the call with a `ResponseTooLargeError`.
   */
  maxResponseBytes?: number | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** openapi-fetch middleware, run once per call. */
  middleware?: Middleware[] | undefined;
  /** For tests: replaces the backoff wait. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/** Per-call options: the last argument of every resource method. */
export interface RequestOptions {
  /** Cancels the call, including a backoff wait. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout for this call; `Infinity` for none. */
  timeoutMs?: number | undefined;
  /** Retries for this call. */
  maxRetries?: number | undefined;
  /** The largest response body read for this call, in bytes; `Infinity` for no limit. */
  maxResponseBytes?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
}

/** What the generated client passes to {@link Core}. */
export interface CoreConfig {
  options: BaseClientOptions;
  defaultBaseUrl: string;
  userAgent: string;
  schemes: Readonly<Record<string, SchemeSpec>>;
  credentials: Credentials;
  /** `credentialAuth` from auth.ts, when the spec declares security schemes. */
  auth?: CredentialAuth;
  /** Server variable values from the client options, by variable name. */
  serverVariables?: Readonly<Record<string, string | undefined>>;
}

/** The per-call part of a request: the transport and, for an operation, its serializers. */
export type CallInit = Partial<Omit<PreparedRequest['init'], 'headers'>> & {
  send: Send;
  headers?: Record<string, string>;
};

/**
 * Builds the request of one call from the operation's description: `prepareRequest` (request.ts)
 * bound to the operation and the call's values. Only operations whose parameters or body
 * openapi-fetch would not send as the spec says pass one, so a bundle of the others never holds the
 * serialisers for styles, cookies, form and multipart bodies or per-operation servers.
 */
export type Prepare = (servers: ServerContext) => PreparedRequest;

/** Shared by a client and its resources. */
export class Core<Paths extends object> {
  /** The typed client (openapi-fetch's interface, see http-client.ts), for callers who prefer `{ data, error }`. */
  readonly raw: Client<Paths>;
  readonly #transport: TransportConfig;
  readonly #servers: { baseUrl: string | undefined; variables: Readonly<Record<string, string | undefined>> };

  constructor(config: CoreConfig) {
    const { options } = config;
    checkOptions(options, '');
    this.#servers = { baseUrl: options.baseUrl, variables: config.serverVariables ?? {} };
    const baseUrl = options.baseUrl ?? config.defaultBaseUrl;
    config.auth?.warnOnPlainHttp(
      baseUrl,
      Object.values(config.credentials).some((c) => c !== undefined),
    );
    this.#transport = {
      fetch: options.fetch ?? ((request, init) => globalThis.fetch(request, init)),
      forwardsInit: options.fetch === undefined || options.fetch === globalThis.fetch || options.fetch.length >= 2,
      direct:
        options.fetch === undefined
          ? (url, init) => globalThis.fetch(url, init)
          : options.fetch === globalThis.fetch
            ? globalThis.fetch // the one given, not one installed later
            : undefined,
      auth: config.auth,
      schemes: config.schemes,
      credentials: config.credentials,
      userAgent: config.userAgent,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      retry: { ...DEFAULT_RETRY, maxRetries: options.maxRetries ?? DEFAULT_RETRY.maxRetries },
      sleep: options.sleep ?? sleep,
      now: Date.now,
      random: Math.random,
    };
    const transport = this.#transport;
    const security = allSchemes(config.schemes);
    this.raw = createHttpClient<Paths>({
      baseUrl,
      headers: options.headers,
      pathSerializer: checkedPathSerializer,
      // A raw call's own signal (in its init, or on the Request middleware made) cancels it too.
      send: (request) =>
        sendWithRetries(transport, request, { security, signal: request instanceof Request ? request.signal : (request.init.signal ?? undefined) }),
    });
    for (const m of options.middleware ?? []) this.raw.use(m);
  }

  /**
   * Runs one resource-method call: `send` makes the request through {@link raw} with the options given. A
   * non-2xx response becomes the {@link ApiError} subclass for its status, with the body the client
   * parsed (or its raw text); a success body that is not the JSON it claims to be becomes a
   * {@link ResponseParseError} carrying the raw text. `prepare`, when given, makes the serialisers
   * and headers the operation's spec calls for. `reroute`, when given, turns the request
   * built into the one sent: a paginator's next-page link (`followRequest` in next-url.ts, which
   * keeps it on the request's origin) is sent with the operation's auth, retries and timeouts.
   * `successBody` is `true` when every success the operation declares has a JSON body, so one
   * without any is a {@link ResponseParseError} too, and `false` when none declares a body: the call
   * then resolves to nothing whatever the server sent with its 2xx (a delete that answers `200
   * Deleted` did delete). `accept` is the `Accept` header of the media types the spec
   * declares for the operation's responses, sent unless the caller sets one.
   */
  call<T>(
    operationId: string,
    security: readonly Requirement[],
    options: RequestOptions | undefined,
    send: (init: CallInit) => Promise<{ data?: T; error?: unknown; response: Response }>,
    prepare?: Prepare,
    reroute?: (request: Request | Outgoing) => Request | Outgoing,
    successBody?: boolean,
    accept?: string,
  ): ApiPromise<T> {
    return new ApiPromise(this.#send(operationId, security, options, send, prepare, reroute, successBody, accept));
  }

  async #send<T>(
    operationId: string,
    security: readonly Requirement[],
    options: RequestOptions | undefined,
    send: (init: CallInit) => Promise<{ data?: T; error?: unknown; response: Response }>,
    prepare: Prepare | undefined,
    reroute: ((request: Request | Outgoing) => Request | Outgoing) | undefined,
    successBody: boolean | undefined,
    accept: string | undefined,
  ): Promise<CallResult<T>> {
    if (options !== undefined) checkOptions(options, operationId);
    const call: CallContext = {
      operationId,
      accept,
      security,
      signal: options?.signal,
      timeoutMs: options?.timeoutMs,
      maxRetries: options?.maxRetries,
      maxResponseBytes: options?.maxResponseBytes,
    };
    const transport = this.#transport;
    const prepared = prepare?.(this.#servers);
    let result: { data?: T; error?: unknown; response: Response };
    const headers = withDefaults(prepared?.init.headers, options?.headers);
    try {
      // Not async: the common call hands back the transport's own promise, with none around it.
      const through = (built: Request | Outgoing): Promise<Response> => {
        prepared?.finish(built.headers);
        const outgoing = reroute === undefined ? built : reroute(built);
        if (!(built instanceof Request) || madeByClient(built)) return sendWithRetries(transport, outgoing, call);
        return sendFollowing(transport, outgoing, call, built.signal);
      };
      // The common call (no serialisers of its own, no extra headers) spreads nothing.
      const init: CallInit =
        prepared === undefined && headers === undefined
          ? { send: through }
          : { ...prepared?.init, send: through, ...(headers === undefined ? {} : { headers }) };
      result = await send(init);
    } catch (err) {
      if (err instanceof SyntaxError && call.last) {
        const { request, response, body } = call.last;
        if (successBody === false && response.ok) return { response };
        throw new ResponseParseError(this.#context(operationId, request, call), response.status, response.headers, excerpt(new TextDecoder().decode(body)));
      }
      // A refusal raised below the call (by the path serialiser) learns the call's operation here.
      if (err instanceof InvalidInputError && err.operationId === '') throw new InvalidInputError(`${operationId}: ${err.message}`, operationId);
      throw err;
    }
    const { response } = result;
    if (response.ok) {
      if (successBody === false) return result.data === undefined ? result : { response };
      // Every success the operation declares has a JSON body: one that came without (an empty 200)
      // is not what the method's type promises, and a page of a paginator could not be read.
      if (successBody === true && result.data === undefined && response.status !== 204 && response.status !== 205 && call.last) {
        const { request, response: final } = call.last;
        throw new ResponseParseError(this.#context(operationId, request, call), final.status, final.headers, '');
      }
      return result;
    }
    const request = call.last?.request;
    const ctx = request ? this.#context(operationId, request, call) : { operationId, method: '', url: '', secrets: this.#secrets(call) };
    // A body that is not JSON is kept as text, of which an error keeps only the start.
    const body = typeof result.error === 'string' ? excerpt(result.error) : result.error;
    throw errorForStatus(ctx, response.status, response.headers, body, serverDelayMs(response.headers, transport.now(), response.status));
  }

  /** What an error of this call knows, with the credentials it sent, which a quoted server message must not repeat. */
  #context(operationId: string, request: Request | Outgoing, call: CallContext): ErrorContext {
    return { ...context(operationId, request), secrets: this.#secrets(call) };
  }

  /** The credentials the client holds as strings, and those its functions gave this call. */
  #secrets(call: CallContext): string[] {
    return [...(this.#transport.auth?.knownSecrets(this.#transport.credentials) ?? []), ...(call.revealed ?? [])];
  }

  /** Keeps credentials out of `JSON.stringify`. */
  toJSON(): Record<string, never> {
    return {};
  }

  /** Keeps credentials out of `console.log`. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Core { [credentials redacted] }';
  }
}

// The raw client has no operation context, so it offers every scheme, one at a time, and sends
// without credentials (the empty requirement) when it has none.
function allSchemes(schemes: Readonly<Record<string, SchemeSpec>>): Requirement[] {
  return [...Object.keys(schemes).map((name) => [name]), []];
}

/**
 * The operation's headers (its Content-Type, its cookie parameters as one Cookie header) under the
 * caller's per-call headers; a Cookie header of the caller's keeps the parameters' cookies too.
 */
function withDefaults(operation: Record<string, string> | undefined, headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (operation === undefined || Object.keys(operation).length === 0) return headers;
  const merged = { ...operation, ...headers };
  if (operation.Cookie !== undefined && headers?.Cookie) merged.Cookie = `${headers.Cookie}; ${operation.Cookie}`;
  return merged;
}

// The query string is left out of messages: an API key may travel there.
function context(operationId: string, request: Request | Outgoing): ErrorContext {
  const u = new URL(request.url);
  return { operationId, method: request.method, url: `${u.origin}${u.pathname}` };
}

/**
 * Sends a call whose Request middleware made: the Request's signal cancels the call too, as it does
 * a raw call. Both signals are followed by listeners, removed when the call ends, rather than by
 * `AbortSignal.any`, which older browsers lack and which keeps a long-lived caller's signal tied to
 * every call's.
 */
async function sendFollowing(transport: TransportConfig, outgoing: Request | Outgoing, call: CallContext, requestSignal: AbortSignal): Promise<Response> {
  const both = followBoth(call.signal, requestSignal);
  const own: CallContext = { ...call, signal: both.signal };
  try {
    return await sendWithRetries(transport, outgoing, own);
  } finally {
    both.release();
    // What the attempt learnt is the call's: its last exchange, and the secrets functions revealed
    // for it, which the call's error messages must not repeat.
    if (own.last) call.last = own.last;
    if (own.revealed) call.revealed = own.revealed;
  }
}

/**
 * A signal that fires when either of two does, and the means to stop following them. Without a
 * caller's signal it is the other one as it is.
 */
function followBoth(caller: AbortSignal | undefined, other: AbortSignal): { signal: AbortSignal; release: () => void } {
  if (caller === undefined) return { signal: other, release: () => undefined };
  const controller = new AbortController();
  const first = caller.aborted ? caller : other.aborted ? other : undefined;
  if (first !== undefined) {
    controller.abort(first.reason);
    return { signal: controller.signal, release: () => undefined };
  }
  const onCaller = (): void => controller.abort(caller.reason);
  const onOther = (): void => controller.abort(other.reason);
  caller.addEventListener('abort', onCaller, { once: true });
  other.addEventListener('abort', onOther, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      caller.removeEventListener('abort', onCaller);
      other.removeEventListener('abort', onOther);
    },
  };
}
