/**
 * Nothing injected: arbitrary Unicode (comment closers, backticks, `${`, quotes, backslashes, line and
 * paragraph separators, NUL, HTML) in every spec string that reaches generated code or docs. Each
 * sampled spec must generate a package that compiles in strict mode, and importing that package and
 * building its client must run none of the strings: a sentinel payload in them never executes, and
 * no control character reaches a generated file.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { CONTROL_CHARS } from '../generator/escape/controls.js';
import { generatePackage } from '../generator/pipeline/index.js';
import { codeBlocks } from './helpers/markdown.js';
import { typecheck } from './helpers/tsc.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const scratch = path.join(root, 'node_modules', '.tokenkit-injection');
afterAll(() => (process.env.KEEP_SCRATCH ? undefined : rm(scratch, { recursive: true, force: true })));

const SENTINEL = 'globalThis.__tokenkitPwned = 1';
const payloads = [
  `*/ ${SENTINEL}; /*`,
  `"; ${SENTINEL}; "`,
  `'; ${SENTINEL}; '`,
  `\`; ${SENTINEL}; \``,
  `\${${SENTINEL}}`,
  `\u2028${SENTINEL}\u2029`,
  `\\"; ${SENTINEL}; //`,
  `</script><script>${SENTINEL}</script>`,
  `| broken | table |\n\n# heading`,
  '\u0000\u0007\r\n',
  '```ts\nimport "x";\n```',
  // Bidirectional overrides and isolates reorder what a reader sees (Trojan Source); a zero-width space hides.
  `\u202e${SENTINEL}\u2066\u200b`,
];
const hostile = fc.tuple(fc.constantFrom(...payloads), fc.string({ unit: 'binary', maxLength: 12 })).map(([p, s]) => `${s}${p}`);

function spec(s: string[]): object {
  const at = (i: number) => s[i % s.length] ?? '';
  return {
    openapi: '3.1.0',
    info: { title: at(0), version: at(1), description: at(2) },
    // A second server: the client's server option, its JSDoc and the README's Servers table.
    servers: [{ url: 'https://hostile.example.test' }, { url: `https://second.example.test/${at(4)}`, description: at(6) }],
    tags: [{ name: at(3), description: at(4) }],
    paths: {
      '/things': {
        get: {
          operationId: at(5),
          summary: at(6),
          description: at(7),
          tags: [at(3)],
          parameters: [{ name: at(8), in: 'query', description: at(9), schema: { type: 'string', enum: [at(10), 'plain'], default: at(10) } }],
          responses: {
            '200': { description: at(11), content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, example: { [at(12)]: at(13) } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          title: at(14),
          description: at(15),
          required: [at(12)],
          properties: {
            [at(12)]: { type: 'string', description: at(16), default: at(17), enum: [at(17), at(13)] },
            plain: { type: 'string', examples: [at(18)] },
          },
        },
      },
    },
  };
}

it('hostile strings compile, stay inert, and cannot break a Markdown table or fence', async () => {
  const samples = fc.sample(fc.array(hostile, { minLength: 19, maxLength: 19 }), { numRuns: 6, seed: 20261122 });
  await mkdir(scratch, { recursive: true });
  const dirs: string[] = [];
  for (const [i, strings] of samples.entries()) {
    const dir = path.join(scratch, `p${i}`);
    const specFile = path.join(scratch, `spec-${i}.json`);
    await writeFile(specFile, JSON.stringify(spec(strings)));
    const pkg = await generatePackage({ specFile, specPath: `spec-${i}.json`, name: `p${i}` });
    for (const [rel, content] of pkg.files) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), content);
      // No control character reaches a file (git and grep would take it for binary).
      expect(CONTROL_CHARS.test(content), `${rel} holds a control character`).toBe(false);
      if (rel.endsWith('.md')) checkMarkdown(rel, content);
    }
    dirs.push(dir);
  }
  for (const dir of dirs) expect(await typecheck(path.join(dir, 'tsconfig.json'))).toBe('');
  // Import each package and build its client in a fresh process, where a payload that ran would show.
  const probe = path.join(scratch, 'probe.mts');
  await writeFile(
    probe,
    [
      'const results: unknown[] = [];',
      ...dirs.map(
        (d, i) =>
          `const m${i} = await import(${JSON.stringify(path.join(d, 'src/index.ts'))}); for (const v of Object.values(m${i})) if (typeof v === 'function' && /Client$/.test(v.name)) results.push(new (v as new (o: object) => object)({ fetch: async () => new Response('{}') }));`,
      ),
      `console.log(JSON.stringify({ pwned: (globalThis as Record<string, unknown>).__tokenkitPwned ?? null, clients: results.length }));`,
    ].join('\n'),
  );
  const { stdout } = await run(process.execPath, ['--import', 'tsx', probe], { cwd: root });
  expect(JSON.parse(stdout)).toEqual({ pwned: null, clients: dirs.length });
  // The strings did reach the output, escaped: the test would be empty otherwise.
  const readme = await readFile(path.join(dirs[0] ?? '', 'src/schema.ts'), 'utf8');
  expect(readme).toContain('__tokenkitPwned');
}, 300_000);

it('keeps a bidirectional character in an enum value, escaped, so the types still agree', async () => {
  // The resource escapes the value in its literal; schema.ts must hold the same value, not one without it.
  const value = 'left\u202eright';
  const doc = {
    openapi: '3.1.0',
    info: { title: 'Bidi', version: '1' },
    servers: [{ url: 'https://bidi.example.test' }],
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          parameters: [{ name: 'kind', in: 'query', schema: { type: 'string', enum: [value, 'plain'], default: value } }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
    },
    components: { schemas: { Thing: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: [value, 'plain'] } } } } },
  };
  await mkdir(scratch, { recursive: true });
  const dir = path.join(scratch, 'bidi');
  const specFile = path.join(scratch, 'spec-bidi.json');
  await writeFile(specFile, JSON.stringify(doc));
  const pkg = await generatePackage({ specFile, specPath: 'spec-bidi.json', name: 'bidi' });
  for (const [rel, content] of pkg.files) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
    expect(CONTROL_CHARS.test(content), `${rel} holds a control character`).toBe(false);
  }
  expect(pkg.files.get('src/schema.ts')).toContain('"left\\u202eright"');
  expect(pkg.files.get('src/models.ts')).toContain('"left\\u202eright"');
  expect(await typecheck(path.join(dir, 'tsconfig.json'))).toBe('');
}, 120_000);

/** Every table row has the header's number of cells, and every fence closes where the generator meant it to. */
function checkMarkdown(file: string, text: string): void {
  const outside = text.replace(/^(`{3,})[\w-]*\n[\s\S]*?\n\1$/gm, '');
  expect(outside, `${file}: a stray fence`).not.toMatch(/^```/m);
  // Code spans show their content literally; HTML anywhere else would render.
  const prose = outside.replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
  expect(prose, `${file}: raw HTML`).not.toMatch(/<script/i);
  const lines = outside.split('\n');
  const cells = (line: string) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
  for (let i = 0; i < lines.length; i++) {
    if (!/^\| --- /.test(lines[i] ?? '')) continue;
    const width = cells(lines[i - 1] ?? '');
    for (let j = i + 1; j < lines.length && (lines[j] ?? '').startsWith('|'); j++)
      expect(cells(lines[j] ?? ''), `${file}:${j + 1}: ${lines[j] ?? ''}`).toBe(width);
  }
  for (const block of codeBlocks(file, text)) expect(block.code).not.toMatch(/^`{3,}$/m);
}
