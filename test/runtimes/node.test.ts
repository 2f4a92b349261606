/**
 * The built LaunchDarkly package in Node as users load it: `import` from an ES module, `require()`
 * from a CommonJS project (Node 20.19 and later load ES modules that way), and a CommonJS TypeScript
 * project under each `module` setting the package README names, compiled and run. All against the
 * emulator on loopback.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLaunchDarklyEmulator, type LaunchDarklyEmulator } from '../emulators/launchdarkly.js';
import { installBuiltPackage, type InstalledProject } from '../helpers/installed-package.js';
import { commonJsEntry, esmEntry, SCENARIO_API_KEY, SCENARIO_RESULT, SEEDED_NAMES } from '../helpers/runtime-scenario.js';
import { typecheck } from '../helpers/tsc.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const TSC = path.join(root, 'node_modules/typescript/bin/tsc');

let project: InstalledProject;
let emulator: LaunchDarklyEmulator;
beforeAll(async () => {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) throw new Error(`Node ${process.versions.node} cannot require() ES modules: install Node 20.19 or newer`);
  project = await installBuiltPackage('launchdarkly', 'tokenkit-node-');
  await mkdir(path.join(project.dir, 'cjs'));
  await writeFile(path.join(project.dir, 'cjs/package.json'), JSON.stringify({ name: 'cjs-consumer', private: true, type: 'commonjs' }));
}, 60_000);
afterAll(async () => {
  await rm(project.dir, { recursive: true, force: true });
});

async function withEmulator<T>(body: (url: string) => Promise<T>): Promise<T> {
  emulator = await startLaunchDarklyEmulator({ apiKey: SCENARIO_API_KEY });
  emulator.seed(SEEDED_NAMES.length, 'seed');
  try {
    return await body(emulator.url);
  } finally {
    await emulator.close();
  }
}

async function node(file: string, url: string): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [file, url], { cwd: path.dirname(file) });
}

it('runs from an ES module that imports the package', async () => {
  const file = path.join(project.dir, 'esm.mjs');
  await writeFile(file, esmEntry(project.packageName));
  const { stdout, stderr } = await withEmulator((url) => node(file, url));
  expect(stderr).toBe('');
  expect(JSON.parse(stdout)).toEqual(SCENARIO_RESULT);
});

it('runs from a CommonJS script that require()s the package', async () => {
  const file = path.join(project.dir, 'cjs/main.js');
  await writeFile(file, commonJsEntry(project.packageName));
  const { stdout, stderr } = await withEmulator((url) => node(file, url));
  // Node 20 flags require() of an ES module as experimental; nothing else may be printed.
  expect(stderr.replace(/^.*ExperimentalWarning: .*require\(\).*\n|^\(Use `node --trace-warnings .*\n/gm, '')).toBe('');
  expect(JSON.parse(stdout)).toEqual(SCENARIO_RESULT);
});

const REQUIRE_CONSUMER = `import { LaunchDarklyClient, NotFoundError, type Token } from '@tokenkit/launchdarkly';

async function main(baseUrl: string): Promise<string> {
  const client = new LaunchDarklyClient({ baseUrl, apiKey: ${JSON.stringify(SCENARIO_API_KEY)} });
  const created: Token = await client.accessTokens.postToken({ body: { name: 'ci', role: 'reader' } });
  try {
    await client.accessTokens.getToken({ id: 'f'.repeat(24) });
  } catch (err) {
    if (err instanceof NotFoundError) return \`\${created.role ?? ''} \${err.status}\`;
  }
  return 'no 404';
}
main(process.argv[2] ?? '').then((r) => console.log(r), (e: unknown) => { console.error(e); process.exitCode = 1; });
`;

const DYNAMIC_IMPORT_CONSUMER = `async function main(baseUrl: string): Promise<string> {
  const { LaunchDarklyClient } = await import('@tokenkit/launchdarkly');
  const client = new LaunchDarklyClient({ baseUrl, apiKey: ${JSON.stringify(SCENARIO_API_KEY)} });
  const created = await client.accessTokens.postToken({ body: { name: 'ci', role: 'reader' } });
  return created.role ?? '';
}
main(process.argv[2] ?? '').then((r) => console.log(r), (e: unknown) => { console.error(e); process.exitCode = 1; });
`;

/** Writes a CommonJS TypeScript consumer and its tsconfig under cjs/; returns the tsconfig path. */
async function cjsProject(name: string, source: string, module: string): Promise<string> {
  const dir = path.join(project.dir, 'cjs', name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'consumer.ts'), source);
  const compilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    // The package's declarations are checked under node16 and bundler by the publish test.
    skipLibCheck: true,
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    module,
    outDir: 'out',
    types: ['node'],
    typeRoots: [path.join(root, 'node_modules/@types')],
  };
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
  return path.join(dir, 'tsconfig.json');
}

it('type-checks, compiles to require() and runs a CommonJS TypeScript consumer under module nodenext and node20', async () => {
  const [nodenext, node20] = await Promise.all([cjsProject('nodenext', REQUIRE_CONSUMER, 'nodenext'), cjsProject('node20', REQUIRE_CONSUMER, 'node20')]);
  const [checked] = await Promise.all([typecheck(node20), run(process.execPath, [TSC, '-p', nodenext, '--pretty', 'false'])]);
  expect(checked).toBe('');
  const compiled = path.join(path.dirname(nodenext), 'out/consumer.js');
  expect(await readFile(compiled, 'utf8')).toContain('require("@tokenkit/launchdarkly")');
  const { stdout } = await withEmulator((url) => node(compiled, url));
  expect(stdout.trim()).toBe('reader 404');
});

it('under module node16 a CommonJS consumer needs import(): a static import is TS1479, await import() compiles and runs', async () => {
  const [staticImport, dynamicImport] = await Promise.all([
    cjsProject('node16-static', REQUIRE_CONSUMER, 'node16'),
    cjsProject('node16-dynamic', DYNAMIC_IMPORT_CONSUMER, 'node16'),
  ]);
  const [refused] = await Promise.all([typecheck(staticImport), run(process.execPath, [TSC, '-p', dynamicImport, '--pretty', 'false'])]);
  expect(refused).toContain('error TS1479');
  const { stdout } = await withEmulator((url) => node(path.join(path.dirname(dynamicImport), 'out/consumer.js'), url));
  expect(stdout.trim()).toBe('reader');
});
