/**
 * What the client (http-client.ts) sends through. It sits under the middleware, so middleware runs
 * once per logical call (and sees the final response, error or not) while this loop makes the
 * attempts: auth, timeout, and retries with backoff. Turning a non-2xx into a typed error is left to
 * the caller above the client.
 */
import type { CredentialAuth, Credentials, Requirement, SchemeSpec } from './auth.js';
import { BufferedResponse } from './buffered-response.js';
import { AbortError, ClientError, ConnectionError, TimeoutError } from './errors.js';
import type { Outgoing } from './http-client.js';
import { connectionFailedMessage, isMalformedResponse } from './network-failure.js';
import { readBody } from './read-body.js';
import { isRedirect, nextHop, type Hop } from './redirect.js';
import { backoffMs, isRetryableMethod, isRetryableStatus, serverDelayMs, waitsFor, type RetryPolicy } from './retry.js';

/** Everything the transport needs, fixed when the client is built. */
export interface TransportConfig {
  /** Called with each attempt's request and an init carrying the attempt's abort signal. */
  fetch: (request: Request, init?: RequestInit) => Promise<Response>;
  /**
   * Whether `fetch` passes its `init` on, as the global fetch does (a custom fetch declaring the
   * second parameter is taken at its word). Then each attempt's headers and signal travel in `init`;
   * otherwise each attempt is a copy of the request carrying them, which any fetch honours.
   */
  forwardsInit: boolean;
  /** Applies credentials; undefined when the spec declares no security scheme. */
  auth: CredentialAuth | undefined;
  /**
   * The global fetch (the one given, or the one in place at each call when none was), which takes a
   * URL string as well as a `Request`: an {@link Outgoing} request is sent through it as `(url, init)`,
   * and fetch builds the only `Request`. Undefined for any other fetch, which gets a `Request`.
   */
  direct: ((url: string, init: RequestInit) => Promise<Response>) | undefined;
  schemes: Readonly<Record<string, SchemeSpec>>;
  credentials: Credentials;
  userAgent: string;
  timeoutMs: number;
  /** The largest response body read, in bytes, after decompression. */
  maxResponseBytes: number;
  retry: RetryPolicy;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  random: () => number;
}

/** What one call adds: its operation, its security, and the caller's per-call options. */
export interface CallContext {
  /** The operationId, for error messages; raw-client calls have none. */
  operationId?: string;
  /** The `Accept` header of the operation's declared response types, unless the request has one. */
  accept?: string | undefined;
  security: readonly Requirement[];
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  maxResponseBytes?: number | undefined;
  /** The final response, kept so the caller can build errors from it and report an unparsable body. */
  last?: { request: Request | Outgoing; response: Response; body: ArrayBuffer };
  /** The secrets functions gave for this call's attempts, which its error's message must not repeat either. */
  revealed?: string[];
}

/** Waits, or rejects at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Sends one logical call, making as many attempts as the policy allows.
 *
 * An {@link Outgoing} request goes to the global fetch as `(url, init)`, its body as it is (the client
 * never makes one of a stream, so it can be sent again); to any other fetch as a `Request` made per
 * attempt. A `Request` (built for middleware) is sent as it is when fetch forwards `init`, the
 * attempt's headers and signal travelling in `init`, which fetch merges into the request it makes
 * anyway: a copy of the request carrying a new signal costs several times what the rest of an
 * attempt does. A `Request` with a body, query credentials, or a fetch that may drop `init` gets a
 * copy per attempt instead; a body is read once, so that every attempt can send it again.
 */
