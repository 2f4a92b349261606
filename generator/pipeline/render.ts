/**
 * Render: Handlebars templates over the model. Templates only interpolate, loop and branch; every
 * string in the model is already escaped for its context, so HTML escaping is off (`noEscape`) and
 * unknown names fail loudly (`strict`).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { ApiView } from '../model/types.js';
import type { EmittedTypes } from './emit-types.js';
import { PROJECT_ROOT } from '../paths.js';
import { precompiledTemplates, type PrecompiledTemplates } from './precompiled-templates.js';

export const TEMPLATES = path.join(PROJECT_ROOT, 'templates');

type Template = (context: unknown) => string;

/**
 * How every package template is compiled. bin/bundle.js precompiles with the same options; a test
 * renders a package both ways and compares.
 */
export const TEMPLATE_OPTIONS = { strict: true, noEscape: true } as const;

/** The compiled package templates by output path pattern, and the runtime sources by file name. */
export interface TemplateSet {
  files: Map<string, Template>;
  runtime: Map<string, string>;
}

let cached: Promise<TemplateSet> | undefined;

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : Promise.resolve([path.relative(base, path.join(dir, e.name))]))),
  );
  return nested.flat().sort();
}

/** The Handlebars environment every template renders in: the `json` helper and the `header` partial. */
export function templateEnvironment(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('json', (value: unknown) => JSON.stringify(value));
  hb.registerPartial('header', '{{header}}\n');
  return hb;
}

/**
 * The templates, each compiled once per process: the bundle's precompiled ones when there are,
 * else those under templates/package, compiled here.
 */
export async function loadTemplates(precompiled: PrecompiledTemplates | undefined = precompiledTemplates): Promise<TemplateSet> {
  const hb = templateEnvironment();
  const files = new Map<string, Template>();
  if (precompiled) {
    for (const [name, spec] of precompiled) files.set(name, hb.template(spec));
  } else {
    const packageDir = path.join(TEMPLATES, 'package');
    for (const rel of await listFiles(packageDir)) {
      const source = await readFile(path.join(packageDir, rel), 'utf8');
      files.set(
        rel
          .split(path.sep)
          .join('/')
          .replace(/\.hbs$/, ''),
        hb.compile(source, TEMPLATE_OPTIONS),
      );
    }
  }
  return { files, runtime: await loadRuntimeSources() };
}

/** The runtime's sources by file name (its tests left out): what a package copies, or the shared runtime package holds. */
export async function loadRuntimeSources(): Promise<Map<string, string>> {
  const runtime = new Map<string, string>();
  const runtimeDir = path.join(TEMPLATES, 'runtime');
  for (const rel of await listFiles(runtimeDir)) {
    if (rel.endsWith('.test.ts')) continue;
    runtime.set(rel.split(path.sep).join('/'), await readFile(path.join(runtimeDir, rel), 'utf8'));
  }
  return runtime;
}

/** Every file under `dir`, relative and sorted, with `/` separators. */
export async function listTemplateFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir)).map((rel) => rel.split(path.sep).join('/'));
}

/** The files that hold the types, rendered by {@link renderTypes} once they are made. */
export const SCHEMA_FILE = 'src/schema.ts';
export const MODELS_FILE = 'src/models.ts';

/**
 * Every file of the package except the manifest, the changelog and the types ({@link SCHEMA_FILE},
 * {@link MODELS_FILE}), by path relative to the package root. None of them needs the types, so they
 * are written while the types are made. In no particular order: the pipeline sorts the package's
 * files once, all of them together (file-order.ts). `templates` defaults to the process's own set.
 */
export async function renderPackage(api: ApiView, templates?: TemplateSet): Promise<Map<string, string>> {
  const { files, runtime } = templates ?? (await (cached ??= loadTemplates()));
  const out = new Map<string, string>();
  for (const [name, render] of files) {
    if (name === SCHEMA_FILE || name === MODELS_FILE) continue;
    // `docs/[resourceDocs.docName].md` renders once per item of api.resourceDocs, named by its docName.
    const each = /\[(\w+)\.(\w+)\]/.exec(name);
    if (!each) {
      out.set(name, render(api));
      continue;
    }
    const [placeholder, listKey = '', nameKey = ''] = each;
    const list = (api as unknown as Record<string, unknown>)[listKey];
    if (!Array.isArray(list)) throw new Error(`template ${name}: api.${listKey} is not a list`);
    for (const item of list as Record<string, unknown>[]) {
      out.set(name.replace(placeholder, String(item[nameKey])), render({ ...item, header: api.header, runtimeNested: api.runtimeNested }));
    }
  }
  // A package on the shared runtime imports it from that package (see runtime-package.ts) instead.
  if (!api.sharedRuntime) for (const [name, source] of runtime) out.set(`src/runtime/${name}`, `${api.header}\n${source}`);
  return out;
}

/**
 * {@link SCHEMA_FILE} and {@link MODELS_FILE}: the header, openapi-typescript's output and each model's
 * declaration. `templates` defaults to the process's own set.
 */
export async function renderTypes(api: ApiView, types: EmittedTypes, templates?: TemplateSet): Promise<Map<string, string>> {
  const { files } = templates ?? (await (cached ??= loadTemplates()));
  const render = (file: string, context: object): string => {
    const template = files.get(file);
    if (!template) throw new Error(`no template for ${file}`);
    return template({ ...api, ...context });
  };
  // A model openapi-typescript did not declare (none is known) keeps the indexed access, which is always exact.
  const models = api.models.map((m) => ({ ...m, declaration: types.models.get(m.schemaName) ?? `export type ${m.typeName} = ${m.typeRef};` }));
  return new Map([
    [SCHEMA_FILE, render(SCHEMA_FILE, { schemaSource: types.schema })],
    [
      MODELS_FILE,
      render(MODELS_FILE, {
        models,
        importsComponents: models.some((m) => m.declaration.includes('components[')),
        modelHelpers: types.modelHelpers,
        hasModelHelpers: types.modelHelpers !== '',
      }),
    ],
  ]);
}
