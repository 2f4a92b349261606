/**
 * A project whose package.json names a shared runtime package (`tokenkit.runtimePackage`), from
 * generation to an application, as a user runs it: generate writes the runtime package beside the
 * clients, which import it instead of carrying a copy; npm workspaces link it; build compiles it
 * first; publish puts it on a real registry (Verdaccio on loopback) before the clients; an
 * application that installs two clients gets one runtime, whose error classes hold for both, and
 * bundles it once.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLaunchDarklyEmulator } from './emulators/launchdarkly.js';
import { startQuayEmulator } from './emulators/quay.js';
import { typecheck } from './helpers/tsc.js';
import { startRegistry, type Registry } from './helpers/verdaccio.js';
import { sh } from './helpers/sh.js';
import { bundleSource } from './helpers/bundle.js';

const root = path.resolve(import.meta.dirname, '..');
const BIN = path.join(root, 'bin/tokenkit.js');
/** Not tokenkit's own scope: the name is the project's choice. */
const RUNTIME = '@acme/api-runtime';
const CLIENTS = ['launchdarkly', 'quay'];

const tokenkit = (args: string[], cwd: string, env: Record<string, string> = {}) => sh(process.execPath, [BIN, ...args], cwd, env);
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

let tmp: string;
let project: string;
let registry: Registry | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-shared-runtime-'));
  project = path.join(tmp, 'project');
  await mkdir(path.join(project, 'specs'), { recursive: true });
  for (const name of CLIENTS) await cp(path.join(root, 'specs', `${name}.yaml`), path.join(project, 'specs', `${name}.yaml`));
  await writeFile(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'acme-clients', private: true, workspaces: ['generated/*'], tokenkit: { runtimePackage: RUNTIME } }, null, 2),
  );
  registry = await startRegistry(tmp);
  env = { NPM_CONFIG_USERCONFIG: registry.userconfig, npm_config_cache: path.join(tmp, 'npm-cache') };
  // The registry has no uplink: the runtime's one dependency (and the one it brings) is published to
  // it, and TypeScript, which npm resolves for the workspaces' tree though it installs no dev dependency.
  for (const dep of ['openapi-typescript-helpers', 'openapi-fetch', 'typescript']) {
    const packed = await sh('npm', ['pack', path.join(root, 'node_modules', dep), '--pack-destination', tmp, '--json', '--ignore-scripts'], tmp, env);
    const [info] = JSON.parse(packed.stdout) as { filename: string }[];
    expect((await sh('npm', ['publish', path.join(tmp, info?.filename ?? ''), '--ignore-scripts'], tmp, env)).code).toBe(0);
  }
}, 120_000);

afterAll(async () => {
  await registry?.stop();
  await rm(tmp, { recursive: true, force: true });
});