export async function sendWithRetries(config: TransportConfig, original: Request | Outgoing, call: CallContext): Promise<Response> {
  const maxRetries = call.maxRetries ?? config.retry.maxRetries;
  const timeoutMs = call.timeoutMs ?? config.timeoutMs;
  const maxBytes = call.maxResponseBytes ?? config.maxResponseBytes;
  const operationId = call.operationId ?? `${original.method} ${new URL(original.url).pathname}`;
  const body = !(original instanceof Request) ? original.body : original.body === null ? null : await original.arrayBuffer();
  for (let attempt = 0; ; attempt++) {
    if (call.signal?.aborted) throw new AbortError(`${operationId}: aborted`, operationId, { cause: call.signal.reason });
    // Each attempt's headers are a copy: the request openapi-fetch built, which its middleware sees,
    // never carries credentials, and a retry starts from it afresh.
    const headers = new Headers(original.headers);
    if (!headers.has('User-Agent')) headers.set('User-Agent', config.userAgent);
    if (call.accept !== undefined && !headers.has('Accept')) headers.set('Accept', call.accept);
    // Credentials given as strings are applied without a promise; a secret function is awaited.
    const pending = config.auth?.authorize(headers, original.url, call.security, config.schemes, config.credentials, operationId, call);
    let url = pending as string | undefined;
    // The attempt's timeout covers a secret function's wait too: what it took is not given again.
    let attemptMs = timeoutMs;
    if (typeof pending === 'object') {
      const started = performance.now();
      url = await credentialWithin(pending, call, operationId, timeoutMs);
      attemptMs = Math.max(1, timeoutMs - (performance.now() - started));
    }
    const attemptSignal = new AttemptSignal(attemptMs, call.signal);
    let exchanged: Exchanged;
    try {
      // Redirects and the whole body are read inside the timeout, which so bounds a server that
      // trickles its body or redirects in circles.
      const work = exchange(config, original, url, headers, body, attemptSignal, maxBytes, operationId);
      exchanged = await (attemptSignal.cancellable ? attemptSignal.race(work) : work);
    } catch (err) {
      attemptSignal.done();
      // The client's own refusals (a body too large, a redirect not followed) are final.
      if (err instanceof ClientError) throw err;
      if (call.signal?.aborted) throw new AbortError(`${operationId}: aborted`, operationId, { cause: err });
      const failure = attemptSignal.timedOut
        ? new TimeoutError(`${operationId}: no complete response within ${timeoutMs} ms`, operationId, { cause: err })
        : new ConnectionError(connectionFailedMessage(operationId, err), operationId, { cause: err });
      // A response the runtime could not read (headers past its limit, a body not in its encoding)
      // would come again as it was: it is not retried.
      if (attempt >= maxRetries || !isRetryableMethod(original.method) || isMalformedResponse(err)) throw failure;
      await wait(config, backoffMs(attempt, config.retry, undefined, config.random), call, operationId);
      continue;
    }
    attemptSignal.done();
    const { response, bytes } = exchanged;
    if (attempt < maxRetries && isRetryableStatus(original.method, response.status)) {
      const serverMs = serverDelayMs(response.headers, config.now(), response.status);
      if (waitsFor(serverMs, config.retry)) {
        await wait(config, backoffMs(attempt, config.retry, serverMs, config.random), call, operationId);
        continue;
      }
    }
    const final = new BufferedResponse(response, bytes);
    call.last = { request: original, response: final, body: bytes };
    return final;
  }
}

/**
 * A secret function's answer, within the call's timeout and signal: a secret store that never
 * answers ends the call on time, and a caller who aborted meanwhile gets no request sent. What the
 * function itself throws is the caller's, as it threw it.
 */
async function credentialWithin<T>(pending: Promise<T>, call: CallContext, operationId: string, timeoutMs: number): Promise<T> {
  const wait = new AttemptSignal(timeoutMs, call.signal);
  try {
    const value = await wait.race(pending);
    if (call.signal?.aborted) throw call.signal.reason;
    return value;
  } catch (err) {
    if (call.signal?.aborted) throw new AbortError(`${operationId}: aborted`, operationId, { cause: call.signal.reason });
    if (wait.timedOut) throw new TimeoutError(`${operationId}: no credential within ${timeoutMs} ms`, operationId, { cause: err });
    throw err;
  } finally {
    wait.done();
  }
}

/** An attempt's final response and its whole body. */
interface Exchanged {
  response: Response;
  bytes: ArrayBuffer;
}

/**
 * One attempt: the request, every redirect it leads to (see {@link nextHop}), and the final body.
 * fetch is told not to follow redirects itself, since it would pass custom headers on to any origin.
 * `url` is the request's URL with query credentials, when a scheme put some there.
 */
async function exchange(
  config: TransportConfig,
  original: Request | Outgoing,
  url: string | undefined,
  headers: Headers,
  body: BodyInit | null,
  attempt: AttemptSignal,
  maxBytes: number,
  operationId: string,
): Promise<Exchanged> {
  let response: Response;
  const built = original instanceof Request;
  if (!built && config.direct) {
    // The caller's other RequestInit fields (credentials, cache, …) ride along in init.
    const init: RequestInit = { ...original.init, method: original.method, headers, body, redirect: 'manual' };
    // A signal nothing can fire is left out: on Node's fetch, following one costs about what the
    // rest of the client's work per call does (see bench/README.md), and it would never end the attempt.
    if (attempt.cancellable) init.signal = attempt.signal;
    response = await config.direct(url ?? original.url, init);
  } else if (config.forwardsInit && body === null && url === undefined) {
    response = await config.fetch(built ? original : new Request(original.url, { ...original.init, method: original.method }), attempt.init(headers));
  } else {
    // A copy carries the fields of the Request middleware saw, or the Outgoing request's init.
    const extra = built ? requestFields(original) : original.init;
    const request = new Request(url ?? original.url, { ...extra, method: original.method, headers, body, redirect: 'manual', signal: attempt.signal });
    response = await config.fetch(request, { signal: attempt.signal, redirect: 'manual' });
  }
  if (isRedirect(response)) {
    let hop: Hop = { url: url ?? original.url, method: original.method, headers, body };
    for (let redirects = 0; isRedirect(response); redirects++) {
      void response.body?.cancel().catch(() => undefined);
      hop = nextHop(hop, response, redirects, queryCredentials(config.schemes), operationId);
      const next = new Request(hop.url, { method: hop.method, headers: hop.headers, body: hop.body, redirect: 'manual', signal: attempt.signal });
      response = await config.fetch(next, { signal: attempt.signal, redirect: 'manual' });
    }
  }
  return { response, bytes: await readBody(response, maxBytes, operationId) };
}

