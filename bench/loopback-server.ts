/**
 * The loopback server of the end-to-end runtime benchmark: answers every request on 127.0.0.1 with
 * the same small JSON access token, keeping connections alive. It prints its port as one JSON line,
 * and stops on SIGTERM, or by itself after --lifetime seconds so it can never outlive the bench.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import { TOKEN_JSON } from './runtime-fixture.js';

const { values } = parseArgs({ options: { lifetime: { type: 'string', default: '1200' } } });
const lifetimeMs = Number(values.lifetime) * 1000;

const body = Buffer.from(TOKEN_JSON);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});

const stop = (): void => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
setTimeout(stop, lifetimeMs);
