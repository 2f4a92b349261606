/**
 * Publishing as users do it: build, lint the packages (publint, arethetypeswrong), publish them to a
 * real registry (Verdaccio on loopback), install them into a fresh project, type-check a consumer
 * under node16 and bundler resolution, and run it against the vendor emulators. The registry is
 * stopped and its storage removed whatever happens.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../generator/commands/build.js';
import { startIonosEmulator } from './emulators/ionos.js';
import { startLaunchDarklyEmulator } from './emulators/launchdarkly.js';
import { startQuayEmulator } from './emulators/quay.js';
import { typecheck } from './helpers/tsc.js';
import { startRegistry, type Registry } from './helpers/verdaccio.js';
import { sh } from './helpers/sh.js';

const root = path.resolve(import.meta.dirname, '..');
const BIN = path.join(root, 'bin/tokenkit.js');
const PACKAGES = ['ionos-container-registry', 'launchdarkly', 'quay'];
/** `@tokenkit/<name>@<version>` as the package on disk is versioned now. */
const id = (name: string): string =>
  `@tokenkit/${name}@${(JSON.parse(readFileSync(path.join(root, 'generated', name, 'package.json'), 'utf8')) as { version: string }).version}`;

const manifestPath = (name: string) => path.join(root, 'generated', name, '.tokenkit.json');
/** A publish records the release in each manifest; the committed tree gets them back afterwards. */
const savedManifests = new Map(PACKAGES.map((name) => [name, readFileSync(manifestPath(name), 'utf8')]));

let tmp: string;
let registry: Registry | undefined;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-publish-'));
  await build({ root, log: () => undefined });
}, 120_000);
afterAll(async () => {
  await registry?.stop();
  await rm(tmp, { recursive: true, force: true });
  for (const [name, text] of savedManifests) await writeFile(manifestPath(name), text);
});

