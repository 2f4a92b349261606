/**
 * Server URLs the client could not use: one that is no URL once its variables are filled in (a port
 * past 65535, a space in the host, a stray `%`) would make every call throw, and the docs' curl
 * lines could not be written. Each server is tried with its variables' defaults, and with each
 * value a variable's `enum` allows. And server URLs that hold a credential, as written or once a
 * variable is filled in, which the package must not publish.
 */
import { pointer, type SpecIssue } from '../issues.js';
import { isObject, str, type JsonObject, type OpenApiDocument } from '../json.js';
import { eachOperation } from '../model/http-methods.js';
import { templateNames, variableDefault } from '../model/server-url.js';
import { holdsCredentials, userInfoSpan } from '../url-credentials.js';

// Relative server URLs are resolved against the document's location, which is not known here.
const SOME_BASE = 'https://example.com/';

/** Each `servers` list of `document` (the document's, each path's, each operation's), with its pointer. */
function serverLists(document: OpenApiDocument): [unknown, string][] {
  const lists: [unknown, string][] = [[document.servers, pointer('servers')]];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [route, item] of Object.entries(paths)) if (isObject(item)) lists.push([item.servers, pointer('paths', route, 'servers')]);
  for (const { route, method, operation } of eachOperation(document)) lists.push([operation.servers, pointer('paths', route, method, 'servers')]);
  return lists;
}

/** `url` as a message may quote it: user info, which may be a credential, shown as `…@`. */
function shown(url: string): string {
  const span = userInfoSpan(url);
  return span === undefined ? url : `${url.slice(0, span[0])}…@${url.slice(span[1])}`;
}

/** A problem for each server, at any level, whose URL is not a URL with some variable values. */
export function serverUrlIssues(document: OpenApiDocument): Omit<SpecIssue, 'file'>[] {
  const issues: Omit<SpecIssue, 'file'>[] = [];
  for (const [servers, at] of serverLists(document)) {
    if (!Array.isArray(servers)) continue;
    for (const [i, server] of servers.entries()) {
      if (!isObject(server) || typeof server.url !== 'string') continue;
      for (const found of withoutUserInfo(server).found)
        issues.push({
          code: 'server-credentials',
          message: `${CREDENTIAL_FINDINGS[found.kind]}: it is left out of the package, whose docs and code are published`,
          pointer: `${at}${pointer(String(i), ...found.at)}`,
        });
      const { defaults, choices } = candidateUrls(server);
      const where = `${at}${pointer(String(i), 'url')}`;
      if (!URL.canParse(defaults, SOME_BASE))
        issues.push({
          code: 'server-url',
          message: `server URL ${JSON.stringify(shown(defaults))} is not a URL, so no call could be sent to it`,
          pointer: where,
        });
      else
        for (const choice of choices.filter((c) => !URL.canParse(c.url, SOME_BASE)))
          issues.push({
            code: 'server-variable-value',
            message: `server URL ${JSON.stringify(shown(choice.url))} is not a URL: a client given ${choice.variable} ${JSON.stringify(shown(choice.value))} could send no call`,
            pointer: `${at}${pointer(String(i), 'variables', choice.variable, 'enum', String(choice.index))}`,
          });
    }
  }
  return issues;
}

/**
 * Takes the user info out of every server URL of `document` (which {@link serverUrlIssues} reports),
 * whether the URL holds it or a variable's default or enum value fills it in: a credential in the
 * spec would otherwise be in the package's README, docs, code and manifest.
 */
export function withoutServerCredentials(document: OpenApiDocument): void {
  for (const [servers] of serverLists(document)) {
    if (!Array.isArray(servers)) continue;
    for (let i = servers.length - 1; i >= 0; i--) {
      const server: unknown = servers[i];
      if (!isObject(server) || typeof server.url !== 'string') continue;
      const { clean, found } = withoutUserInfo(server);
      if (found.length === 0) continue;
      if (clean === undefined) servers.splice(i, 1);
      else Object.assign(server, clean);
    }
  }
}

/** What puts a user name or password into a server's URL, as the finding names it. */
const CREDENTIAL_FINDINGS = {
  url: 'server URL holds a user name or password',
  default: "server variable's default puts a user name or password into the server URL",
  enum: "server variable's value puts a user name or password into the server URL",
  server: 'server URL holds a user name or password once its variables are filled in',
} as const;

interface CredentialFinding {
  kind: keyof typeof CREDENTIAL_FINDINGS;
  /** Where, under the server. */
  at: string[];
}

// What a variable is filled in with when its own value is not the one tried: it adds no `@` or `/`,
// so the host part is what the URL and the value tried make it.
const NEUTRAL = '1';

/**
 * `server`'s URL and variables with no user info: taken out of the URL as written (with the variables
 * only it named), and out of each default and enum value that fills it in (a value it cannot be
 * taken out of is dropped); undefined when some is left (then the server is left out). Each change
 * is a finding; none names the value, since findings are printed.
 */
