/**
 * The generated docs: every TypeScript block in every README, api.md and doc page compiles in strict
 * mode against its own package, and every relative link resolves to a file and anchor that exist.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listTargets } from '../generator/commands/targets.js';
import { generatePackage } from '../generator/pipeline/index.js';
import { anchors, codeBlocks, headingsByAnchor, markdownFiles, read, relativeLinks, type CodeBlock } from './helpers/markdown.js';
import { typecheck } from './helpers/tsc.js';

const root = path.resolve(import.meta.dirname, '..');
const targets = await listTargets(root);
// Inside the project so the blocks resolve openapi-fetch as a user's project would.
const scratch = path.join(root, 'node_modules', '.tokenkit-docs-check');
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function blocksOf(outDir: string): Promise<CodeBlock[]> {
  const all: CodeBlock[] = [];
  for (const file of await markdownFiles(outDir)) all.push(...codeBlocks(file, await read(path.join(outDir, file))));
  return all;
}

describe.each(targets.map((t) => [t.name, t] as const))('generated/%s docs', (name, target) => {
  it('every ts block compiles in strict mode against the package', async () => {
    const blocks = (await blocksOf(target.outDir)).filter((b) => b.lang === 'ts');
    const signatures = blocks.filter((b) => !b.code.includes('import '));
    const programs = blocks.filter((b) => b.code.includes('import '));
    expect(programs.length).toBeGreaterThan(0);
    const dir = path.join(scratch, name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const packageName = JSON.parse(await read(path.join(target.outDir, 'package.json'))) as { name: string };
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [path.join(root, 'node_modules/@types')],
          paths: { [packageName.name]: [path.join(target.outDir, 'src/index.ts')] },
        },
        include: ['*.ts'],
      }),
    );
    const names = programs.map((b) => `${b.file.replace(/[^A-Za-z0-9]+/g, '_')}_${b.index}.ts`);
    await Promise.all(programs.map((b, i) => writeFile(path.join(dir, names[i] ?? ''), `${b.code}\n`)));
    const output = await typecheck(path.join(dir, 'tsconfig.json'));
    expect(output).toBe('');
    // Signature blocks are not programs; they must at least name the method they document.
    for (const s of signatures) expect(s.code).toMatch(/^\w+\.\w+\(/);
  });

  it('every relative link resolves to an existing file and anchor', async () => {
    expect(await brokenLinks(target.outDir)).toEqual([]);
  });
});

/** The relative links of a package's Markdown that reach no file, or no anchor in it. */
async function brokenLinks(outDir: string): Promise<string[]> {
  const broken: string[] = [];
  for (const file of await markdownFiles(outDir)) {
    const text = await read(path.join(outDir, file));
    for (const link of relativeLinks(text)) {
      const [target = '', hash] = link.split('#');
      const resolved = target === '' ? path.join(outDir, file) : path.resolve(path.dirname(path.join(outDir, file)), target);
      let content: string;
      try {
        content = await read(resolved);
      } catch {
        broken.push(`${file}: ${link} (no such file)`);
        continue;
      }
      if (hash !== undefined && !anchors(content).has(hash)) broken.push(`${file}: ${link} (no such anchor)`);
    }
  }
  return broken;
}

it('cuts a tag or schema name too long for a file name, and every link still reaches its page', async () => {
  const tag = 'T'.repeat(300);
  const schema = 'S'.repeat(300);
  const dir = path.join(scratch, 'long-names');
  await mkdir(dir, { recursive: true });
  const specFile = path.join(dir, 'spec.json');
  const ok = { description: 'ok', content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } };
  await writeFile(
    specFile,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: { '/a': { get: { operationId: 'getA', tags: [tag], responses: { '200': ok } } } },
      components: { schemas: { [schema]: { type: 'object', properties: { a: { type: 'string' } } } } },
    }),
  );
  const pkg = await generatePackage({ specFile, specPath: 'spec.json', name: 'long-names' });
  const out = path.join(dir, 'pkg');
  for (const [rel, content] of pkg.files) {
    // A name past 255 bytes would fail here, as it failed generation.
    await mkdir(path.dirname(path.join(out, rel)), { recursive: true });
    await writeFile(path.join(out, rel), content);
  }
  expect(Math.max(...[...pkg.files.keys()].map((rel) => path.basename(rel).length))).toBeLessThanOrEqual(90);
  expect(await brokenLinks(out)).toEqual([]);
});

it('links each method of the table to its own section, whatever other headings took its name', async () => {
  const dir = path.join(scratch, 'anchors');
  await mkdir(dir, { recursive: true });
  const specFile = path.join(dir, 'spec.json');
  const ok = { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } };
  const op = (operationId: string, description?: string): object => ({
    operationId,
    tags: ['Items'],
    ...(description && { description }),
    responses: { '200': ok },
  });
  // Every section's `### Example` comes before the method named `example`; a description's heading
  // takes `getThing` before its method's own; the page title is `ItemsApi`, as a method named `itemsApi` is.
  await writeFile(
    specFile,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      tags: [{ name: 'Items', description: '# getThing\n\nAbout things.' }],
      paths: {
        '/a': { get: op('first'), post: op('parameters', '## Example\n\nText.') },
        '/b': { get: op('example'), post: op('itemsApi') },
        '/c': { get: op('getThing'), post: op('authorization') },
      },
    }),
  );
  const pkg = await generatePackage({ specFile, specPath: 'spec.json', name: 'anchors' });
  const page = pkg.files.get('docs/ItemsApi.md') ?? '';
  const byAnchor = headingsByAnchor(page);
  const rows = [...page.matchAll(/^\| \[(\w+)\]\(#([^)]+)\)/gm)];
  expect(rows.map((m) => m[1])).toEqual(['first', 'parameters', 'example', 'itemsApi', 'getThing', 'authorization']);
  for (const [, name, anchor] of rows) expect(byAnchor.get(anchor ?? '')).toBe(`## ${name ?? ''}`);
});

it('has at least a dozen example programs across the packages to check', async () => {
  let programs = 0;
  for (const target of targets) programs += (await blocksOf(target.outDir)).filter((b) => b.lang === 'ts' && b.code.includes('import ')).length;
  expect(programs).toBeGreaterThanOrEqual(12);
});

it('a model that is not an object lists what it allows beside its type', async () => {
  const page = await read(path.join(root, 'generated/ionos-container-registry/docs/models/TokenStatus.md'));
  expect(page).toContain('Type: string; one of: `"enabled"`, `"disabled"`');
});
