/**
 * A loopback reverse proxy that makes a server reachable from a web page on another origin: it
 * answers CORS preflights itself and adds the CORS headers a browser needs to every forwarded
 * response, as an API that serves browsers does. The server behind it stays unaware of browsers.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running proxy. */
export interface CorsProxy {
  url: string;
  /** Preflight requests answered, by the method they asked for. */
  preflights: string[];
  close: () => Promise<void>;
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-expose-headers': '*',
    vary: 'Origin',
  };
}

function preflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(204, {
    ...corsHeaders(req),
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
    'access-control-max-age': '0',
  });
  res.end();
}

/** Starts a proxy on a free 127.0.0.1 port in front of `target` (an `http://host:port` origin). */
export async function startCorsProxy(target: string): Promise<CorsProxy> {
  const upstream = new URL(target);
  const preflights: string[] = [];
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      preflights.push(req.headers['access-control-request-method']);
      preflight(req, res);
      return;
    }
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...corsHeaders(req) });
        answer.pipe(res);
      },
    );
    forwarded.on('error', (err) => {
      res.writeHead(502, corsHeaders(req));
      res.end(err.message);
    });
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    preflights,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
