/** A real HTTP server on 127.0.0.1 that records each request and answers from a handler. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server saw it. */
export interface Recorded {
  method: string;
  /** Path and query exactly as sent, still percent-encoded. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body's bytes exactly as received. */
  bytes: Buffer;
}

/** What the handler answers. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as-is instead of JSON. */
  raw?: string;
}

/** A running server. */
export interface LoopbackServer {
  url: string;
  requests: Recorded[];
  close: () => Promise<void>;
}

/** Starts a server on a free loopback port. */
export async function startServer(handler: (req: Recorded) => Reply | Promise<Reply>): Promise<LoopbackServer> {
  const requests: Recorded[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const recorded: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: bytes.toString('utf8'), bytes };
      requests.push(recorded);
      void Promise.resolve(handler(recorded)).then((reply) => {
        const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
        const type = reply.raw === undefined && reply.body !== undefined ? { 'content-type': 'application/json' } : {};
        res.writeHead(reply.status, { ...type, ...reply.headers });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
