/**
 * Bundle size of a one-operation consumer: a module calling GitHub's `repos/get` once, bundled and
 * minified by esbuild (ESM, browser platform, ES2022), then gzipped at level 9. Builds are
 * deterministic, so each is made once. tokenkit and hey-api are imported as built packages (their
 * dist/ JavaScript), openapi-fetch as installed.
 */
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchConfig } from './config.js';
import { renderBundleEntry, renderStandaloneEntry, STYLE_LABELS, styleLinks, type ConsumerStyle, type Names } from './consumers.js';
import { consumerDir, githubPackages, type SetupStep } from './packages.js';
import { addSample, fail, newRow, type Comparison, type Metric, type Row } from './results.js';
import { describeFailure, ok, run } from './proc.js';
import { NODE, ROOT, TOKENKIT_BIN, writeJson } from './tools.js';

const METRICS: Metric[] = [
  { key: 'minBytes', label: 'minified', unit: 'B', digits: 0 },
  { key: 'gzipBytes', label: 'gzip -9', unit: 'B', digits: 0 },
];

interface Built {
  minBytes: number;
  gzipBytes: number;
}

async function bundle(entry: string, cwd: string): Promise<Built> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: cwd,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild wrote nothing');
  return { minBytes: out.contents.length, gzipBytes: gzipSync(out.contents, { level: 9 }).length };
}

/** The variant labels of the two three-client rows, which ratios.ts names. */
export const COPIED_RUNTIME = 'three token clients, runtime copied into each package (as shipped)';
export const SHARED_RUNTIME_ROW = 'three token clients, on one shared runtime package';

/** The variant label of the standalone-function row, which ratios.ts names. */
export const STANDALONE = 'GitHub standalone function, one operation';

const TOKEN_PACKAGES = ['launchdarkly', 'quay', 'ionos-container-registry'] as const;

/** The npm name the bench's shared-runtime project gives its runtime package. */
const SHARED_RUNTIME = '@tokenkit/runtime';

/**
 * The token specs as one project on a shared runtime package (`tokenkit.runtimePackage` in its
 * package.json): generated and built by tokenkit, with the runtime linked into node_modules as npm
 * workspaces link it. Returns the project directory; its generated/<name> are the packages.
 */
async function sharedRuntimeProject(): Promise<string> {
  const dir = await consumerDir('shared-runtime-project', {
    'openapi-fetch': path.join(ROOT, 'node_modules', 'openapi-fetch'),
    'openapi-typescript-helpers': path.join(ROOT, 'node_modules', 'openapi-typescript-helpers'),
  });
  await writeJson(path.join(dir, 'package.json'), { name: 'shared-runtime-project', private: true, tokenkit: { runtimePackage: SHARED_RUNTIME } });
  await mkdir(path.join(dir, 'specs'));
  for (const name of TOKEN_PACKAGES) await copyFile(path.join(ROOT, 'specs', `${name}.yaml`), path.join(dir, 'specs', `${name}.yaml`));
  await mkdir(path.join(dir, 'node_modules', path.dirname(SHARED_RUNTIME)), { recursive: true });
  await symlink(path.join(dir, 'generated', 'runtime'), path.join(dir, 'node_modules', SHARED_RUNTIME), 'dir');
  for (const command of ['generate', 'build']) {
    const r = await run(NODE, [TOKENKIT_BIN, command], { cwd: dir, timeoutMs: 300_000 });
    if (!ok(r)) throw new Error(`tokenkit ${command} in the shared-runtime project: ${describeFailure(r)}`);
  }
  return dir;
}

