/**
 * Markdown stays inert: whatever a spec holds (operationId, names, descriptions, media types, the
 * spec file's own name), the generated README, api.md, CHANGELOG.md and docs render, through a
 * Markdown renderer that passes raw HTML through (marked), to no element a spec string made and to
 * no link or image whose URL runs code. A property test over hostile strings, and the escapers alone.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogEntry } from '../generator/diff/changelog.js';
import { mdCell, mdInline, mdText, splitAtFirstHeading } from '../generator/escape/markdown.js';
import { generatePackage } from '../generator/pipeline/index.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-md-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** Pieces an attacker would combine: HTML, code-span breakers and links with schemes that run code. */
const payloads = [
  '<img src=x onerror=alert(1)>',
  '`<img src=x onerror=alert(1)>`',
  '``',
  '[x](javascript:alert(1))',
  '[x]( JaVaScRiPt:alert(1) )',
  '[x](javascript\\:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](\njavascript:alert(1))',
  '![i](data:text/html;base64,PHNjcmlwdD4=)',
  '[v](vbscript:msgbox(1))',
  '\n[r]: javascript:alert(1)\n\n[r]\n',
  '\n- [s]: javascript:alert(1)\n\n[s]\n',
  // Labels with an escaped bracket or a line break in them are labels too.
  '\n[one][a\\]b]\n\n[a\\]b]: javascript:alert(1)\n',
  '\n[two][c d]\n\n[c\nd]: javascript:alert(2)\n',
  '<javascript:alert(1)>',
  '<script>alert(1)</script>',
  '&#106;avascript:alert(1)',
  '[ok](https://example.com)',
  '| a | b |',
  '\n```\n',
  // Block structure the escapers keep: fences that close, headings, quotes; and a fence in a list
  // item, which the item's end would close early.
  '\n```js\n',
  '\n~~~~\n',
  '\n# Errors\n',
  '\nTitle\n---\n',
  '\n> quote <b>\n',
  '\n- item\n  ```\n',
];
const hostile = fc.tuple(fc.constantFrom(...payloads), fc.string({ maxLength: 6 }), fc.constantFrom(...payloads)).map(([a, s, b]) => `${a}${s}${b}`);

/** Tags Markdown syntax itself produces; any other element came from a spec string. */
const MARKDOWN_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'a',
  'code',
  'pre',
  'em',
  'strong',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'br',
  'hr',
  'blockquote',
  'del',
  'img',
]);

function decode(attribute: string): string {
  return attribute
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** What a browser would run from this HTML: elements no Markdown made, event handlers, code URLs. */
function liveThings(html: string): string[] {
  const found: string[] = [];
  for (const [, tag = '', attributes = ''] of html.matchAll(/<([a-z][a-z0-9-]*)([^>]*)>/gi)) {
    if (!MARKDOWN_TAGS.has(tag.toLowerCase())) found.push(`<${tag}>`);
    for (const [attr] of attributes.matchAll(/(?:^|\s)on[a-z]+\s*=/gi)) found.push(attr.trim());
    for (const [, url = ''] of attributes.matchAll(/\s(?:href|src)="([^"]*)"/gi)) {
      const plain = decode(url)
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0020\u007f]/g, '')
        .toLowerCase();
      const scheme = /^([a-z][a-z0-9+.-]*):/.exec(plain)?.[1];
      if (scheme !== undefined && !['http', 'https', 'mailto'].includes(scheme)) found.push(url);
    }
  }
  return found;
}

function render(markdown: string): string {
  return marked.parse(markdown, { async: false, gfm: true });
}

describe('the escapers', () => {
  it('leave no spec string live in a paragraph or a table cell', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(liveThings(render(mdText(s)))).toEqual([]);
        expect(liveThings(render(`| a |\n| --- |\n| ${mdCell(s)} |\n`))).toEqual([]);
      }),
      { numRuns: 400, seed: 20261130 },
    );
  });

  it('keep http, https, mailto and relative links', () => {
    expect(render(mdText('[a](https://example.com) [b](mailto:x@example.com) [c](docs/x.md)'))).toContain('<a href="https://example.com">a</a>');
    expect(liveThings(render(mdText('[a](https://example.com)')))).toEqual([]);
    expect(render(mdText('[b](mailto:x@example.com) [c](docs/x.md)'))).toMatch(/href="mailto:x@example.com".*href="docs\/x.md"/);
  });

  it('write an operationId and a spec path into the changelog as inert code', () => {
    const id = 'a`<img src=x onerror=alert(1)>[x](javascript:alert(1))';
    const html = render(
      changelogEntry('1.0.0', [{ class: 'non-breaking', rule: 'operation-added', operation: id, message: `operation \`${id}\` (GET /a) added` }], 'x'),
    );
    expect(liveThings(html)).toEqual([]);
    expect(liveThings(render(changelogEntry('0.1.0', [], 'x`<img src=x onerror=alert(1)>.yaml')))).toEqual([]);
  });
});

