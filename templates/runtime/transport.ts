/**
 * The fetch function handed to openapi-fetch. It sits under openapi-fetch's middleware, so middleware
 * runs once per logical call while this loop makes the attempts: auth, timeout, retries with backoff,
 * and (for calls made through a resource method) the typed error for a non-2xx response.
 */
import { applyAuth, type Credentials, type Requirement, type SchemeSpec } from './auth.js';
import { AbortError, ConnectionError, TimeoutError, errorForStatus, parseErrorBody, type ErrorContext } from './errors.js';
import { backoffMs, isRetryableMethod, isRetryableStatus, serverDelayMs, type RetryPolicy } from './retry.js';

/** Everything the transport needs, fixed when the client is built. */
export interface TransportConfig {
  fetch: (request: Request) => Promise<Response>;
  schemes: Readonly<Record<string, SchemeSpec>>;
  credentials: Credentials;
  userAgent: string;
  timeoutMs: number;
  retry: RetryPolicy;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  random: () => number;
}

/** What one call adds: its operation, its security, and the caller's per-call options. */
export interface CallContext {
  /** Set for resource-method calls: a non-2xx response then throws a typed error. */
  operationId?: string;
  security: readonly Requirement[];
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  /** The last successful response, kept so a body openapi-fetch cannot parse can still be reported. */
  last?: { request: Request; response: Response; body: ArrayBuffer };
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

function describe(request: Request, operationId: string): ErrorContext {
  const url = new URL(request.url);
  return { operationId, method: request.method, url: `${url.origin}${url.pathname}` };
}

/** Sends one logical call, making as many attempts as the policy allows. */
export async function send(config: TransportConfig, original: Request, call: CallContext): Promise<Response> {
  const maxRetries = call.maxRetries ?? config.retry.maxRetries;
  const timeoutMs = call.timeoutMs ?? config.timeoutMs;
  const operationId = call.operationId ?? `${original.method} ${new URL(original.url).pathname}`;
  // The body is read once up front so every attempt can resend it.
  const body = original.body === null ? null : await original.arrayBuffer();
  for (let attempt = 0; ; attempt++) {
    if (call.signal?.aborted) throw new AbortError(`${operationId}: aborted`, operationId, { cause: call.signal.reason });
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout.signal]) : timeout.signal;
    let request = new Request(original, { body, signal });
    if (!request.headers.has('User-Agent')) request.headers.set('User-Agent', config.userAgent);
    request = await applyAuth(request, call.security, config.schemes, config.credentials);
    let response: Response;
    let buffered: ArrayBuffer;
    try {
      response = await config.fetch(request);
      // Reading the whole body inside the timeout bounds a server that trickles its body.
      buffered = await response.arrayBuffer();
    } catch (err) {
      clearTimeout(timer);
      if (call.signal?.aborted) throw new AbortError(`${operationId}: aborted`, operationId, { cause: err });
      const failure = timeout.signal.aborted
        ? new TimeoutError(`${operationId}: no complete response within ${timeoutMs} ms`, operationId, { cause: err })
        : new ConnectionError(`${operationId}: connection failed`, operationId, { cause: err });
      if (attempt >= maxRetries || !isRetryableMethod(original.method)) throw failure;
      await wait(config, backoffMs(attempt, config.retry, undefined, config.random), call, operationId);
      continue;
    }
    clearTimeout(timer);
    const { status, statusText, headers } = response;
    if (status >= 200 && status < 300) {
      const empty = status === 204 || status === 205 || status === 304;
      const ok = new Response(empty ? null : buffered, { status, statusText, headers });
      if (call.operationId !== undefined) call.last = { request: original, response: ok, body: buffered };
      return ok;
    }
    const serverMs = serverDelayMs(headers, config.now());
    if (attempt < maxRetries && isRetryableStatus(original.method, status)) {
      await wait(config, backoffMs(attempt, config.retry, serverMs, config.random), call, operationId);
      continue;
    }
    if (call.operationId === undefined) return new Response(buffered, { status, statusText, headers });
    const text = new TextDecoder().decode(buffered);
    throw errorForStatus(describe(original, call.operationId), status, headers, parseErrorBody(text), serverMs);
  }
}

async function wait(config: TransportConfig, ms: number, call: CallContext, operationId: string): Promise<void> {
  try {
    await config.sleep(ms, call.signal);
  } catch (err) {
    throw new AbortError(`${operationId}: aborted`, operationId, { cause: err });
  }
}
