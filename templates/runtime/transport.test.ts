/**
 * The transport against fetch implementations of every kind: the global fetch's contract (a signal in
 * `init` that ends the attempt), a fetch that ignores its signal, and the response it hands back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { credentialAuth } from './auth.js';
import { BufferedResponse } from './buffered-response.js';
import { AbortError, TimeoutError } from './errors.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './read-body.js';
import { DEFAULT_RETRY } from './retry.js';
import { sendWithRetries, type TransportConfig } from './transport.js';

function config(fetch: TransportConfig['fetch'], timeoutMs = 60_000): TransportConfig {
  return {
    fetch,
    forwardsInit: fetch.length >= 2,
    direct: undefined,
    auth: credentialAuth,
    schemes: { key: { type: 'apiKey', in: 'header', name: 'Authorization' } },
    credentials: { key: 'secret' },
    userAgent: 'test/1',
    timeoutMs,
    maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    retry: { ...DEFAULT_RETRY, maxRetries: 0 },
    sleep: () => Promise.resolve(),
    now: () => 0,
    random: () => 0,
  };
}

const request = () => new Request('https://api.example.com/things/1');
const security = [['key']] as const;

describe('sendWithRetries', () => {
  it('sends the request it was given, with auth and User-Agent, and a signal in init', async () => {
    let seen: { request: Request; init: RequestInit | undefined; signal: AbortSignal | null | undefined } | undefined;
    const original = request();
    const response = await sendWithRetries(
      config(async (req, init) => {
        seen = { request: req, init, signal: init?.signal };
        return new Response('{"a":1}', { status: 200, headers: { 'content-type': 'application/json' } });
      }),
      original,
      { security },
    );
    expect(seen?.request).toBe(original);
    // What fetch sends: the request with init merged in, as the global fetch does.
    const sent = new Request(seen?.request ?? original, seen?.init);
    expect(sent.headers.get('Authorization')).toBe('secret');
    expect(sent.headers.get('User-Agent')).toBe('test/1');
    // The request itself, which openapi-fetch's middleware sees, carries no credential.
    expect(original.headers.get('Authorization')).toBeNull();
    expect(seen?.signal).toBeInstanceOf(AbortSignal);
    expect(seen?.signal?.aborted).toBe(false);
    expect(await response.json()).toEqual({ a: 1 });
  });

  it('starts every attempt from the request as built: credentials and cookies are not piled up by retries', async () => {
    const cookies: (string | null)[] = [];
    const cfg = config(async (req, init) => {
      cookies.push(new Request(req, init).headers.get('Cookie'));
      return new Response(null, { status: cookies.length < 3 ? 503 : 204 });
    });
    cfg.schemes = { sid: { type: 'apiKey', in: 'cookie', name: 'sid' } };
    cfg.credentials = { sid: 'abc' };
    cfg.retry = { ...DEFAULT_RETRY, maxRetries: 2 };
    const original = new Request('https://api.example.com/things/1', { headers: { Cookie: 'pref=1' } });
    await sendWithRetries(cfg, original, { security: [['sid']] });
    expect(cookies).toEqual(['pref=1; sid=abc', 'pref=1; sid=abc', 'pref=1; sid=abc']);
    expect(original.headers.get('Cookie')).toBe('pref=1');
  });

  it('gives a fetch that takes only the request a copy carrying the credentials and the signal', async () => {
    let seen: Request | undefined;
    const original = request();
    const failure = sendWithRetries(
      config((req: Request) => {
        seen = req;
        return new Promise<Response>(() => undefined);
      }, 50),
      original,
      { security },
    );
    await expect(failure).rejects.toBeInstanceOf(TimeoutError);
    expect(seen).not.toBe(original);
    expect(seen?.headers.get('Authorization')).toBe('secret');
    expect(seen?.signal.aborted).toBe(true);
  });

  it('sends nothing when the caller aborts while a credential is being read', async () => {
    const caller = new AbortController();
    let sent = 0;
    const cfg = config(async () => {
      sent++;
      return new Response(null, { status: 204 });
    });
    cfg.credentials = {
      key: async () => {
        caller.abort();
        return 'late';
      },
    };
    await expect(sendWithRetries(cfg, request(), { security, signal: caller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(sent).toBe(0);
  });

  it("ends on time, or at the caller's abort, when a credential function never answers", async () => {
    let sent = 0;
    const cfg = config(async () => {
      sent++;
      return new Response(null, { status: 204 });
    }, 50);
    cfg.credentials = { key: () => new Promise<string>(() => undefined) };
    await expect(sendWithRetries(cfg, request(), { security })).rejects.toBeInstanceOf(TimeoutError);
    const caller = new AbortController();
    const aborted = sendWithRetries({ ...cfg, timeoutMs: Infinity }, request(), { security, signal: caller.signal });
    setTimeout(() => caller.abort(), 20);
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
    expect(sent).toBe(0);
  });

  it('passes the signal on through a wrapper that spreads init into its own', async () => {
    let signal: AbortSignal | null | undefined;
    const wrapped = (req: Request, init?: RequestInit) => {
      const own: RequestInit = { ...init, keepalive: true };
      signal = own.signal;
      return Promise.resolve(new Response('{}', { status: 200 }));
    };
    await sendWithRetries(config(wrapped), request(), { security });
    expect(signal).toBeInstanceOf(AbortSignal);
  });

  it('aborts the signal it gave fetch when the attempt times out', async () => {
    let signal: AbortSignal | undefined;
    const failure = sendWithRetries(
      config(
        (_req, init) =>
          new Promise<Response>((_resolve, reject) => {
            signal = init?.signal ?? undefined;
            signal?.addEventListener('abort', () => reject(signal?.reason as Error));
          }),
        50,
      ),
      request(),
      { security },
    );
    await expect(failure).rejects.toBeInstanceOf(TimeoutError);
    expect(signal?.aborted).toBe(true);
  });

  it('ends on time even when fetch ignores the signal', async () => {
    const started = performance.now();
    const failure = sendWithRetries(
      config(() => new Promise<Response>(() => undefined), 50),
      request(),
      { security },
    );
    await expect(failure).rejects.toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("ends at once on the caller's abort, even when fetch ignores the signal", async () => {
    const caller = new AbortController();
    const failure = sendWithRetries(
      config(() => new Promise<Response>(() => undefined)),
      request(),
      { security, signal: caller.signal },
    );
    setTimeout(() => caller.abort(), 20);
    await expect(failure).rejects.toBeInstanceOf(AbortError);
  });

  describe('the global fetch, called with a URL', () => {
    // What the client hands the transport without middleware: a URL, not a Request.
    const outgoing = (init: RequestInit = {}) => ({ url: 'https://api.example.com/things/1', method: 'GET', headers: new Headers(), body: null, init });

    function direct(timeoutMs: number) {
      const inits: RequestInit[] = [];
      const cfg = config(() => Promise.reject(new Error('not called')), timeoutMs);
      cfg.direct = (_url, init) => {
        inits.push(init);
        return Promise.resolve(new Response('{}', { status: 200 }));
      };
      return { cfg, inits };
    }

    it('gives it a signal when a timeout or the caller can end the attempt', async () => {
      const timed = direct(60_000);
      await sendWithRetries(timed.cfg, outgoing(), { security });
      expect(timed.inits[0]?.signal).toBeInstanceOf(AbortSignal);
      const endless = direct(Infinity);
      const caller = new AbortController();
      await sendWithRetries(endless.cfg, outgoing({ signal: caller.signal }), { security, signal: caller.signal });
      expect(endless.inits[0]?.signal).toBeInstanceOf(AbortSignal);
      expect(endless.inits[0]?.signal).not.toBe(caller.signal);
    });

    it('gives it no signal when nothing could fire one', async () => {
      const endless = direct(Infinity);
      expect((await sendWithRetries(endless.cfg, outgoing(), { security })).status).toBe(200);
      expect(endless.inits[0]).not.toHaveProperty('signal');
      expect(endless.inits[0]?.headers).toBeInstanceOf(Headers);
    });
  });

  describe('timeouts beyond what setTimeout takes', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    // A fetch that answers only when its signal has not fired by the time the test lets it.
    function pending() {
      let signal: AbortSignal | undefined;
      let answer: (() => void) | undefined;
      const fetch = (_req: Request, init?: RequestInit) =>
        new Promise<Response>((resolve, reject) => {
          signal = init?.signal ?? undefined;
          signal?.addEventListener('abort', () => reject(signal?.reason as Error));
          answer = () => resolve(new Response(null, { status: 204 }));
        });
      return { fetch, aborted: () => signal?.aborted, answer: () => answer?.() };
    }

    it('sets no timer for Infinity', async () => {
      vi.useFakeTimers();
      const p = pending();
      const sent = sendWithRetries(config(p.fetch, Infinity), request(), { security });
      await vi.advanceTimersByTimeAsync(10 * 365 * 86_400_000);
      expect(p.aborted()).toBe(false);
      expect(vi.getTimerCount()).toBe(0);
      p.answer();
      expect((await sent).status).toBe(204);
    });

    it('waits the whole of a timeout past 2^31-1 ms, then times out', async () => {
      vi.useFakeTimers();
      const p = pending();
      const sent = sendWithRetries(config(p.fetch, 2 ** 31 + 5000), request(), { security });
      const failure = sent.then(
        () => undefined,
        (e: unknown) => e,
      );
      await vi.advanceTimersByTimeAsync(2 ** 31 + 4000);
      expect(p.aborted()).toBe(false);
      await vi.advanceTimersByTimeAsync(1000);
      expect(p.aborted()).toBe(true);
      expect(await failure).toBeInstanceOf(TimeoutError);
    });
  });

  it('resends a body on every attempt', async () => {
    const bodies: string[] = [];
    const cfg = config(async (req) => {
      bodies.push(await req.text());
      return new Response(null, { status: bodies.length < 3 ? 503 : 204 });
    });
    cfg.retry = { ...DEFAULT_RETRY, maxRetries: 2 };
    const response = await sendWithRetries(cfg, new Request('https://api.example.com/things/1', { method: 'PUT', body: '{"name":"x"}' }), { security });
    expect(response.status).toBe(204);
    expect(bodies).toEqual(['{"name":"x"}', '{"name":"x"}', '{"name":"x"}']);
  });
});

describe('BufferedResponse', () => {
  const source = () => new Response('ignored', { status: 201, statusText: 'Created', headers: { 'content-type': 'application/json', 'x-request-id': 'r1' } });
  const bytes = new TextEncoder().encode('{"ok":true,"name":"Zoë"}').buffer;

  it('is a Response with the status and headers received, read once', async () => {
    const r = new BufferedResponse(source(), bytes);
    expect(r).toBeInstanceOf(Response);
    expect([r.status, r.statusText, r.ok, r.headers.get('x-request-id')]).toEqual([201, 'Created', true, 'r1']);
    expect(r.bodyUsed).toBe(false);
    expect(await r.json()).toEqual({ ok: true, name: 'Zoë' });
    expect(r.bodyUsed).toBe(true);
    await expect(r.text()).rejects.toBeInstanceOf(TypeError);
    expect(() => r.clone()).toThrow(TypeError);
  });

  it('reads as text, bytes, a blob, a stream, and through clones', async () => {
    const r = new BufferedResponse(source(), bytes);
    const [a, b, c] = [r.clone(), r.clone(), r.clone()];
    expect(await a.text()).toBe('{"ok":true,"name":"Zoë"}');
    expect(new Uint8Array(await b.arrayBuffer())).toEqual(new Uint8Array(bytes));
    const blob = await c.blob();
    expect([blob.type, blob.size]).toEqual(['application/json', bytes.byteLength]);
    expect(await new Response(r.body).text()).toBe('{"ok":true,"name":"Zoë"}');
    expect(r.bodyUsed).toBe(true);
  });

  it('rejects JSON that does not parse with a SyntaxError, as Response.json does', async () => {
    const r = new BufferedResponse(source(), new TextEncoder().encode('{"items": [').buffer);
    await expect(r.json()).rejects.toBeInstanceOf(SyntaxError);
  });

  it('has no body for a 204', () => {
    expect(new BufferedResponse(new Response(null, { status: 204 }), new ArrayBuffer(0)).body).toBeNull();
  });
});