describe.each(PACKAGES)('generated/%s as a package', (name) => {
  const dir = path.join(root, 'generated', name);
  it('passes publint --strict', async () => {
    const r = await sh(process.execPath, [path.join(root, 'node_modules/publint/src/cli.js'), '--strict', dir], root);
    expect(r.stdout + r.stderr).toContain('All good!');
    expect(r.code).toBe(0);
  });
  it('passes arethetypeswrong (esm-only profile)', async () => {
    const r = await sh(
      process.execPath,
      [path.join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'), '--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped'],
      root,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('through a real registry', () => {
  it('publishes, refuses a second publish, installs and runs in a fresh project', async () => {
    registry = await startRegistry(tmp);
    const env = { NPM_CONFIG_USERCONFIG: registry.userconfig, npm_config_cache: path.join(tmp, 'npm-cache') };

    // The registry has no uplink, so the packages' one runtime dependency is published to it too.
    for (const dep of ['openapi-typescript-helpers', 'openapi-fetch']) {
      const packed = await sh('npm', ['pack', path.join(root, 'node_modules', dep), '--pack-destination', tmp, '--json', '--ignore-scripts'], tmp, env);
      const [info] = JSON.parse(packed.stdout) as { filename: string }[];
      expect((await sh('npm', ['publish', path.join(tmp, info?.filename ?? ''), '--ignore-scripts'], tmp, env)).code).toBe(0);
    }

    const dry = await sh(process.execPath, [BIN, 'publish', '--registry', registry.url, '--dry-run'], root, env);
    expect(dry.code).toBe(0);
    // The registry reported is the one npm resolved, not the flag echoed back.
    expect(dry.stdout).toContain(`would publish ${id('quay')} to ${registry.url}/  `);
    expect(dry.stdout).toMatch(/would publish @tokenkit\/quay@[\d.]+ to http:\/\/127\.0\.0\.1:\d+\/ {2}\d+ files, [\d.]+ KiB packed/);
    expect(dry.stdout).toMatch(/ {2}dist\/index\.d\.ts {2}[\d.]+ KiB/);

    // A package that does not compile (an edit of the user's here) is refused; the others are still tried.
    const client = path.join(root, 'generated/ionos-container-registry/src/client.ts');
    const original = readFileSync(client, 'utf8');
    let broken: Awaited<ReturnType<typeof sh>>;
    try {
      await writeFile(client, `${original}\nexport const broken: number = 'not a number';\n`);
      broken = await sh(process.execPath, [BIN, 'publish', '--registry', registry.url, '--dry-run'], root, env);
    } finally {
      await writeFile(client, original);
    }
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("error TS2322: Type 'string' is not assignable to type 'number'");
    expect(broken.stderr).toContain(`refused  ${id('ionos-container-registry')}: it does not compile`);
    for (const name of ['launchdarkly', 'quay']) expect(broken.stdout).toContain(`would publish ${id(name)} to ${registry.url}/`);
    expect(broken.stdout).toContain('would publish 2, refused 1');

    // Without a login, each package is refused with the fix, none is published, and none stops the others.
    const anonymous = path.join(tmp, 'anonymous-npmrc');
    await writeFile(anonymous, `registry=${registry.url}/\n`);
    const noAuth = await sh(process.execPath, [BIN, 'publish', '--registry', registry.url], root, { ...env, NPM_CONFIG_USERCONFIG: anonymous });
    expect(noAuth.code).toBe(1);
    for (const name of PACKAGES)
      expect(noAuth.stderr).toContain(`refused  ${id(name)}: not logged in to ${registry.url}/: run \`npm login --registry ${registry.url}/\``);
    expect(noAuth.stderr).not.toContain('internal error');

    const first = await sh(process.execPath, [BIN, 'publish', '--registry', registry.url], root, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const name of PACKAGES) expect(first.stdout).toContain(`published ${id(name)}`);
    // Each published version is recorded as the release later bumps count from.
    for (const name of PACKAGES) {
      const manifest = JSON.parse(readFileSync(manifestPath(name), 'utf8')) as { version: string; released: { version: string } };
      expect(manifest.released.version, name).toBe(manifest.version);
    }

    const second = await sh(process.execPath, [BIN, 'publish', '--registry', registry.url], root, env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`refused  ${id('quay')}: this version is already on ${registry.url}/; run \`tokenkit version quay patch\``);
    const npmAgain = await sh('npm', ['publish', '--ignore-scripts'], path.join(root, 'generated/quay'), env);
    expect(npmAgain.code).not.toBe(0);
    expect(npmAgain.stderr).toMatch(/previously published|EPUBLISHCONFLICT|E409|E403/);

    const consumer = path.join(tmp, 'consumer');
    await mkdir(consumer);
    await writeFile(
      path.join(consumer, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(PACKAGES.map((n) => [`@tokenkit/${n}`, id(n).slice(`@tokenkit/${n}@`.length)])),
      }),
    );
    const install = await sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], consumer, env);
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.code).toBe(0);
    await writeFile(path.join(consumer, 'consumer.ts'), CONSUMER);
    // A Node program: Node's types come from this project, the registry has only what was published.
    const base = {
      strict: true,
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      skipLibCheck: false,
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules/@types')],
    };
    await writeFile(
      path.join(consumer, 'tsconfig.node16.json'),
      JSON.stringify({ compilerOptions: { ...base, module: 'node16', moduleResolution: 'node16', outDir: 'out' }, files: ['consumer.ts'] }),
    );
    await writeFile(
      path.join(consumer, 'tsconfig.bundler.json'),
      JSON.stringify({ compilerOptions: { ...base, module: 'esnext', moduleResolution: 'bundler', noEmit: true }, files: ['consumer.ts'] }),
    );
    expect(await typecheck(path.join(consumer, 'tsconfig.bundler.json'))).toBe('');
    expect(await typecheck(path.join(consumer, 'tsconfig.node16.json'))).toBe('');
    const compiled = await sh(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.node16.json'], consumer);
    expect(compiled.code).toBe(0);

    const ionos = await startIonosEmulator({ username: 'u', password: 'p', bearerToken: 't' });
    const quay = await startQuayEmulator({ accessToken: 'q' });
    const ld = await startLaunchDarklyEmulator({ apiKey: 'api-root' });
    try {
      const ran = await sh(process.execPath, ['out/consumer.js'], consumer, { IONOS_URL: ionos.url, QUAY_URL: quay.url, LD_URL: ld.url });
      expect(ran.stderr).toBe('');
      expect(JSON.parse(ran.stdout)).toEqual({ ionos: 'ci-push', quay: 'CI', launchdarkly: 'reader', notFound: 'NotFoundError' });
    } finally {
      await Promise.all([ionos.close(), quay.close(), ld.close()]);
    }
  }, 300_000);
});

const CONSUMER = `
import { IonosContainerRegistryClient } from '@tokenkit/ionos-container-registry';
import { LaunchDarklyClient, NotFoundError, type Token } from '@tokenkit/launchdarkly';
import { QuayClient } from '@tokenkit/quay';

const env = (name: string): string => process.env[name] ?? '';
const ionos = new IonosContainerRegistryClient({ baseUrl: env('IONOS_URL'), username: 'u', password: 'p' });
const quay = new QuayClient({ baseUrl: env('QUAY_URL'), accessToken: 'q' });
const ld = new LaunchDarklyClient({ baseUrl: env('LD_URL'), apiKey: 'api-root' });

const registryId = '9d5a1c2e-7f40-4b8a-a3d1-5c6e7f809a1b';
const created = await ionos.tokens.registriesTokensPost({ registryId, body: { properties: { name: 'ci-push' } } });
const { token } = await quay.appSpecificTokens.createAppToken({ body: { title: 'CI' } });
const ldToken: Token = await ld.accessTokens.postToken({ body: { name: 'ci', role: 'reader' } });
let notFound = '';
try {
  await ld.accessTokens.getToken({ id: 'f'.repeat(24) });
} catch (err) {
  if (err instanceof NotFoundError) notFound = err.name;
}
console.log(JSON.stringify({ ionos: created.properties.name, quay: token.title, launchdarkly: ldToken.role, notFound }));
`;
