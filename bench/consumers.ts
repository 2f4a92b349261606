/**
 * Renders the consumer files: the same GitHub calls written against tokenkit's client, raw
 * openapi-fetch on the same `paths` types, and hey-api's SDK functions. Method and function names are
 * read from what each tool generated (tokenkit's api.md, hey-api's sdk.gen.ts), not guessed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GITHUB_CALLS, type GithubCall, type Json } from './github-calls.js';

export type ConsumerStyle = 'tokenkit' | 'openapi-fetch' | 'hey-api';

/** How the tables name each style's tool. */
export const STYLE_LABELS: Record<ConsumerStyle, string> = { tokenkit: 'tokenkit', 'openapi-fetch': 'openapi-fetch (raw)', 'hey-api': '@hey-api/openapi-ts' };

/** The package each style's consumer imports, by the name it imports it under. */
export function styleLinks(style: ConsumerStyle, packages: { tokenkit?: string; hey?: string }): Record<string, string> | undefined {
  const [name, dir] = style === 'hey-api' ? ['hey-github', packages.hey] : ['@x/github', packages.tokenkit];
  return dir === undefined ? undefined : { [name]: dir };
}

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
const FIRST = GITHUB_CALLS[0]!;

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

type JsonObject = { [key: string]: Json };

/** The object without its undefined and empty-object entries; undefined when none is left. */
function compact(value: { [key: string]: Json | undefined }): JsonObject | undefined {
  const empty = (v: Json | undefined): boolean => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  const kept = Object.entries(value).filter((e): e is [string, Json] => !empty(e[1]));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** The arguments of one call in each style, as a literal, or undefined when it takes none. */
function callArguments(style: ConsumerStyle, call: GithubCall): string | undefined {
  const { pathParams, query, body } = call;
  const value =
    style === 'tokenkit'
      ? compact({ ...pathParams, ...query, body })
      : style === 'openapi-fetch'
        ? compact({ params: compact({ path: pathParams, query }), body })
        : compact({ path: pathParams, query, body });
  return value === undefined ? undefined : literal(value);
}

function lookup<T>(map: Map<string, T>, call: GithubCall, tool: string): T {
  const found = map.get(key(call.method, call.path));
  if (found === undefined) throw new Error(`${tool} generated nothing for ${call.operationId} (${key(call.method, call.path)})`);
  return found;
}

/** The imports and client of a module making `calls` in one style. */
function header(style: ConsumerStyle, calls: readonly GithubCall[], names: Names): string[] {
  if (style === 'tokenkit') return [`import { ${names.clientClass} } from '@x/github';`, '', `const gh = new ${names.clientClass}();`];
  if (style === 'openapi-fetch') {
    return [
      `import createClient from 'openapi-fetch';`,
      `import type { paths } from '@x/github';`,
      '',
      `const client = createClient<paths>({ baseUrl: 'https://api.github.com' });`,
    ];
  }
  // hey-api's SDK functions use the client its output creates.
  return [`import { ${[...new Set(calls.map((c) => lookup(names.hey, c, 'hey-api')))].join(', ')} } from 'hey-github';`];
}

/** The expression making one call in one style. */
function callExpression(style: ConsumerStyle, call: GithubCall, names: Names): string {
  const args = callArguments(style, call);
  if (style === 'tokenkit') {
    const { resource, method } = lookup(names.tokenkit, call, 'tokenkit');
    return `gh.${resource}.${method}(${args ?? ''})`;
  }
  if (style === 'openapi-fetch') return `client.${call.method.toUpperCase()}('${call.path}'${args ? `, ${args}` : ''})`;
  return `${lookup(names.hey, call, 'hey-api')}(${args ?? ''})`;
}

/**
 * The consumer module for one style. With no calls it is the baseline: the same imports and client
 * (hey-api's: the first call's function, not called), so the difference between the two is what the
 * calls themselves cost.
 */
export function renderConsumer(style: ConsumerStyle, calls: readonly GithubCall[], names: Names): string {
  const read = style === 'tokenkit' ? '?' : '.data?';
  const handle = style === 'tokenkit' ? 'gh' : style === 'openapi-fetch' ? 'client' : lookup(names.hey, FIRST, 'hey-api');
  const body =
    calls.length > 0
      ? calls.flatMap((call, i) => [`  const r${i + 1} = await ${callExpression(style, call, names)};`, `  out.push(r${i + 1}${read}.${call.read});`])
      : [`  out.push(${handle});`];
  return [
    `// ${calls.length} GitHub calls through ${style}, rendered by bench/consumers.ts.`,
    ...header(style, calls.length > 0 ? calls : [FIRST], names),
    '',
    'export async function main(): Promise<unknown[]> {',
    '  const out: unknown[] = [];',
    ...body,
    '  return out;',
    '}',
    '',
  ].join('\n');
}

/** The one-operation module for the bundle-size comparison: `repos/get`, exported so it is kept. */
export function renderBundleEntry(style: ConsumerStyle, names: Names): string {
  return [...header(style, [FIRST], names), `export const run = () => ${callExpression(style, FIRST, names)};`, ''].join('\n');
}

/** The one-operation module of a tokenkit standalone function over the package's core: `repos/get`. */
export function renderStandaloneEntry(names: Names): string {
  const { fn } = lookup(names.tokenkit, FIRST, 'tokenkit');
  if (fn === '' || names.coreClass === '') throw new Error("the package's api.md names no standalone function or core class");
  const args = callArguments('tokenkit', FIRST);
  return [
    `import { ${names.coreClass}, ${fn} } from '@x/github';`,
    `const core = new ${names.coreClass}();`,
    `export const run = () => ${fn}(core${args ? `, ${args}` : ''});`,
    '',
  ].join('\n');
}
