/**
 * tokenkit's cache: what one run keeps to spare the next some work (the TypeScript compiler's code
 * cache, GitHub's spec for the tests and the bench). Everything in it may be deleted at any time.
 */
import path from 'node:path';
import { PROJECT_ROOT } from './paths.js';

/** The environment variable that moves the cache. */
export const CACHE_DIR_VARIABLE = 'TOKENKIT_CACHE_DIR';

/**
 * The cache directory: `$TOKENKIT_CACHE_DIR`, else `node_modules/.cache/tokenkit`, where tools keep
 * what a fresh install may throw away.
 */
export function cacheDir(): string {
  return process.env[CACHE_DIR_VARIABLE] || path.join(PROJECT_ROOT, 'node_modules', '.cache', 'tokenkit');
}
