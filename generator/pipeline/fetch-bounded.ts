/**
 * Fetching a remote `$ref`, when the user allows it: bounded in time (the whole exchange, body
 * included), in size (counted on the decoded bytes, so a compressed body cannot expand past it) and
 * in redirects, each of which must stay on http or https.
 */

/** Bounds on one remote reference. */
export interface RemoteLimits {
  /** Milliseconds for the whole fetch, redirects and body included. */
  timeoutMs: number;
  /** Largest body accepted, in bytes after decoding. */
  maxBytes: number;
  /** Redirects followed before giving up. */
  maxRedirects: number;
}

/** Generous for a spec fragment, small enough that a hostile server cannot stall or exhaust a run. */
export const DEFAULT_REMOTE_LIMITS: RemoteLimits = { timeoutMs: 10_000, maxBytes: 20 * 1024 * 1024, maxRedirects: 5 };

/** A fetched document. */
export interface FetchedText {
  body: string;
  mimeType: string | undefined;
}

/** Why a fetch was given up, in words for the user. */
export class FetchRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchRefused';
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

async function readLimited(response: Response, url: string, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new FetchRefused(`${url} declares ${declared} bytes, more than the limit of ${maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new FetchRefused(`${url} sent more than the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Fetches `url` within `limits`; throws {@link FetchRefused} saying which bound was hit or what failed. */
export async function fetchBounded(url: string, limits: RemoteLimits): Promise<FetchedText> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = new URL(url);
  try {
    for (let redirects = 0; ; redirects++) {
      if (!isHttp(current)) throw new FetchRefused(`${current.href} is not an http or https URL`);
      // Redirects are followed here, not by fetch, so each hop is counted and its scheme checked.
      const response = await fetch(current, { redirect: 'manual', signal, headers: { accept: 'application/yaml, application/json;q=0.9, */*;q=0.5' } });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        if (redirects >= limits.maxRedirects) throw new FetchRefused(`${url} redirects more than ${limits.maxRedirects} times`);
        current = new URL(location, current);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchRefused(`${current.href} answered ${response.status} ${response.statusText}`.trimEnd());
      }
      return { body: await readLimited(response, current.href, limits.maxBytes), mimeType: response.headers.get('content-type') ?? undefined };
    }
  } catch (err) {
    if (err instanceof FetchRefused) throw err;
    if (signal.aborted) throw new FetchRefused(`${url} did not answer in full within ${limits.timeoutMs} ms`);
    const cause = (err as { cause?: { code?: unknown } }).cause?.code;
    throw new FetchRefused(`cannot fetch ${url}: ${typeof cause === 'string' ? cause : (err as Error).message}`);
  }
}
