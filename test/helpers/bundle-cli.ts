/**
 * Vitest global setup: builds the CLI bundle once, before the test files start. Many of them run the
 * CLI at once, and on a fresh clone (or after a source change) each would otherwise build it itself.
 */
import path from 'node:path';

export default async function setup(): Promise<void> {
  const bundle = (await import(path.resolve(import.meta.dirname, '../../bin/bundle.js'))) as { ensureBundle: () => Promise<string> };
  await bundle.ensureBundle();
}