describe('a project on a shared runtime package', () => {
  it('generates the runtime package first, and clients that import it instead of a copy', async () => {
    const gen = await tokenkit(['generate'], project);
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);
    const lines = gen.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^wrote ${RUNTIME} {2}generated/runtime {2}\\d+ files`));
    expect(lines.slice(1).map((l) => l.split('  ')[0])).toEqual(['wrote @tokenkit/launchdarkly', 'wrote @tokenkit/quay']);

    const runtime = path.join(project, 'generated/runtime');
    const manifest = await readJson(path.join(runtime, 'package.json'));
    const { version: tokenkitVersion } = await readJson(path.join(root, 'package.json'));
    expect(manifest).toMatchObject({ name: RUNTIME, version: tokenkitVersion, type: 'module', sideEffects: false });
    // Every runtime module is in it, as a client would otherwise carry them.
    const sources = (await readdir(path.join(root, 'templates/runtime'))).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const held = await readdir(path.join(runtime, 'src'));
    expect(held.sort()).toEqual([...sources, 'index.ts'].sort());

    for (const name of CLIENTS) {
      const dir = path.join(project, 'generated', name);
      await expect(readdir(path.join(dir, 'src/runtime'))).rejects.toThrow(/ENOENT/);
      const deps = (await readJson(path.join(dir, 'package.json'))).dependencies as Record<string, string>;
      expect(deps[RUNTIME]).toBe(`~${String(tokenkitVersion)}`);
      const index = await readFile(path.join(dir, 'src/index.ts'), 'utf8');
      expect(index).toContain(`from '${RUNTIME}/errors.js'`);
      expect(index).not.toContain('./runtime/');
      expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toContain(`the package \`${RUNTIME}\`, shared by every client`);
    }

    const check = await tokenkit(['generate', '--check'], project);
    expect(check.stdout).toContain(`ok    ${RUNTIME}  generated/runtime`);
    expect(check.code).toBe(0);

    // A hand edit to the runtime is drift, like one to a client.
    const transport = path.join(runtime, 'src/transport.ts');
    const original = await readFile(transport, 'utf8');
    await writeFile(transport, `${original}// edited\n`);
    const drift = await tokenkit(['generate', '--check'], project);
    expect(drift.stdout).toContain('  edited    generated/runtime/src/transport.ts');
    await writeFile(transport, original);
  }, 120_000);

  it('writes no package over the runtime, whatever the spec and wherever it lives', async () => {
    const outside = path.join(tmp, 'elsewhere');
    await mkdir(outside, { recursive: true });
    await cp(path.join(root, 'specs', 'quay.yaml'), path.join(outside, 'runtime.yaml'));
    const before = await readFile(path.join(project, 'generated/runtime/package.json'), 'utf8');
    const named = await tokenkit(['generate', '--spec', path.join(outside, 'runtime.yaml')], project);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain("would be generated into generated/runtime, where the project's shared runtime package goes; rename the spec");
    const into = await tokenkit(['generate', '--spec', 'specs/quay.yaml', '--out', 'generated/runtime'], project);
    expect(into.code).toBe(2);
    expect(into.stderr).toContain('choose another --out');
    expect(await readFile(path.join(project, 'generated/runtime/package.json'), 'utf8')).toBe(before);
  }, 60_000);

  it('refuses to build the clients until the runtime is linked where they resolve it', async () => {
    const r = await tokenkit(['build'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`launchdarkly imports the shared runtime ${RUNTIME}, which node_modules does not hold; add "workspaces": ["generated/*"]`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('builds with npm workspaces, publishes the runtime before the clients, and an application gets one runtime', async () => {
    const install = await sh('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], project, env);
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.code, install.stdout + install.stderr).toBe(0);
    const built = await tokenkit(['build'], project);
    expect(built.stderr).toBe('');
    expect(
      built.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('  ')[0]),
    ).toEqual(['built generated/runtime', 'built generated/launchdarkly', 'built generated/quay']);

    const lint = await sh(process.execPath, [path.join(root, 'node_modules/publint/src/cli.js'), '--strict', path.join(project, 'generated/runtime')], root);
    expect(lint.stdout + lint.stderr).toContain('All good!');

    const published = await tokenkit(['publish', '--registry', registry?.url ?? ''], project, env);
    expect(published.stderr, published.stdout).toBe('');
    expect(published.code).toBe(0);
    // The runtime first, then the clients that name it.
    const order = [...published.stdout.matchAll(/^published (\S+)@[\d.]+ to /gm)].map((m) => m[1]);
    expect(order).toEqual([RUNTIME, '@tokenkit/launchdarkly', '@tokenkit/quay']);
    // The runtime's version is tokenkit's: on the registry already, it is no refusal.
    const again = await tokenkit(['publish', '--registry', registry?.url ?? '', '--dry-run'], project, env);
    expect(again.stdout).toMatch(new RegExp(`^${RUNTIME}@[\\d.]+ is already on `, 'm'));

    const app = path.join(tmp, 'app');
    await mkdir(app);
    await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    const added = await sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '@tokenkit/launchdarkly', '@tokenkit/quay', RUNTIME], app, env);
    expect(added.stderr).not.toMatch(/ERR!/);
    expect(added.code).toBe(0);
    // One copy, at the top: neither client nests its own.
    const copies = (await sh('npm', ['ls', RUNTIME, '--all', '--parseable'], app, env)).stdout.trim().split('\n');
    expect(copies).toEqual([path.join(app, 'node_modules', RUNTIME)]);

    await writeFile(path.join(app, 'app.ts'), APP);
    await writeFile(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          outDir: 'out',
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [path.join(root, 'node_modules/@types')],
        },
        files: ['app.ts'],
      }),
    );
    expect(await typecheck(path.join(app, 'tsconfig.json'))).toBe('');
    expect((await sh(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app)).code).toBe(0);

    const quay = await startQuayEmulator({ accessToken: 'q' });
    const ld = await startLaunchDarklyEmulator({ apiKey: 'api-root' });
    try {
      const ran = await sh(process.execPath, ['out/app.js'], app, { QUAY_URL: quay.url, LD_URL: ld.url });
      expect(ran.stderr).toBe('');
      // Both clients' 404s are the one runtime's NotFoundError, and each client re-exports that class.
      expect(JSON.parse(ran.stdout)).toEqual({ quay: true, launchdarkly: true, sameClass: true });
    } finally {
      await Promise.all([quay.close(), ld.close()]);
    }

    // A bundle of both clients holds the runtime once: a message of its buffered response appears a single time.
    const text = await bundleSource(BUNDLED, app);
    expect(text.split('Response.clone: the body has already been read').length - 1).toBe(1);
    const apart = await Promise.all(CLIENTS.map((name) => bundleSource(`export * from '@tokenkit/${name}';`, app)));
    const separate = apart.reduce((sum, code) => sum + code.length, 0);
    // Two clients bundled together are well under the two bundled apart, which each hold a runtime.
    expect(text.length).toBeLessThan(separate * 0.75);
  }, 300_000);

  it('publishes a release after the first from a tree with no build output, building the runtime that is on the registry', async () => {
    // A fresh checkout: no package's dist/ is committed, and the clients compile against the runtime's.
    for (const dir of ['runtime', ...CLIENTS]) await rm(path.join(project, 'generated', dir, 'dist'), { recursive: true, force: true });
    expect((await tokenkit(['version', 'launchdarkly', 'patch'], project)).code).toBe(0);
    const r = await tokenkit(['publish', '--registry', registry?.url ?? '', '--dry-run'], project, env);
    expect(r.stdout).toMatch(new RegExp(`^${RUNTIME}@[\\d.]+ is already on `, 'm'));
    expect(r.stdout).toMatch(/^would publish @tokenkit\/launchdarkly@0\.\d+\.\d+ to /m);
    // Quay's version is on the registry already: that refusal, and no other.
    expect(r.stderr).toContain('@tokenkit/quay@');
    expect(r.stderr).not.toMatch(/error TS|launchdarkly/);
  }, 120_000);

  it("refuses a runtime name whose version on the registry is another package's", async () => {
    const taken = '@acme/taken-runtime';
    const { version } = (await readJson(path.join(project, 'generated/runtime/package.json'))) as { version: string };
    const other = path.join(tmp, 'other');
    await mkdir(other);
    await writeFile(path.join(other, 'package.json'), JSON.stringify({ name: taken, version, main: 'index.js' }));
    await writeFile(path.join(other, 'index.js'), 'export {};\n');
    expect((await sh('npm', ['publish', '--ignore-scripts'], other, env)).code).toBe(0);

    const config = await readJson(path.join(project, 'package.json'));
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ ...config, tokenkit: { runtimePackage: taken } }, null, 2));
    expect((await tokenkit(['generate'], project)).code).toBe(0);
    expect((await sh('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], project, env)).code).toBe(0);
    const r = await tokenkit(['publish', '--registry', registry?.url ?? '', '--dry-run'], project, env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${taken}@${version}: `);
    expect(r.stderr).toContain('has this name and version with other contents');
    expect(r.stdout).not.toMatch(/would publish|already on/);
  }, 120_000);
});

const APP = `
import { LaunchDarklyClient, NotFoundError as LaunchDarklyNotFound } from '@tokenkit/launchdarkly';
import { QuayClient, NotFoundError as QuayNotFound } from '@tokenkit/quay';
import { NotFoundError } from '${RUNTIME}';

const quay = new QuayClient({ baseUrl: process.env.QUAY_URL ?? '', accessToken: 'q', maxRetries: 0 });
const ld = new LaunchDarklyClient({ baseUrl: process.env.LD_URL ?? '', apiKey: 'api-root', maxRetries: 0 });

async function notFound(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return false;
  } catch (err) {
    return err instanceof NotFoundError && err.status === 404;
  }
}

console.log(
  JSON.stringify({
    quay: await notFound(() => quay.appSpecificTokens.getAppToken({ token_uuid: 'missing' })),
    launchdarkly: await notFound(() => ld.accessTokens.getToken({ id: 'f'.repeat(24) })),
    sameClass: (QuayNotFound as unknown) === NotFoundError && (LaunchDarklyNotFound as unknown) === NotFoundError,
  }),
);
`;

const BUNDLED = `
import { LaunchDarklyClient } from '@tokenkit/launchdarkly';
import { QuayClient } from '@tokenkit/quay';
export const clients = [new LaunchDarklyClient({ apiKey: 'k' }), new QuayClient({ accessToken: 'q' })];
`;
