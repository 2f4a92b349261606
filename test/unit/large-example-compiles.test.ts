/**
 * A request body whose example is over the value budget: the docs' call examples still compile
 * against the package, every required property there at every level (a property left out is TS2741).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_EXAMPLE_VALUES } from '../../generator/model/build-examples.js';
import { generatePackage } from '../../generator/pipeline/index.js';
import { codeBlocks } from '../helpers/markdown.js';
import { typecheck } from '../helpers/tsc.js';

const root = path.resolve(import.meta.dirname, '../..');
const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', required, properties });
const each = (keys: string[], schema: unknown) => Object.fromEntries(keys.map((key) => [key, schema]));
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const post = (operationId: string, schema: string) => ({
  post: {
    operationId,
    tags: ['reports'],
    requestBody: { required: true, content: { 'application/json': { schema: ref(schema) } } },
    responses: { '204': { description: 'Done' } },
  },
});

const spec = {
  openapi: '3.1.0',
  info: { title: 'Reports', version: '1' },
  servers: [{ url: 'https://api.example.com' }],
  paths: { '/reports': post('createReport', 'Report'), '/grids': post('createGrid', 'Grid') },
  components: {
    schemas: {
      // Sections in full would be 2,500 values: past the first level, each in its smallest form.
      Report: object(each(names('section', 30), ref('Section'))),
      Section: object({ title: { type: 'string' }, rows: { type: 'array', items: ref('Row') }, owner: ref('Owner'), note: { type: 'string', example: 'n' } }, [
        'title',
        'rows',
        'owner',
      ]),
      Row: object(each(names('cell', 80), { type: 'string' })),
      Owner: object({ address: object({ city: { type: 'string' } }) }),
      // Every property required: 2,700 values however the example is built.
      Grid: object(each(names('row', 30), ref('GridRow'))),
      GridRow: object(each(names('cell', 30), ref('Cell'))),
      Cell: object({ x: { type: 'integer' }, label: { type: 'string' } }),
    },
  },
};

let scratch: string;
let output: string;
let programs: string[];

beforeAll(async () => {
  // Inside the project, so the package resolves openapi-fetch as an installed one would.
  scratch = await mkdtemp(path.join(root, 'node_modules', '.tokenkit-large-example-'));
  const specFile = path.join(scratch, 'reports.json');
  await writeFile(specFile, JSON.stringify(spec));
  const pkg = await generatePackage({ specFile, specPath: 'reports.json', name: 'reports', packageName: '@acme/reports' });
  for (const [rel, content] of pkg.files) {
    await mkdir(path.dirname(path.join(scratch, 'pkg', rel)), { recursive: true });
    await writeFile(path.join(scratch, 'pkg', rel), content);
  }
  programs = [...pkg.files]
    .filter(([rel]) => rel.startsWith('docs/') && rel.endsWith('.md'))
    .flatMap(([rel, text]) => codeBlocks(rel, text))
    .filter((b) => b.lang === 'ts' && b.code.includes('import ') && /create(Report|Grid)\(/.test(b.code))
    .map((b) => b.code);
  await mkdir(path.join(scratch, 'examples'));
  await Promise.all(programs.map((code, i) => writeFile(path.join(scratch, 'examples', `example${i}.ts`), `${code}\n`)));
  await writeFile(path.join(scratch, 'examples', 'process.d.ts'), 'declare const process: { env: Record<string, string | undefined> };\n');
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      types: [],
      skipLibCheck: true,
      paths: { '@acme/reports': ['./pkg/src/index.ts'] },
    },
    include: ['examples/*.ts'],
  };
  await writeFile(path.join(scratch, 'tsconfig.json'), JSON.stringify(tsconfig));
  output = await typecheck(path.join(scratch, 'tsconfig.json'));
}, 120_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

it('the call examples of bodies over the value budget compile', () => {
  expect(programs.length).toBe(2);
  expect(output).toBe('');
  // The Grid's example is larger than a model's JSON may be: a call needs every required property.
  expect(programs.some((code) => code.split('\n').length > MAX_EXAMPLE_VALUES)).toBe(true);
});