/** Bundles `dir`/entry.ts written with `source` into a new row; a failure is recorded on the row. */
async function bundleRow(tool: string, variant: string, dir: () => Promise<string>, source: () => string, log: (line: string) => void): Promise<Row> {
  const row = newRow(tool, METRICS, variant);
  try {
    const cwd = await dir();
    await writeFile(path.join(cwd, 'entry.ts'), source());
    const built = await bundle('./entry.ts', cwd);
    addSample(row, { ...built });
    log(`  ${tool} (${variant}): ${built.minBytes} B minified, ${built.gzipBytes} B gzipped`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    fail(row, message);
    log(`  ${tool} (${variant}): FAILED ${message}`);
  }
  return row;
}

/** An import specifier from a consumer directory to a generated package's index. */
function generatedIndex(dir: string, name: string): string {
  return path
    .relative(dir, path.join(ROOT, 'generated', name, 'src', 'index.js'))
    .split(path.sep)
    .join('/');
}

/** Bundles each consumer. */
export async function bundleSizes(_config: BenchConfig, spec: string, steps: SetupStep[], log: (line: string) => void): Promise<Comparison> {
  const packages = await githubPackages(spec, steps, log);
  const entries: { style: ConsumerStyle; variant: string; render: (names: Names) => string }[] = [
    { style: 'tokenkit', variant: STANDALONE, render: renderStandaloneEntry },
    { style: 'tokenkit', variant: 'GitHub client, one method', render: (n) => renderBundleEntry('tokenkit', n) },
    { style: 'openapi-fetch', variant: 'createClient + one GET', render: (n) => renderBundleEntry('openapi-fetch', n) },
    { style: 'hey-api', variant: 'one SDK function, fetch client', render: (n) => renderBundleEntry('hey-api', n) },
  ];
  const rows: Row[] = [];
  for (const [i, { style, variant, render }] of entries.entries()) {
    const links = styleLinks(style, packages);
    const dir = async (): Promise<string> => {
      if (!links || !packages.names) throw new Error(packages.error ?? 'its GitHub package could not be built (see setup)');
      return consumerDir(`bundle-${style}-${i}`, links);
    };
    rows.push(await bundleRow(STYLE_LABELS[style], variant, dir, () => render(packages.names!), log));
  }
  // For reference: tokenkit's smallest package, where the runtime, not the API surface, dominates.
  const ldDir = await consumerDir('bundle-tokenkit-launchdarkly', {});
  const ld = `import { LaunchDarklyClient } from '${generatedIndex(ldDir, 'launchdarkly')}';\nconst ld = new LaunchDarklyClient({ apiKey: 'k' });\nexport const run = () => ld.accessTokens.getToken({ id: 'x' });\n`;
  rows.push(
    await bundleRow(
      'tokenkit',
      'LaunchDarkly client, one method (reference)',
      async () => ldDir,
      () => ld,
      log,
    ),
  );
  // One client of each token package in one module: as shipped, each with its own copy of the
  // runtime; and generated as a project on one shared runtime package.
  const clientClasses = await Promise.all(
    TOKEN_PACKAGES.map(
      async (name) => /Every method of `([A-Za-z0-9_$]+)`/.exec(await readFile(path.join(ROOT, 'generated', name, 'api.md'), 'utf8'))?.[1] ?? '',
    ),
  );
  const threeClients = (dir: string, generated: string): string =>
    TOKEN_PACKAGES.map((name, i) => {
      const relative = path
        .relative(dir, path.join(generated, name, 'src', 'index.js'))
        .split(path.sep)
        .join('/');
      // A bare `generated/x` would be read as a package name.
      const from = relative.startsWith('.') ? relative : `./${relative}`;
      return `import { ${clientClasses[i] ?? ''} as C${i} } from '${from}';\nexport const c${i} = new C${i}();`;
    }).join('\n') + '\n';
  const tokenDir = await consumerDir('bundle-token-clients', {});
  rows.push(
    await bundleRow(
      'tokenkit',
      COPIED_RUNTIME,
      async () => tokenDir,
      () => threeClients(tokenDir, path.join(ROOT, 'generated')),
      log,
    ),
  );
  let sharedDir = '';
  rows.push(
    await bundleRow(
      'tokenkit',
      SHARED_RUNTIME_ROW,
      async () => (sharedDir = await sharedRuntimeProject()),
      () => threeClients(sharedDir, path.join(sharedDir, 'generated')),
      log,
    ),
  );
  return {
    id: 'bundle',
    title: 'Bundle size of a one-operation consumer',
    what:
      "A module that creates the client and exports one function calling GitHub's `repos/get`, bundled by esbuild (`bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022'`), then gzipped at level 9. " +
      'Deterministic, so built once. The LaunchDarkly row is tokenkit on its smallest spec, for reference. ' +
      'The "standalone function" row imports the core class and the one function (`new GithubCore()`, `reposGet(core, …)`) instead of the client class. ' +
      'The "three token clients" rows bundle one client of each token package (from their sources) into one module: as shipped, each with its own copy of the runtime; ' +
      `and generated as one project on a shared runtime package (\`"tokenkit": { "runtimePackage": "${SHARED_RUNTIME}" }\` in its package.json, built by \`tokenkit build\`, linked into node_modules as npm workspaces link it).`,
    commands: [
      "esbuild.build({ entryPoints: ['entry.ts'], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022' })",
      'zlib.gzipSync(output, { level: 9 })',
    ],
    metrics: METRICS,
    rows,
  };
}
