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
