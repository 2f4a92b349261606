/**
 * Render: Handlebars templates over the model. Templates only interpolate, loop and branch; every
 * string in the model is already escaped for its context, so HTML escaping is off (`noEscape`) and
 * unknown names fail loudly (`strict`).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { ApiView } from '../model/types.js';

const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

type Template = (context: unknown) => string;

interface TemplateSet {
  files: Map<string, Template>;
  runtime: Map<string, string>;
}

let cached: Promise<TemplateSet> | undefined;

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))])),
  );
  return nested.flat().sort();
}

async function loadTemplates(): Promise<TemplateSet> {
  const hb = Handlebars.create();
  hb.registerHelper('json', (value: unknown) => JSON.stringify(value));
  hb.registerPartial('header', '{{header}}\n');
  const files = new Map<string, Template>();
  const packageDir = path.join(TEMPLATES, 'package');
  for (const rel of await listFiles(packageDir)) {
    const source = await readFile(path.join(packageDir, rel), 'utf8');
    files.set(
      rel
        .split(path.sep)
        .join('/')
        .replace(/\.hbs$/, ''),
      hb.compile(source, { strict: true, noEscape: true }),
    );
  }
  const runtime = new Map<string, string>();
  const runtimeDir = path.join(TEMPLATES, 'runtime');
  for (const rel of await listFiles(runtimeDir)) {
    if (rel.endsWith('.test.ts')) continue;
    runtime.set(rel.split(path.sep).join('/'), await readFile(path.join(runtimeDir, rel), 'utf8'));
  }
  return { files, runtime };
}

/** Every file of the package except the manifest, by path relative to the package root. */
export async function renderPackage(api: ApiView, schemaSource: string): Promise<Map<string, string>> {
  cached ??= loadTemplates();
  const { files, runtime } = await cached;
  const out = new Map<string, string>();
  const template = (name: string): Template => {
    const t = files.get(name);
    if (!t) throw new Error(`missing template ${name}`);
    return t;
  };
  for (const [name, render] of files) {
    if (name === 'src/resources/resource.ts') continue;
    out.set(name, render(name === 'src/schema.ts' ? { ...api, schemaSource } : api));
  }
  for (const resource of api.resources) {
    out.set(`src/resources/${resource.fileName}.ts`, template('src/resources/resource.ts')({ ...resource, header: api.header }));
  }
  for (const [name, source] of runtime) out.set(`src/runtime/${name}`, `${api.header}\n${source}`);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
