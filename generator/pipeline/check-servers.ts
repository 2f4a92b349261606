/**
 * Server URLs the client could not use: one that is no URL once its variables are filled in (a port
 * past 65535, a space in the host, a stray `%`) would make every call throw, and the docs' curl
 * lines could not be written. Each server is tried with its variables' defaults, and with each
 * value a variable's `enum` allows.
 */
import { pointer, type SpecIssue } from '../issues.js';
import { isObject, str, type JsonObject, type OpenApiDocument } from '../json.js';
import { eachOperation } from '../model/http-methods.js';
import { templateNames, variableDefault } from '../model/server-url.js';

// Relative server URLs are resolved against the document's location, which is not known here.
const SOME_BASE = 'https://example.com/';

/** A problem for each server, at any level, whose URL is not a URL with some variable values. */
export function serverUrlIssues(document: OpenApiDocument): Omit<SpecIssue, 'file'>[] {
  const lists: [unknown, string][] = [[document.servers, pointer('servers')]];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [route, item] of Object.entries(paths)) if (isObject(item)) lists.push([item.servers, pointer('paths', route, 'servers')]);
  for (const { route, method, operation } of eachOperation(document)) lists.push([operation.servers, pointer('paths', route, method, 'servers')]);
  const issues: Omit<SpecIssue, 'file'>[] = [];
  for (const [servers, at] of lists) {
    if (!Array.isArray(servers)) continue;
    for (const [i, server] of servers.entries()) {
      if (!isObject(server) || typeof server.url !== 'string') continue;
      if (USER_INFO.test(server.url))
        issues.push({
          code: 'server-credentials',
          message: 'server URL holds a user name or password: it is left out of the package, whose docs and code are published',
          pointer: `${at}${pointer(String(i), 'url')}`,
        });
      const { defaults, choices } = candidateUrls(server);
      const where = `${at}${pointer(String(i), 'url')}`;
      if (!URL.canParse(defaults, SOME_BASE))
        issues.push({ code: 'server-url', message: `server URL ${JSON.stringify(defaults)} is not a URL, so no call could be sent to it`, pointer: where });
      else
        for (const choice of choices.filter((c) => !URL.canParse(c.url, SOME_BASE)))
          issues.push({
            code: 'server-variable-value',
            message: `server URL ${JSON.stringify(choice.url)} is not a URL: a client given ${choice.variable} ${JSON.stringify(choice.value)} could send no call`,
            pointer: `${at}${pointer(String(i), 'variables', choice.variable, 'enum', String(choice.index))}`,
          });
    }
  }
  return issues;
}

// `scheme://user:password@` at the start of a server URL.
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i;

/**
 * Takes the user info out of every server URL of `document` (which {@link serverUrlIssues} reports):
 * a credential in the spec would otherwise be in the package's README, docs and code.
 */
export function withoutServerCredentials(document: OpenApiDocument): void {
  const strip = (servers: unknown) => {
    if (!Array.isArray(servers)) return;
    for (const server of servers) if (isObject(server) && typeof server.url === 'string') server.url = server.url.replace(USER_INFO, '$1');
  };
  strip(document.servers);
  const paths = isObject(document.paths) ? document.paths : {};
  for (const item of Object.values(paths)) if (isObject(item)) strip(item.servers);
  for (const { operation } of eachOperation(document)) strip(operation.servers);
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
