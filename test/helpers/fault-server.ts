/**
 * A loopback server whose every answer is scripted: the nth request gets the nth fault. Faults work
 * at the socket level where a real proxy or a sick server would (resets, trickled bodies).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. */
export type Fault = (req: IncomingMessage, res: ServerResponse) => void;

/** A running fault server. */
export interface FaultServer {
  url: string;
  /** Requests received so far, as `METHOD path`. */
  hits: string[];
  /** Replaces the script; the last fault repeats once the script runs out. */
  script: (...faults: Fault[]) => void;
  close: () => Promise<void>;
}

/** Starts a fault server on a free 127.0.0.1 port. */
export async function startFaultServer(): Promise<FaultServer> {
  let faults: Fault[] = [];
  const hits: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const fault = faults[Math.min(hits.length, faults.length - 1)];
      hits.push(`${req.method ?? ''} ${req.url ?? ''}`);
      if (fault) fault(req, res);
      else res.writeHead(500).end();
    });
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    script: (...next) => {
      faults = next;
      hits.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A JSON answer. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Fault =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

/** A raw answer with the given content type. */
export const raw =
  (status: number, text: string, type = 'text/html'): Fault =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': type }).end(text);
  };

/** Headers, part of a body, then a reset connection. */
export const resetMidBody: Fault = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
  res.write('{"items": [');
  setTimeout(() => res.socket?.destroy(), 10);
};

/** Headers only after `ms`. */
export const slowHeaders =
  (ms: number): Fault =>
  (_req, res) => {
    const t = setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), ms);
    res.on('close', () => clearTimeout(t));
  };

/** Headers at once, the end of the body only after `ms`. */
export const slowBody =
  (ms: number): Fault =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"items":');
    const t = setTimeout(() => res.end('[]}'), ms);
    res.on('close', () => clearTimeout(t));
  };

/** A body written until the client goes away; `sent()` is how many bytes the server managed to write. */
export function endlessBody(type = 'application/json'): { fault: Fault; sent: () => number } {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const fault: Fault = (_req, res) => {
    res.writeHead(200, { 'content-type': type });
    const pump = (): void => {
      // Write while the socket takes it; wait for it to drain, so only what the client reads is sent.
      while (!res.destroyed && res.write(chunk)) sent += chunk.length;
      if (!res.destroyed) {
        sent += chunk.length;
        res.once('drain', pump);
      }
    };
    pump();
  };
  return { fault, sent: () => sent };
}

/** A body of `bytes` bytes with its Content-Length, written as the client reads it. */
export const sizedBody =
  (status: number, bytes: number, type = 'application/json'): Fault =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': type, 'content-length': String(bytes) });
    const chunk = Buffer.alloc(64 * 1024, 'y');
    let left = bytes;
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        const part = chunk.subarray(0, Math.min(left, chunk.length));
        left -= part.length;
        if (!res.write(part)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };

/** An already compressed body, sent with its Content-Encoding. */
export const encodedBody =
  (encoding: string, compressed: Buffer, type = 'application/json'): Fault =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-encoding': encoding, 'content-length': String(compressed.length) });
    res.end(compressed);
  };