/** The fields of a `Request` that a copy of it must carry besides its URL, method, headers and body. */
function requestFields(request: Request): RequestInit {
  const fields: RequestInit = {
    credentials: request.credentials,
    cache: request.cache,
    keepalive: request.keepalive,
    integrity: request.integrity,
    referrerPolicy: request.referrerPolicy,
  };
  // A navigation's mode cannot be given to a new Request, and is not a fetch a client makes.
  if (request.mode !== 'navigate') fields.mode = request.mode;
  return fields;
}

// The names of the query parameters that carry credentials.
function queryCredentials(schemes: Readonly<Record<string, SchemeSpec>>): string[] {
  return Object.values(schemes).flatMap((s) => (s.type === 'apiKey' && s.in === 'query' ? [s.name] : []));
}

/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One attempt's abort signal: it fires when the attempt's time is up or when the caller's signal
 * does. The caller's signal is followed with a listener rather than `AbortSignal.any`, which costs
 * far more per call on Node 20 and keeps every signal it was given alive until they are collected.
 * The controller is made when the fetch implementation first reads the signal: the global fetch
 * always does, and a fetch that never looks at it (a stub, a transport without cancellation) does
 * not pay for one.
 */
class AttemptSignal {
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort: (() => void) | undefined;
  #reject: ((reason: unknown) => void) | undefined;
  #reason: unknown;
  #aborted = false;
  readonly #timeoutMs: number;
  #remainingMs = 0;
  timedOut = false;

  constructor(timeoutMs: number, caller: AbortSignal | undefined) {
    this.#caller = caller;
    this.#timeoutMs = timeoutMs;
    this.#arm(timeoutMs);
    if (caller) {
      this.#onCallerAbort = () => this.#abort(caller.reason);
      if (caller.aborted) this.#abort(caller.reason);
      else caller.addEventListener('abort', this.#onCallerAbort, { once: true });
    }
  }

  /**
   * What fetch receives as its `init`. `signal` is an own getter, so a wrapper that spreads `init`
   * into its own still passes the signal on, and a fetch that never reads it costs no controller.
   */
  init(headers: Headers): RequestInit {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const attempt = this;
    return {
      headers,
      redirect: 'manual',
      get signal(): AbortSignal {
        return attempt.signal;
      },
    };
  }

  /** Whether anything can end the attempt early: a timeout, or a caller's signal. */
  get cancellable(): boolean {
    return this.#timer !== undefined || this.#caller !== undefined;
  }

  /** Made on first read. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /**
   * Settles with `work`, or rejects as soon as the signal fires, in case the fetch implementation
   * ignores the signal it was given: the call then ends on time even if that request runs on.
   */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.#aborted) return Promise.reject(this.#reason);
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      work.then(resolve, reject);
    });
  }

  // setTimeout fires at once, with a warning, past 2^31-1 ms, so a longer timeout waits in steps;
  // Infinity sets no timer at all. The callback is one function for every attempt, handed the
  // attempt as its argument, so arming a timer allocates no closure.
  #arm(remainingMs: number): void {
    if (remainingMs === Infinity) return;
    const step = Math.min(remainingMs, MAX_TIMER_MS);
    this.#remainingMs = remainingMs - step;
    this.#timer = setTimeout(AttemptSignal.#fire, step, this);
  }

  static #fire(attempt: AttemptSignal): void {
    if (attempt.#remainingMs > 0) return attempt.#arm(attempt.#remainingMs);
    attempt.timedOut = true;
    attempt.#abort(new DOMException(`no complete response within ${attempt.#timeoutMs} ms`, 'TimeoutError'));
  }

  done(): void {
    clearTimeout(this.#timer);
    this.#reject = undefined;
    if (this.#onCallerAbort) this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }

  #abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    this.#reject?.(reason);
  }
}

async function wait(config: TransportConfig, ms: number, call: CallContext, operationId: string): Promise<void> {
  try {
    await config.sleep(ms, call.signal);
  } catch (err) {
    throw new AbortError(`${operationId}: aborted`, operationId, { cause: err });
  }
}