function withoutUserInfo(server: JsonObject): { clean: { url: string; variables?: JsonObject } | undefined; found: CredentialFinding[] } {
  const found: CredentialFinding[] = [];
  let url = str(server.url) ?? '';
  while (holdsCredentials(fill(url).url)) {
    const span = userInfoSpan(url);
    if (span === undefined) return { clean: undefined, found: [{ kind: 'url', at: ['url'] }] };
    url = url.slice(0, span[0]) + url.slice(span[1]);
    if (found.length === 0) found.push({ kind: 'url', at: ['url'] });
  }
  const names = new Set(templateNames(url));
  const declared = isObject(server.variables) ? server.variables : undefined;
  const variables: JsonObject = {};
  // A variable only the user info named is left out with it.
  for (const [name, variable] of Object.entries(declared ?? {})) {
    if (!names.has(name) && templateNames(str(server.url) ?? '').includes(name)) continue;
    if (!isObject(variable) || !names.has(name)) {
      variables[name] = variable;
      continue;
    }
    const kept = { ...variable };
    if (typeof variable.default === 'string') {
      const value = withoutValueUserInfo(url, name, variable.default);
      if (value !== variable.default) {
        found.push({ kind: 'default', at: ['variables', name, 'default'] });
        if (value === undefined) delete kept.default;
        else kept.default = value;
      }
    }
    if (Array.isArray(variable.enum)) {
      const values = variable.enum.map((value: unknown, index) => {
        if (typeof value !== 'string') return value;
        const clean = withoutValueUserInfo(url, name, value);
        if (clean !== value) found.push({ kind: 'enum', at: ['variables', name, 'enum', String(index)] });
        return clean;
      });
      kept.enum = [...new Set(values.filter((value) => value !== undefined))];
    }
    variables[name] = kept;
  }
  const clean = { url, ...(declared === undefined ? {} : { variables }) };
  // Each value is clean on its own; two together could still make user info (`{scheme}{rest}`, `https:` and `//user:pw@host`).
  const { defaults, choices } = candidateUrls(clean);
  if ([defaults, ...choices.map((c) => c.url)].some(holdsCredentials)) return { clean: undefined, found: [...found, { kind: 'server', at: ['url'] }] };
  return { clean, found };
}

/**
 * `value` of the variable `name` of the server URL `url` without the part of it that fills in user
 * info: `user:pw@example.com` as the host is `example.com`, `https://u:p@h` as the whole URL is
 * `https://h`. The same value when it fills in none; undefined when what is left still does.
 */
function withoutValueUserInfo(url: string, name: string, value: string): string | undefined {
  const filled = fill(url, name, value);
  if (!holdsCredentials(filled.url)) return value;
  const span = userInfoSpan(filled.url);
  if (span === undefined) return undefined;
  // The URL with every other variable neutral holds none, so the `@` that ends the user info is the value's.
  const [start, end] = span;
  const at = filled.at.find((p) => p <= end - 1 && end - 1 < p + value.length);
  if (at === undefined) return undefined;
  const rest = value.slice(0, Math.max(start - at, 0)) + value.slice(end - at);
  return holdsCredentials(fill(url, name, rest).url) ? undefined : rest;
}

/** `url` with `name` at `value` (and where each of its places starts), every other variable neutral. */
function fill(url: string, name?: string, value = NEUTRAL): { url: string; at: number[] } {
  const at: number[] = [];
  let text = '';
  let last = 0;
  for (const m of url.matchAll(/\{([^{}]+)\}/g)) {
    text += url.slice(last, m.index);
    if (m[1] === name) at.push(text.length);
    text += m[1] === name ? value : NEUTRAL;
    last = m.index + m[0].length;
  }
  return { url: text + url.slice(last), at };
}

/** A server's URL with one variable at one of its enum values. */
interface Choice {
  url: string;
  variable: string;
  value: string;
  index: number;
}

/** The URL with every variable at its default, then with each enum value of each variable in turn. */
function candidateUrls(server: JsonObject): { defaults: string; choices: Choice[] } {
  const url = str(server.url) ?? '';
  const names = templateNames(url);
  // A variable with no default is one the client asks for; a digit stands for it here, which fits a
  // host, a port and a path alike.
  const defaults = new Map(names.map((name) => [name, variableDefault(server, name) ?? '1']));
  const fill = (values: ReadonlyMap<string, string>) => url.replace(/\{([^{}]+)\}/g, (_m, name: string) => values.get(name) ?? '1');
  const choices: Choice[] = [];
  const variables = isObject(server.variables) ? server.variables : {};
  for (const name of names) {
    const v = variables[name];
    const values = isObject(v) && Array.isArray(v.enum) ? v.enum : [];
    for (const [index, value] of values.entries())
      if (typeof value === 'string' || typeof value === 'number')
        choices.push({ url: fill(new Map([...defaults, [name, String(value)]])), variable: name, value: String(value), index });
  }
  return { defaults: fill(defaults), choices };
}
