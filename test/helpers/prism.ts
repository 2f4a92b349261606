/** Starts Prism (the independent OpenAPI validator) on a free loopback port, and stops it. */
import path from 'node:path';
import { freePort, startNodeProcess } from './process.js';

const PRISM = path.resolve(import.meta.dirname, '../../node_modules/@stoplight/prism-cli/dist/index.js');

/** A running Prism. */
export interface Prism {
  url: string;
  stop: () => Promise<void>;
}

/**
 * `prism mock SPEC --errors` (or `prism proxy SPEC UPSTREAM --errors`): requests and responses are
 * validated against the spec, and any violation turns into an error response.
 */
export async function startPrism(spec: string, upstream?: string): Promise<Prism> {
  const port = await freePort();
  const args = [...(upstream ? ['proxy', spec, upstream] : ['mock', spec]), '--errors', '--host', '127.0.0.1', '--port', String(port)];
  const stop = await startNodeProcess('Prism', PRISM, args, 'Prism is listening', { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' });
  return { url: `http://127.0.0.1:${port}`, stop };
}
