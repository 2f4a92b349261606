/**
 * The fetch function handed to openapi-fetch. It sits under openapi-fetch's middleware, so middleware
 * runs once per logical call (and sees the final response, error or not) while this loop makes the
 * attempts: auth, timeout, and retries with backoff. Turning a non-2xx into a typed error is left to
 * the caller above openapi-fetch.
 */
import { applyAuth, type Credentials, type Requirement, type SchemeSpec } from './auth.js';
import { AbortError, ConnectionError, TimeoutError } from './errors.js';
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
  /** The operationId, for error messages; raw-client calls have none. */
  operationId?: string;
  security: readonly Requirement[];
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  /** The final response, kept so the caller can build errors from it and report an unparsable body. */
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

/** Sends one logical call, making as many attempts as the policy allows. */
export async function sendWithRetries(config: TransportConfig, original: Request, call: CallContext): Promise<Response> {
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
    if (attempt < maxRetries && isRetryableStatus(original.method, status)) {
      await wait(config, backoffMs(attempt, config.retry, serverDelayMs(headers, config.now()), config.random), call, operationId);
      continue;
    }
    const empty = status === 204 || status === 205 || status === 304;
    const final = new Response(empty ? null : buffered, { status, statusText, headers });
    call.last = { request: original, response: final, body: buffered };
    return final;
  }
}

async function wait(config: TransportConfig, ms: number, call: CallContext, operationId: string): Promise<void> {
  try {
    await config.sleep(ms, call.signal);
  } catch (err) {
    throw new AbortError(`${operationId}: aborted`, operationId, { cause: err });
  }
}
