/**
 * Bundle size of a one-operation consumer: a module calling GitHub's `repos/get` once, bundled and
 * minified by esbuild (ESM, browser platform, ES2022), then gzipped at level 9. Builds are
 * deterministic, so each is made once. tokenkit and hey-api are imported as built packages (their
 * dist/ JavaScript), openapi-fetch as installed.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchConfig } from './config.js';
import { heyNames, renderBundleEntry, tokenkitNames, type ConsumerStyle, type Names } from './consumers.js';
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

const LABELS: Record<ConsumerStyle, string> = { tokenkit: 'tokenkit', 'openapi-fetch': 'openapi-fetch (raw)', 'hey-api': '@hey-api/openapi-ts' };

/** Bundles each consumer; failures are recorded on the row. */
export async function bundleSizes(_config: BenchConfig, spec: string, steps: SetupStep[], log: (line: string) => void): Promise<Comparison> {
  const tk = await tokenkitGithubPackage(spec, steps, log);
  const hey = await heyGithubPackage(spec, steps, log);
  let names: Names | undefined;
  let namesError: string | undefined;
  try {
    names = { ...(tk ? await tokenkitNames(tk) : { clientClass: '', tokenkit: new Map() }), hey: hey ? await heyNames(path.join(hey, 'src')) : new Map() };
  } catch (err) {
    namesError = err instanceof Error ? err.message : String(err);
  }
  const rows: Row[] = [];
  const styles: { style: ConsumerStyle; variant: string; links: Record<string, string> | undefined }[] = [
    { style: 'tokenkit', variant: 'GitHub client, one method', links: tk ? { '@x/github': tk } : undefined },
    { style: 'openapi-fetch', variant: 'createClient + one GET', links: tk ? { '@x/github': tk } : undefined },
    { style: 'hey-api', variant: 'one SDK function, fetch client', links: hey ? { 'hey-github': hey } : undefined },
  ];
  for (const { style, variant, links } of styles) {
    const row = newRow(LABELS[style], METRICS, variant);
    rows.push(row);
    if (!links || !names) {
      fail(row, namesError ?? 'its GitHub package could not be built (see setup)');
      continue;
    }
    try {
      const dir = await consumerDir(`bundle-${style}`, links);
      await writeFile(path.join(dir, 'entry.ts'), renderBundleEntry(style, names));
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
  return {
    id: 'bundle',
    title: 'Bundle size of a one-operation consumer',
    what:
      "A module that creates the client and exports one function calling GitHub's `repos/get`, bundled by esbuild (`bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022'`), then gzipped at level 9. " +
      'Deterministic, so built once. The LaunchDarkly row is tokenkit on its smallest spec, for reference.',
    commands: [
      "esbuild.build({ entryPoints: ['entry.ts'], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022' })",
      'zlib.gzipSync(output, { level: 9 })',
    ],
    metrics: METRICS,
    rows,
  };
}
