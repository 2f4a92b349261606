/**
 * Why a request got no response, in words, for a `ConnectionError`'s message. fetch reports
 * every such failure as a bare `TypeError: fetch failed`; the reason is a cause or two below it (Node's
 * undici puts a system error code there, sometimes inside an AggregateError of one error per address).
 * Only known codes and fixed phrases make it into the message: a runtime's own message may quote the
 * URL, and a URL may carry a credential in its query.
 */

// System and undici error codes → what they mean to someone reading the message.
const REASON_BY_CODE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'host name lookup failed (DNS)',
  EAI_NONAME: 'host name not found (DNS)',
  EAI_FAIL: 'host name lookup failed (DNS)',
  ETIMEDOUT: 'connect timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network down',
  EADDRNOTAVAIL: 'address not available',
  UND_ERR_HEADERS_OVERFLOW: 'response headers too large',
  Z_DATA_ERROR: 'response body not in its Content-Encoding',
  Z_BUF_ERROR: 'response body cut short in its Content-Encoding',
};

/** Codes of a response that came but could not be read: sending the request again would bring it again. */
const MALFORMED_RESPONSE = /^(?:UND_ERR_HEADERS_OVERFLOW|Z_DATA_ERROR|HPE_(?!CLOSED_CONNECTION|INVALID_EOF_STATE)[A-Z_]+)$/;

// Runtimes that give no code (Deno, Bun) still say it in their message; only the phrase is kept.
const REASON_BY_TEXT: readonly [RegExp, string][] = [
  [/refused/i, 'connection refused'],
  [/reset|broken pipe|closed/i, 'connection reset'],
  [/dns|resolve|lookup|getaddrinfo|name or service not known|no such host/i, 'host name lookup failed (DNS)'],
  [/certificate|\btls\b|\bssl\b|handshake/i, 'TLS failed'],
  [/unreachable/i, 'host unreachable'],
];

/** Whether a failure is a response the runtime could not read (Node's codes; other runtimes give none, and are retried). */
export function isMalformedResponse(err: unknown): boolean {
  return causes(err).some((e) => {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && MALFORMED_RESPONSE.test(code);
  });
}

/** A short reason for a network failure, with its code when the runtime gave one; undefined when nothing says. */
export function describeNetworkFailure(err: unknown): string | undefined {
  const chain = causes(err);
  for (const e of chain) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]{1,40}$/.test(code)) continue;
    const known = REASON_BY_CODE[code];
    if (known !== undefined) return `${known}, ${code}`;
    if (/^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/.test(code)) return `TLS failed, ${code}`;
    if (code.startsWith('HPE_') && MALFORMED_RESPONSE.test(code)) return `malformed HTTP response, ${code}`;
  }
  for (const e of chain) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
  }
  for (const e of chain) {
    const message = e instanceof Error ? e.message : '';
    const match = REASON_BY_TEXT.find(([pattern]) => pattern.test(message));
    if (match !== undefined) return match[1];
  }
  return undefined;
}

// The error, its causes, and the errors of any AggregateError among them, breadth first and bounded:
// a cause chain is the runtime's, but a custom fetch could hand back a cycle.
function causes(err: unknown): object[] {
  const seen: object[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && seen.length < 16) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || seen.includes(e)) continue;
    seen.push(e);
    queue.push((e as { cause?: unknown }).cause);
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return seen;
}

/** The message of a `ConnectionError`: `getToken: connection failed (connection refused, ECONNREFUSED)`. */
export function connectionFailedMessage(operationId: string, err: unknown): string {
  const reason = describeNetworkFailure(err);
  return `${operationId}: connection failed${reason === undefined ? '' : ` (${reason})`}`;
}
