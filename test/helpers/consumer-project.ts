/**
 * A temporary project holding one package generated from a fixture spec, where a test writes a
 * caller and compiles it as a strict user would.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePackage } from '../../generator/pipeline/index.js';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Generates each `test/fixtures/specs/<fixture>` as package `name` into `<new temp dir>/<name>/`;
 * returns the dir, where `node_modules` links to the project's.
 */
export async function consumerProject(...packages: [fixture: string, name: string][]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `tokenkit-${packages[0]?.[1] ?? 'consumer'}-`));
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [fixture, name] of packages) {
    const pkg = await generatePackage({ specFile: path.join(root, 'test/fixtures/specs', fixture), specPath: fixture, name });
    for (const [rel, content] of pkg.files) {
      const file = path.join(dir, name, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
  }
  return dir;
}

/** The compiler options of a strict consumer, `exactOptionalPropertyTypes` included, with `extra` on top. */
export function strictConsumerOptions(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    types: [],
    skipLibCheck: true,
    ...extra,
  };
}
