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
import type { BenchConfig } from './config.js';
import { heyNames, renderBundleEntry, renderStandaloneEntry, tokenkitNames, type ConsumerStyle, type Names } from './consumers.js';
import { consumerDir, heyGithubPackage, tokenkitGithubPackage, type SetupStep } from './packages.js';
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

async function bundle(entry: string, cwd: string, plugins: import('esbuild').Plugin[] = []): Promise<Built> {
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
function sharedRuntime(canonical: string): import('esbuild').Plugin {
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

// One client of each token package in one module, with the runtime copied per package or shared.
async function tokenClientRows(log: (line: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const dir = await consumerDir('bundle-token-clients', {});
  const index = (name: string) =>
    path
      .relative(dir, path.join(ROOT, 'generated', name, 'src', 'index.js'))
      .split(path.sep)
      .join('/');
  const lines = await Promise.all(
    TOKEN_PACKAGES.map(async (name, i) => {
      const api = await readFile(path.join(ROOT, 'generated', name, 'api.md'), 'utf8');
      const clientClass = /Every method of `([A-Za-z0-9_$]+)`/.exec(api)?.[1] ?? '';
      return `import { ${clientClass} as C${i} } from '${index(name)}';\nexport const c${i} = new C${i}();`;
    }),
  );
  await writeFile(path.join(dir, 'entry.ts'), `${lines.join('\n')}\n`);
  const canonical = path.join(ROOT, 'generated', TOKEN_PACKAGES[0], 'src', 'runtime');
  for (const [variant, plugins] of [
    ['three token clients, runtime copied into each package (as shipped)', []],
    ['three token clients, one shared runtime', [sharedRuntime(canonical)]],
  ] as const) {
    const row = newRow('tokenkit', METRICS, variant);
    rows.push(row);
    try {
      const built = await bundle('./entry.ts', dir, [...plugins]);
      addSample(row, { ...built });
      log(`  tokenkit (${variant}): ${built.minBytes} B minified, ${built.gzipBytes} B gzipped`);
    } catch (err) {
      fail(row, err instanceof Error ? err.message : String(err));
    }
  }
  return rows;
}

const LABELS: Record<ConsumerStyle, string> = { tokenkit: 'tokenkit', 'openapi-fetch': 'openapi-fetch (raw)', 'hey-api': '@hey-api/openapi-ts' };

/** Bundles each consumer; failures are recorded on the row. */
export async function bundleSizes(_config: BenchConfig, spec: string, steps: SetupStep[], log: (line: string) => void): Promise<Comparison> {
  const tk = await tokenkitGithubPackage(spec, steps, log);
  const hey = await heyGithubPackage(spec, steps, log);
  let names: Names | undefined;
  let namesError: string | undefined;
  try {
    names = {
      ...(tk ? await tokenkitNames(tk) : { clientClass: '', coreClass: '', tokenkit: new Map() }),
      hey: hey ? await heyNames(path.join(hey, 'src')) : new Map(),
    };
  } catch (err) {
    namesError = err instanceof Error ? err.message : String(err);
  }
  const rows: Row[] = [];
  const styles: { style: ConsumerStyle; variant: string; links: Record<string, string> | undefined }[] = [
    { style: 'tokenkit', variant: 'GitHub client, one method', links: tk ? { '@x/github': tk } : undefined },
    { style: 'openapi-fetch', variant: 'createClient + one GET', links: tk ? { '@x/github': tk } : undefined },
    { style: 'hey-api', variant: 'one SDK function, fetch client', links: hey ? { 'hey-github': hey } : undefined },
  ];
  const entries: { style: ConsumerStyle; variant: string; links: Record<string, string> | undefined; render: (names: Names) => string; dir: string }[] = [
    {
      style: 'tokenkit',
      variant: STANDALONE,
      links: tk ? { '@x/github': tk } : undefined,
      render: renderStandaloneEntry,
      dir: 'bundle-tokenkit-standalone',
    },
    ...styles.map((s) => ({ ...s, render: (n: Names) => renderBundleEntry(s.style, n), dir: `bundle-${s.style}` })),
  ];
  for (const { style, variant, links, render, dir: dirName } of entries) {
    const row = newRow(LABELS[style], METRICS, variant);
    rows.push(row);
    if (!links || !names) {
      fail(row, namesError ?? 'its GitHub package could not be built (see setup)');
      continue;
    }
    try {
      const dir = await consumerDir(dirName, links);
      await writeFile(path.join(dir, 'entry.ts'), render(names));
      const built = await bundle('./entry.ts', dir);
      addSample(row, { ...built });
      log(`  ${style}: ${built.minBytes} B minified, ${built.gzipBytes} B gzipped`);
    } catch (err) {
      fail(row, err instanceof Error ? err.message : String(err));
      log(`  ${style}: FAILED ${row.error}`);
    }
  }
  // For reference: tokenkit's smallest package, where the runtime, not the API surface, dominates.
  const ld = newRow('tokenkit', METRICS, 'LaunchDarkly client, one method (reference)');
  rows.push(ld);
  try {
    const dir = await consumerDir('bundle-tokenkit-launchdarkly', {});
    const index = path
      .relative(dir, path.join(ROOT, 'generated', 'launchdarkly', 'src', 'index.js'))
      .split(path.sep)
      .join('/');
    await writeFile(
      path.join(dir, 'entry.ts'),
      `import { LaunchDarklyClient } from '${index}';\nconst ld = new LaunchDarklyClient({ apiKey: 'k' });\nexport const run = () => ld.accessTokens.getToken({ id: 'x' });\n`,
    );
    const built = await bundle('./entry.ts', dir);
    addSample(ld, { ...built });
    log(`  tokenkit (LaunchDarkly): ${built.minBytes} B minified, ${built.gzipBytes} B gzipped`);
  } catch (err) {
    fail(ld, err instanceof Error ? err.message : String(err));
  }
  rows.push(...(await tokenClientRows(log)));
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
