/**
 * Bundle size of a one-operation consumer: a module calling GitHub's `repos/get` once, bundled and
 * minified by esbuild (ESM, browser platform, ES2022), then gzipped at level 9. Builds are
 * deterministic, so each is made once. tokenkit and hey-api are imported as built packages (their
 * dist/ JavaScript), openapi-fetch as installed.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'esbuild';
import type { BenchConfig } from './config.js';
import { renderBundleEntry, renderStandaloneEntry, STYLE_LABELS, styleLinks, type ConsumerStyle, type Names } from './consumers.js';
import { consumerDir, githubPackages, type SetupStep } from './packages.js';
import { addSample, fail, newRow, type Comparison, type Metric, type Row } from './results.js';
import { ROOT } from './tools.js';

const METRICS: Metric[] = [
  { key: 'minBytes', label: 'minified', unit: 'B', digits: 0 },
  { key: 'gzipBytes', label: 'gzip -9', unit: 'B', digits: 0 },
];

interface Built {
  minBytes: number;
  gzipBytes: number;
}

async function bundle(entry: string, cwd: string, plugins: Plugin[]): Promise<Built> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    plugins,
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

/** The variant label of the standalone-function row, which ratios.ts names. */
export const STANDALONE = 'GitHub standalone function, one operation';

const TOKEN_PACKAGES = ['launchdarkly', 'quay', 'ionos-container-registry'] as const;

/**
 * An esbuild plugin resolving every generated package's `runtime/<file>` to the first package's copy
 * of it: a bundle as it would be if the packages depended on one runtime package. The runtime files
 * are copied verbatim into each package, so the bytes are the same as a shared package's.
 */
function sharedRuntime(canonical: string): Plugin {
  return {
    name: 'shared-runtime',
    setup(build) {
      build.onResolve({ filter: /^\.{1,2}\/(?:\.\.\/)?runtime\/[a-z-]+\.js$/ }, (args) => {
        const file = path.join(canonical, `${path.basename(args.path, '.js')}.ts`);
        return existsSync(file) ? { path: file } : undefined;
      });
    },
  };
}

/** Bundles `dir`/entry.ts written with `source` into a new row; a failure is recorded on the row. */
async function bundleRow(
  tool: string,
  variant: string,
  dir: () => Promise<string>,
  source: () => string,
  log: (line: string) => void,
  plugins: Plugin[] = [],
): Promise<Row> {
  const row = newRow(tool, METRICS, variant);
  try {
    const cwd = await dir();
    await writeFile(path.join(cwd, 'entry.ts'), source());
    const built = await bundle('./entry.ts', cwd, plugins);
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
  // One client of each token package in one module, with the runtime copied per package or shared.
  const tokenDir = await consumerDir('bundle-token-clients', {});
  const lines = await Promise.all(
    TOKEN_PACKAGES.map(async (name, i) => {
      const api = await readFile(path.join(ROOT, 'generated', name, 'api.md'), 'utf8');
      const clientClass = /Every method of `([A-Za-z0-9_$]+)`/.exec(api)?.[1] ?? '';
      return `import { ${clientClass} as C${i} } from '${generatedIndex(tokenDir, name)}';\nexport const c${i} = new C${i}();`;
    }),
  );
  const canonical = path.join(ROOT, 'generated', TOKEN_PACKAGES[0], 'src', 'runtime');
  for (const [variant, plugins] of [
    ['three token clients, runtime copied into each package (as shipped)', []],
    ['three token clients, one shared runtime', [sharedRuntime(canonical)]],
  ] as const) {
    rows.push(
      await bundleRow(
        'tokenkit',
        variant,
        async () => tokenDir,
        () => `${lines.join('\n')}\n`,
        log,
        [...plugins],
      ),
    );
  }
  return {
    id: 'bundle',
    title: 'Bundle size of a one-operation consumer',
    what:
      "A module that creates the client and exports one function calling GitHub's `repos/get`, bundled by esbuild (`bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022'`), then gzipped at level 9. " +
      'Deterministic, so built once. The LaunchDarkly row is tokenkit on its smallest spec, for reference. ' +
      'The "standalone function" row imports the core class and the one function (`new GithubCore()`, `reposGet(core, …)`) instead of the client class. ' +
      'The "three token clients" rows bundle one client of each token package (from their sources) into one module: as shipped, each with its own copy of the runtime; ' +
      "and with every package's `runtime/*` resolved to one copy, which is what a shared, versioned runtime package would give.",
    commands: [
      "esbuild.build({ entryPoints: ['entry.ts'], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022' })",
      'zlib.gzipSync(output, { level: 9 })',
    ],
    metrics: METRICS,
    rows,
  };
}