function spec(s: string[]): object {
  const at = (i: number) => s[i % s.length] ?? '';
  return {
    openapi: '3.1.0',
    info: { title: at(0), version: '1', description: at(1) },
    servers: [{ url: 'https://inert.example.test' }],
    tags: [{ name: 'things', description: at(2) }],
    paths: {
      '/things': {
        get: {
          operationId: `list${at(3)}`,
          summary: at(4),
          description: at(5),
          tags: ['things'],
          parameters: [{ name: at(6), in: 'query', description: at(7), schema: { type: 'string', enum: [at(8)], format: at(9) } }],
          responses: {
            '200': { description: at(10), content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          },
        },
        post: {
          operationId: 'createThing',
          tags: ['things'],
          requestBody: { content: { [`application/${at(11)}`]: { schema: { type: 'string' } } } },
          responses: { '204': { description: at(12) } },
        },
      },
    },
    components: {
      schemas: { Thing: { type: 'object', title: at(13), description: at(14), properties: { [at(15)]: { type: 'string', description: at(16) } } } },
      securitySchemes: { key: { type: 'apiKey', in: 'header', name: at(18), description: `${at(17)}${at(19)}` } },
    },
  };
}

describe('the page outline', () => {
  it('keeps a fenced code block that closes as code, verbatim, and escapes one that does not', () => {
    const code = '```js\nconst a = "<b>" && [x](javascript:alert(1));\n```';
    expect(mdText(`Use:\n\n${code}\n\nDone.`)).toBe(`Use:\n\n${code}\n\nDone.`);
    expect(render(mdText(`Use:\n\n${code}`))).toContain('<pre><code class="language-js">const a = &quot;&lt;b&gt;&quot;');
    expect(mdText('Open:\n```\n<b>')).toBe('Open:\n\\```\n&lt;b&gt;');
    // Indented into a list item, a fence ends with the item: what follows it would be live text.
    const listed = mdText('- a\n  ```\nx <img src=x>\n  ```\n<i>');
    expect(listed).not.toContain('<img');
    expect(liveThings(render(listed))).toEqual([]);
  });

  it("moves headings under the page's, keeping their order, and makes setext headings ATX", () => {
    expect(mdText('# A\n\ntext\n\n## B', 3)).toBe('### A\n\ntext\n\n#### B');
    expect(mdText('## A\n\n##### B', 4)).toBe('#### A\n\n###### B');
    expect(mdText('Title\n=====\n\nSub\nline\n---\n\n- x\n---', 2)).toBe('## Title\n\n### Sub line\n\n- x\n---');
    expect(mdText('```\n# not a heading\n```\n# one', 3)).toBe('```\n# not a heading\n```\n### one');
    expect(mdText('# A', 1)).toBe('# A');
  });

  it('keeps plain text (a summary, a format, a title) on one line, starting no block', () => {
    for (const text of ['s\n\n# Injected', '# Heading', '> quote', '- item', '1. item', '```', 'a\n===', 'x\n\n| a | b |\n| - | - |'])
      expect(render(mdInline(text)), text).toMatch(/^<p>[^\n]*<\/p>\n$/);
    expect(mdInline('uuid\n\n[Back](javascript:alert(1))')).toBe('uuid [Back]\\(javascript:alert(1))');
  });

  it('keeps a blockquote a blockquote', () => {
    expect(render(mdText('> quoted <i>\n> more'))).toMatch(/^<blockquote>\n<p>quoted &lt;i&gt;/);
  });

  it('cuts a description before its first heading outside code', () => {
    expect(splitAtFirstHeading('Lead.\n\n```\n# code\n```\n\n# Auth\n\nUse a key.')).toEqual({
      lead: 'Lead.\n\n```\n# code\n```',
      rest: '# Auth\n\nUse a key.',
    });
    expect(splitAtFirstHeading('Lead\nmore\nTitle\n===')).toEqual({ lead: '', rest: 'Lead\nmore\nTitle\n===' });
    expect(splitAtFirstHeading('No heading.')).toEqual({ lead: 'No heading.', rest: '' });
  });
});

describe('the committed packages', () => {
  it('render no element Markdown did not make (a type label `Array<string>` would be a tag)', async () => {
    const generated = path.join(import.meta.dirname, '..', 'generated');
    const files = (await readdir(generated, { recursive: true })).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) expect(liveThings(render(await readFile(path.join(generated, file), 'utf8'))), file).toEqual([]);
  });
});

