/** Starts Prism (the independent OpenAPI validator) on a free loopback port, and stops it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const PRISM = path.resolve(import.meta.dirname, '../../node_modules/@stoplight/prism-cli/dist/index.js');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

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
  const args = upstream ? ['proxy', spec, upstream] : ['mock', spec];
  const child: ChildProcess = spawn(process.execPath, [PRISM, ...args, '--errors', '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
