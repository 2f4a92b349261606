/** A real npm registry (Verdaccio) on a free loopback port, with its own storage and user. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, startNodeProcess } from './process.js';

const VERDACCIO = path.resolve(import.meta.dirname, '../../node_modules/verdaccio/bin/verdaccio');

/** A running registry and the npm user config that publishes to it. */
export interface Registry {
  url: string;
  /** An npmrc with the registry and the user's token; pass it as NPM_CONFIG_USERCONFIG. */
  userconfig: string;
  stop: () => Promise<void>;
}

/** Starts Verdaccio with storage under `dir`, no uplinks (nothing leaves the machine), and one user. */
export async function startRegistry(dir: string): Promise<Registry> {
  const port = await freePort();
  const config = path.join(dir, 'verdaccio.yaml');
  await writeFile(
    config,
    [
      `storage: ${JSON.stringify(path.join(dir, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
      '    max_users: 10',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: info }',
    ].join('\n'),
  );
  const stop = await startNodeProcess('Verdaccio', VERDACCIO, ['--config', config, '--listen', `127.0.0.1:${port}`], 'http address');
  const url = `http://127.0.0.1:${port}`;
  try {
    const res = await fetch(`${url}/-/user/org.couchdb.user:publisher`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'publisher', password: 'publisher-password', email: 'publisher@example.com', type: 'user' }),
    });
    const { token } = (await res.json()) as { token?: string };
    if (!res.ok || !token) throw new Error(`could not create the registry user: ${res.status}`);
    const userconfig = path.join(dir, 'npmrc');
    await writeFile(userconfig, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, userconfig, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
