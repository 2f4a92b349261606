/**
 * Doc examples are programs users copy: one per vendor is run as written, in its own Node process,
 * against that vendor's emulator. Only the host is redirected (by a fetch preload), nothing else.
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { startIonosEmulator } from './emulators/ionos.js';
import { startLaunchDarklyEmulator } from './emulators/launchdarkly.js';
import { startQuayEmulator } from './emulators/quay.js';
import { codeBlocks, read } from './helpers/markdown.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
// Outside node_modules, where tsx applies tsconfig paths; .cache/ is ignored by git.
const scratch = path.join(root, '.cache', 'docs-run');
afterAll(() => rm(scratch, { recursive: true, force: true }));

const REDIRECT = `
const from = process.env.EXAMPLE_FROM;
const to = process.env.EXAMPLE_TO;
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const request = new Request(input, init);
  return realFetch(request.url.startsWith(from) ? new Request(to + request.url.slice(from.length), request) : request);
};
`;

/** Runs the Example block of `operation` from a doc page; returns stdout and stderr. */
async function runExample(pkg: string, doc: string, operation: string, env: Record<string, string>, from: string, to: string) {
  const text = await read(path.join(root, 'generated', pkg, 'docs', doc));
  const section = text.slice(text.indexOf(`\n## ${operation}\n`));
  const example = codeBlocks(doc, section).find((b) => b.lang === 'ts' && b.code.includes('import '));
  if (!example) throw new Error(`no example for ${operation} in ${doc}`);
  const dir = path.join(scratch, pkg);
  await mkdir(dir, { recursive: true });
  const name = (JSON.parse(await read(path.join(root, 'generated', pkg, 'package.json'))) as { name: string }).name;
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { paths: { [name]: [path.join(root, 'generated', pkg, 'src/index.ts')] } } }),
  );
  await writeFile(path.join(dir, 'redirect.mjs'), REDIRECT);
  await writeFile(path.join(dir, 'example.ts'), example.code);
  return run(process.execPath, ['--import', 'tsx', '--import', './redirect.mjs', 'example.ts'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', EXAMPLE_FROM: from, EXAMPLE_TO: to, ...env },
  });
}

it('the IONOS registriesTokensGet example lists tokens from the emulator', async () => {
  const emulator = await startIonosEmulator({ username: 'docs@example.com', password: 'pw', bearerToken: 'unused' });
  try {
    emulator.seed('9d5a1c2e-7f40-4b8a-a3d1-5c6e7f809a1b', 3);
    const { stdout, stderr } = await runExample(
      'ionos-container-registry',
      'TokensApi.md',
      'registriesTokensGet',
      { IONOS_USERNAME: 'docs@example.com', IONOS_PASSWORD: 'pw' },
      'https://api.ionos.com/containerregistries',
      emulator.url,
    );
    expect(stderr).toBe('');
    expect(stdout).toContain('total: 3');
  } finally {
    await emulator.close();
  }
});

it('the Quay createAppToken example creates a token on the emulator', async () => {
  const emulator = await startQuayEmulator({ accessToken: 'quay-oauth' });
  try {
    const { stdout, stderr } = await runExample(
      'quay',
      'AppSpecificTokensApi.md',
      'createAppToken',
      { QUAY_ACCESS_TOKEN: 'quay-oauth' },
      'https://quay.io',
      emulator.url,
    );
    expect(stderr).toBe('');
    expect(stdout).toContain('token_code');
  } finally {
    await emulator.close();
  }
});

it('the LaunchDarkly getToken example reports the typed 404 from the emulator', async () => {
  const emulator = await startLaunchDarklyEmulator({ apiKey: 'api-docs' });
  try {
    const { stdout, stderr } = await runExample(
      'launchdarkly',
      'AccessTokensApi.md',
      'getToken',
      { LAUNCHDARKLY_API_KEY: 'api-docs' },
      'https://app.launchdarkly.com',
      emulator.url,
    );
    expect(stdout).toBe('');
    expect(stderr).toContain('NotFoundError: 404');
  } finally {
    await emulator.close();
  }
});
