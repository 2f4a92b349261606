/**
 * The plumbing the vendor emulators share: a node:http server on a free loopback port, a small
 * (method, path pattern) router, JSON request parsing and JSON replies. Vendor rules (auth, error
 * bodies, validation) live in each emulator; this file knows nothing about any vendor.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a route handler sees it. */
export interface EmulatorRequest {
  method: string;
  /** The decoded path, without the query. */
  path: string;
  /** Path parameters by name, decoded. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined when the request had no body. */
  body: unknown;
  /** `http://host:port` as the client addressed the server, for building absolute links. */
  origin: string;
}

/** What a handler answers; a body, when given, is sent as JSON. */
export interface EmulatorReply {
  status: number;
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
}

/** One route: `pattern` is a path whose `{name}` segments capture parameters. */
export interface Route {
  method: string;
  pattern: string;
  handle: (req: EmulatorRequest) => EmulatorReply;
}

/** How a vendor answers the cases the router decides before any route runs. */
export interface EmulatorConfig {
  routes: readonly Route[];
  /** Checks credentials; a reply rejects the request, undefined lets it through. */
  authenticate: (req: EmulatorRequest) => EmulatorReply | undefined;
  /** The vendor's answer to a body that is not valid JSON. */
  invalidJson: (req: EmulatorRequest) => EmulatorReply;
  /** The vendor's answer to a path no route serves. */
  notFound: (req: EmulatorRequest) => EmulatorReply;
}

/** A request the server received, kept so tests can count calls. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
}

/** A running emulator server. */
export interface EmulatorServer {
  url: string;
  /** Every request received, in order. */
  requests: LoggedRequest[];
  close: () => Promise<void>;
}

/** Narrows an unknown JSON value to a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i] ?? '';
    if (segment.startsWith('{') && segment.endsWith('}')) {
      if (actual === '') return undefined;
      try {
        params[segment.slice(1, -1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: EmulatorReply): void {
  const hasBody = reply.body !== undefined && reply.status !== 204;
  res.writeHead(reply.status, { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...reply.headers });
  res.end(hasBody ? JSON.stringify(reply.body) : undefined);
}

async function dispatch(config: EmulatorConfig, log: LoggedRequest[], req: IncomingMessage): Promise<EmulatorReply> {
  const raw = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const method = req.method ?? 'GET';
  log.push({ method, path: url.pathname, query: url.search });
  const request: EmulatorRequest = {
    method,
    path: url.pathname,
    params: {},
    query: url.searchParams,
    headers: req.headers,
    body: undefined,
    origin: `http://${req.headers.host ?? 'localhost'}`,
  };
  // Real servers authenticate before they route, so a bad key never learns which paths exist.
  const rejected = config.authenticate(request);
  if (rejected) return rejected;
  for (const route of config.routes) {
    const params = route.method === method ? match(route.pattern, url.pathname) : undefined;
    if (!params) continue;
    let body: unknown;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        return config.invalidJson(request);
      }
    }
    return route.handle({ ...request, params, body });
  }
  return config.notFound(request);
}

/** Starts an emulator on a free 127.0.0.1 port. A handler that throws answers 500 with the message, so a test sees the fault. */
export async function startEmulatorServer(config: EmulatorConfig): Promise<EmulatorServer> {
  const requests: LoggedRequest[] = [];
  const server = createServer((req, res) => {
    dispatch(config, requests, req).then(
      (reply) => send(res, reply),
      (err: unknown) => send(res, { status: 500, body: { message: err instanceof Error ? err.message : String(err) } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets from fetch would otherwise hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
