/**
 * The bundled CLI renders from templates precompiled when it is bundled; the tests run the sources,
 * which compile templates/package at run time. Both must write the same bytes, and a template edited
 * after the bundle was built must never render its old text.
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApi } from '../generator/model/build-api.js';
import type { PrecompiledTemplates, TemplateSpec } from '../generator/pipeline/precompiled-templates.js';
import { readSpec } from '../generator/pipeline/read-spec.js';
import { loadTemplates, renderPackage, renderTypes } from '../generator/pipeline/render.js';

const root = path.resolve(import.meta.dirname, '..');
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-templates-'));
  temps.push(dir);
  return dir;
}

interface BundleModule {
  precompiledTemplatesModule: (dir: string) => Promise<string>;
  ensureBundle: (layout: { sourceDir: string; distDir: string; entry: string; templatesDir: string }) => Promise<string>;
}
const bundle = async () => (await import(path.join(root, 'bin/bundle.js'))) as BundleModule;

/** The module the bundle puts in place of precompiled-templates.ts, loaded. */
async function precompiled(templatesDir: string): Promise<PrecompiledTemplates> {
  const file = path.join(await tempDir(), 'precompiled-templates.mjs');
  await writeFile(file, await (await bundle()).precompiledTemplatesModule(templatesDir));
  return ((await import(pathToFileURL(file).href)) as { precompiledTemplates: PrecompiledTemplates }).precompiledTemplates;
}

describe('the precompiled templates', () => {
  // Specs that between them take most of the templates' branches: auth schemes, pagination, files, servers.
  const specs = [
    'specs/launchdarkly.yaml',
    'specs/quay.yaml',
    'specs/ionos-container-registry.yaml',
    'test/fixtures/specs/requests-files.yaml',
    'test/fixtures/specs/paging-cursors.yaml',
  ];

  it.each(specs)('render every file of %s byte for byte as the templates compiled from source do', async (spec) => {
    const fromBundle = await loadTemplates(await precompiled(path.join(root, 'templates/package')));
    const fromSource = await loadTemplates(undefined);
    expect([...fromBundle.files.keys()]).toEqual([...fromSource.files.keys()]);
    const input = await readSpec(path.join(root, spec));
    const api = buildApi(input, { name: 'x', packageName: '@acme/x', version: '1.2.3', generatorVersion: '0', specPath: spec });
    expect(await renderPackage(api, fromBundle)).toEqual(await renderPackage(api, fromSource));
    const types = { schema: "export interface paths { '/a': { get: never } }\n", models: new Map<string, string>(), modelHelpers: '' };
    expect(await renderTypes(api, types, fromBundle)).toEqual(await renderTypes(api, types, fromSource));
  });

  it('are strict as the source ones are: a name missing from the context throws', async () => {
    const fromBundle = await loadTemplates(await precompiled(path.join(root, 'templates/package')));
    expect(() => fromBundle.files.get('package.json')?.({})).toThrow(/not defined/);
  });

  it('are precompiled again when a template is newer than the bundle', async () => {
    const dir = await tempDir();
    const layout = { sourceDir: path.join(dir, 'src'), distDir: path.join(dir, 'dist'), entry: 'main.ts', templatesDir: path.join(dir, 'templates') };
    await mkdir(layout.sourceDir);
    await mkdir(path.join(layout.templatesDir, 'docs'), { recursive: true });
    await writeFile(path.join(layout.sourceDir, 'main.ts'), "export { precompiledTemplates } from './precompiled-templates.js';\n");
    await writeFile(path.join(layout.sourceDir, 'precompiled-templates.ts'), 'export const precompiledTemplates = undefined;\n');
    const template = path.join(layout.templatesDir, 'docs', 'page.md.hbs');
    await writeFile(template, 'one {{name}}\n');
    const render = async (version: number) => {
      const entry = await (await bundle()).ensureBundle(layout);
      const { precompiledTemplates } = (await import(`${pathToFileURL(entry).href}?v=${version}`)) as { precompiledTemplates: Map<string, TemplateSpec> };
      const spec = precompiledTemplates.get('docs/page.md');
      if (!spec) throw new Error(`no docs/page.md among ${[...precompiledTemplates.keys()].join(', ')}`);
      return Handlebars.create().template(spec)({ name: 'page' });
    };
    expect(await render(1)).toBe('one page\n');

    await writeFile(template, 'two {{name}}\n');
    const later = new Date(Date.now() + 5_000);
    await utimes(template, later, later);
    expect(await render(2)).toBe('two page\n');

    // A template added or removed with an older time (copied, restored, checked out) leaves no newer
    // file behind, only its directory changed: the bundle must pick it up, and stop rendering it.
    const past = new Date(Date.now() - 60_000);
    await utimes(template, past, past);
    const names = async (version: number) => {
      const entry = await (await bundle()).ensureBundle(layout);
      return [
        ...((await import(`${pathToFileURL(entry).href}?v=${version}`)) as { precompiledTemplates: Map<string, TemplateSpec> }).precompiledTemplates.keys(),
      ];
    };
    await utimes(path.join(layout.templatesDir, 'docs'), past, past);
    expect(await names(3)).toEqual(['docs/page.md']);
    const extra = path.join(layout.templatesDir, 'docs', 'extra.md.hbs');
    await writeFile(extra, 'extra\n');
    await utimes(extra, past, past);
    expect(await names(4)).toEqual(['docs/extra.md', 'docs/page.md']);
    await rm(extra);
    expect(await names(5)).toEqual(['docs/page.md']);
  });
});
