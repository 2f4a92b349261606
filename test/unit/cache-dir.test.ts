/** One cache, moved by one variable: the compiler's code cache and the scripts' downloads alike. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheDir } from '../../generator/cache-dir.js';
import { PROJECT_ROOT } from '../../generator/paths.js';
import { githubSpec, OCTOKIT_OPENAPI_VERSION } from '../../scripts/github-spec.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('cacheDir', () => {
  it('is node_modules/.cache/tokenkit of the project when TOKENKIT_CACHE_DIR is unset or empty', () => {
    const fallback = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'tokenkit');
    vi.stubEnv('TOKENKIT_CACHE_DIR', undefined);
    expect(cacheDir()).toBe(fallback);
    vi.stubEnv('TOKENKIT_CACHE_DIR', '');
    expect(cacheDir()).toBe(fallback);
  });

  it('is TOKENKIT_CACHE_DIR when set', () => {
    vi.stubEnv('TOKENKIT_CACHE_DIR', '/somewhere/else');
    expect(cacheDir()).toBe('/somewhere/else');
  });

  it('is where scripts/github-spec.ts looks for GitHub’s spec', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-cache-'));
    try {
      const file = path.join(dir, `octokit-openapi-${OCTOKIT_OPENAPI_VERSION}`, 'package', 'generated', 'api.github.com.json');
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, '{}');
      vi.stubEnv('TOKENKIT_CACHE_DIR', dir);
      // Found in the cache, so nothing is fetched.
      expect(await githubSpec()).toBe(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
