/**
 * Renders the consumer files: the same GitHub calls written against tokenkit's client, raw
 * openapi-fetch on the same `paths` types, and hey-api's SDK functions. Method and function names are
 * read from what each tool generated (tokenkit's api.md, hey-api's sdk.gen.ts), not guessed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GithubCall, Json } from './github-calls.js';

export type ConsumerStyle = 'tokenkit' | 'openapi-fetch' | 'hey-api';

/** How each tool names one operation. */
export interface Names {
  /** tokenkit's client class. */
  clientClass: string;
  /** tokenkit's core class, which its standalone functions take. */
  coreClass: string;
  /** "GET /path" → tokenkit's resource, method and standalone function. */
  tokenkit: Map<string, { resource: string; method: string; fn: string }>;
  /** "GET /path" → hey-api's SDK function. */
  hey: Map<string, string>;
}

/** `repos/get`: the one call of the bundle entries and of the hey-api baseline. */
const GITHUB_CALLS_FIRST: GithubCall = {
  operationId: 'repos/get',
  method: 'get',
  path: '/repos/{owner}/{repo}',
  pathParams: { owner: 'octocat', repo: 'hello-world' },
  read: 'full_name',
};

const key = (method: string, p: string): string => `${method.toUpperCase()} ${p}`;

/** Reads tokenkit's names from the package's api.md. */
export async function tokenkitNames(pkgDir: string): Promise<Pick<Names, 'clientClass' | 'coreClass' | 'tokenkit'>> {
  const md = await readFile(path.join(pkgDir, 'api.md'), 'utf8');
  const clientClass = /Every method of `([A-Za-z0-9_$]+)`/.exec(md)?.[1];
  if (!clientClass) throw new Error(`no client class named in ${pkgDir}/api.md`);
  const coreClass = /over a `([A-Za-z0-9_$]+)`/.exec(md)?.[1] ?? '';
  const names = new Map<string, { resource: string; method: string; fn: string }>();
  const re = /^- `client\.([A-Za-z0-9_$]+)\.([A-Za-z0-9_$]+)\(.*\n\s+`([A-Z]+) ([^`]+)`(?: · `([A-Za-z0-9_$]+)\()?/gm;
  for (const m of md.matchAll(re)) names.set(key(m[3]!, m[4]!), { resource: m[1]!, method: m[2]!, fn: m[5] ?? '' });
  return { clientClass, coreClass, tokenkit: names };
}

/** Reads hey-api's SDK function names from sdk.gen.ts. */
export async function heyNames(srcDir: string): Promise<Map<string, string>> {
  const sdk = await readFile(path.join(srcDir, 'sdk.gen.ts'), 'utf8');
  const names = new Map<string, string>();
  const starts = [...sdk.matchAll(/^export const ([A-Za-z0-9_$]+) = /gm)];
  starts.forEach((m, i) => {
    const chunk = sdk.slice(m.index, starts[i + 1]?.index ?? sdk.length);
    const method = /\)\.(get|post|put|patch|delete|head|options)</.exec(chunk)?.[1];
    const url = /\burl: '([^']+)'/.exec(chunk)?.[1];
    if (method && url) names.set(key(method, url), m[1]!);
  });
  return names;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A TypeScript literal for a JSON value, with bare keys where they are identifiers. */
export function literal(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${IDENT.test(k) ? k : `'${k}'`}: ${literal(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value);
}

function openapiFetchInit(call: GithubCall): string | undefined {
  const params: { [k: string]: Json } = {};
  if (Object.keys(call.pathParams).length > 0) params.path = call.pathParams;
  if (call.query) params.query = call.query;
  const init: { [k: string]: Json } = {};
  if (Object.keys(params).length > 0) init.params = params;
  if (call.body) init.body = call.body;
  return Object.keys(init).length > 0 ? literal(init) : undefined;
}

function heyOptions(call: GithubCall): string | undefined {
  const options: { [k: string]: Json } = {};
  if (Object.keys(call.pathParams).length > 0) options.path = call.pathParams;
  if (call.query) options.query = call.query;
  if (call.body) options.body = call.body;
  return Object.keys(options).length > 0 ? literal(options) : undefined;
}

function tokenkitParams(call: GithubCall): string | undefined {
  const params: { [k: string]: Json } = { ...call.pathParams, ...call.query };
  if (call.body) params.body = call.body;
  return Object.keys(params).length > 0 ? literal(params) : undefined;
}

function lookup<T>(map: Map<string, T>, call: GithubCall, tool: string): T {
  const found = map.get(key(call.method, call.path));
  if (found === undefined) throw new Error(`${tool} generated nothing for ${call.operationId} (${key(call.method, call.path)})`);
  return found;
}

/**
 * The consumer module for one style. With no calls it is the baseline: the same imports and client,
 * so the difference between the two is what the calls themselves cost.
 */
export function renderConsumer(style: ConsumerStyle, calls: readonly GithubCall[], names: Names): string {
  const lines: string[] = [`// ${calls.length} GitHub calls through ${style}, rendered by bench/consumers.ts.`];
  const body: string[] = [];
  calls.forEach((call, i) => {
    const r = `r${i + 1}`;
    if (style === 'tokenkit') {
      const { resource, method } = lookup(names.tokenkit, call, 'tokenkit');
      body.push(`  const ${r} = await gh.${resource}.${method}(${tokenkitParams(call) ?? ''});`, `  out.push(${r}?.${call.read});`);
    } else if (style === 'openapi-fetch') {
      const init = openapiFetchInit(call);
      body.push(`  const ${r} = await client.${call.method.toUpperCase()}('${call.path}'${init ? `, ${init}` : ''});`, `  out.push(${r}.data?.${call.read});`);
    } else {
      body.push(`  const ${r} = await ${lookup(names.hey, call, 'hey-api')}(${heyOptions(call) ?? ''});`, `  out.push(${r}.data?.${call.read});`);
    }
  });
  if (style === 'tokenkit') {
    lines.push(`import { ${names.clientClass} } from '@x/github';`, '', `const gh = new ${names.clientClass}();`);
    if (calls.length === 0) body.push('  out.push(gh);');
  } else if (style === 'openapi-fetch') {
    lines.push(
      `import createClient from 'openapi-fetch';`,
      `import type { paths } from '@x/github';`,
      '',
      `const client = createClient<paths>({ baseUrl: 'https://api.github.com' });`,
    );
    if (calls.length === 0) body.push('  out.push(client);');
  } else {
    // hey-api's SDK functions use the client its output creates; the baseline imports one without calling it.
    const first = GITHUB_CALLS_FIRST;
    const fns = calls.length > 0 ? [...new Set(calls.map((c) => lookup(names.hey, c, 'hey-api')))] : [lookup(names.hey, first, 'hey-api')];
    lines.push(`import { ${fns.join(', ')} } from 'hey-github';`);
    if (calls.length === 0) body.push(`  out.push(${fns[0]});`);
  }
  lines.push('', 'export async function main(): Promise<unknown[]> {', '  const out: unknown[] = [];', ...body, '  return out;', '}', '');
  return lines.join('\n');
}

/** The one-operation module of a tokenkit standalone function over the package's core: `repos/get`. */
export function renderStandaloneEntry(names: Names): string {
  const call = GITHUB_CALLS_FIRST;
  const { fn } = lookup(names.tokenkit, call, 'tokenkit');
  if (fn === '' || names.coreClass === '') throw new Error("the package's api.md names no standalone function or core class");
  return [
    `import { ${names.coreClass}, ${fn} } from '@x/github';`,
    `const core = new ${names.coreClass}();`,
    `export const run = () => ${fn}(core${tokenkitParams(call) === undefined ? '' : `, ${tokenkitParams(call)}`});`,
    '',
  ].join('\n');
}

/** The one-operation module for the bundle-size comparison: `repos/get`, exported so it is kept. */
export function renderBundleEntry(style: ConsumerStyle, names: Names): string {
  const call = GITHUB_CALLS_FIRST;
  if (style === 'tokenkit') {
    const { resource, method } = lookup(names.tokenkit, call, 'tokenkit');
    return [
      `import { ${names.clientClass} } from '@x/github';`,
      `const gh = new ${names.clientClass}();`,
      `export const run = () => gh.${resource}.${method}(${tokenkitParams(call) ?? ''});`,
      '',
    ].join('\n');
  }
  if (style === 'openapi-fetch') {
    return [
      `import createClient from 'openapi-fetch';`,
      `import type { paths } from '@x/github';`,
      `const client = createClient<paths>({ baseUrl: 'https://api.github.com' });`,
      `export const run = () => client.GET('${call.path}', ${openapiFetchInit(call) ?? '{}'});`,
      '',
    ].join('\n');
  }
  const fn = lookup(names.hey, call, 'hey-api');
  return [`import { ${fn} } from 'hey-github';`, `export const run = () => ${fn}(${heyOptions(call) ?? ''});`, ''].join('\n');
}