describe('a generated package', () => {
  it("gives a spec's link definitions nothing of the page's own links to take over", async () => {
    const specFile = path.join(work, 'definitions.json');
    const hijack = 'Things.\n\n[Back to README]: https://evil.example/readme\n[Back to top]: https://evil.example/top';
    const doc = spec(['T', 'd', hijack]) as { components: { schemas: { Thing: { description: string } } } };
    doc.components.schemas.Thing.description = hijack;
    await writeFile(specFile, JSON.stringify(doc));
    const pkg = await generatePackage({ specFile, specPath: 'specs/definitions.yaml', name: 'definitions' });
    // A spec string may use the spec's own definitions; the page's links keep their targets.
    const resource = render(pkg.files.get('docs/ThingsApi.md') ?? '');
    expect(resource).toContain('<a href="#thingsapi">Back to top</a> · <a href="../README.md">Back to README</a>');
    expect(render(pkg.files.get('docs/models/Thing.md') ?? '')).toContain('<p><a href="../../README.md">Back to README</a></p>');
  });

  it('shows an operation without a summary its description once, and a summary as one line', async () => {
    const specFile = path.join(work, 'summaries.json');
    const doc = spec(['T', 'd', 'things']) as { paths: { '/things': { get: Record<string, unknown>; post: Record<string, unknown> } } };
    doc.paths['/things'].get.summary = 'Lists\n\n# Injected';
    doc.paths['/things'].post.description = 'Creates a thing.\nIn one call.';
    await writeFile(specFile, JSON.stringify(doc));
    const page = (await generatePackage({ specFile, specPath: 'specs/summaries.yaml', name: 'summaries' })).files.get('docs/ThingsApi.md') ?? '';
    expect(page).toContain('\nLists # Injected\n');
    // Once in the method's section, besides its row in the table of methods.
    expect(page.slice(page.indexOf('## createThing')).split('Creates a thing.')).toHaveLength(2);
  });

  it("puts the spec's own sections after the README's, so the table of contents reaches the README's", async () => {
    const specFile = path.join(work, 'sections.json');
    const description = 'An API.\n\n# Authentication\n\nSend a key.\n\n## Errors\n\nThey happen.';
    await writeFile(specFile, JSON.stringify({ ...spec(['T', description, 'things']), info: { title: 'T', version: '1', description } }));
    const readme = (await generatePackage({ specFile, specPath: 'specs/sections.yaml', name: 'sections' })).files.get('README.md') ?? '';
    expect(readme).toContain('API version 1.\n\nAn API.\n\n- [Install](#install)');
    expect(readme).toContain('- [About the API](#about-the-api)');
    expect(readme.indexOf('## Authentication')).toBeLessThan(readme.indexOf('### Authentication'));
    expect(readme.indexOf('## Errors\n')).toBeLessThan(readme.indexOf('#### Errors'));
    expect(readme).toMatch(/## About the API\n\n### Authentication\n\nSend a key\.\n\n#### Errors\n\nThey happen\./);
  });

  it('renders no element, handler or code link from any spec string, the spec file name and changelog included', async () => {
    const samples = fc.sample(fc.array(hostile, { minLength: 20, maxLength: 20 }), { numRuns: 4, seed: 20261130 });
    for (const [i, strings] of samples.entries()) {
      const specFile = path.join(work, `spec-${i}.json`);
      await writeFile(specFile, JSON.stringify(spec(strings)));
      // A previous release with nothing in it: the changelog lists every operation by its operationId.
      const model = { operations: {}, schemas: {}, securitySchemes: {} };
      const released = { version: '0.1.0', specSha256: 'old', generatorVersion: '0.0.0', model };
      const previous = { version: '0.1.0', specSha256: 'old', model, changelog: undefined, released };
      const pkg = await generatePackage({ specFile, specPath: `specs/${strings[19] ?? ''}.yaml`, name: `p${i}`, previous });
      const markdown = [...pkg.files].filter(([rel]) => rel.endsWith('.md'));
      expect(markdown.map(([rel]) => rel)).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'api.md']));
      expect(pkg.files.get('CHANGELOG.md')).toContain('list');
      for (const [rel, text] of markdown) expect(liveThings(render(text)), `${rel} of sample ${i}`).toEqual([]);
    }
  }, 120_000);
});
