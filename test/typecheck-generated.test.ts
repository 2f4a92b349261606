/** Every generated package compiles under its own strict tsconfig. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { listTargets } from '../generator/commands/targets.js';
import { typecheck } from './helpers/tsc.js';

const root = path.resolve(import.meta.dirname, '..');

it.each((await listTargets(root)).map((t) => [t.name, t.outDir] as const))('generated/%s compiles in strict mode', async (_name, outDir) => {
  expect(await typecheck(path.join(outDir, 'tsconfig.json'))).toBe('');
});
