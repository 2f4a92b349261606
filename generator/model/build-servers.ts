/**
 * Server objects → the runtime's ServerSpec literals and a client option per server variable (the
 * server an operation names and its example URL are in server-url.ts).
 * @see https://spec.openapis.org/oas/v3.1.0#server-object
 */
import { jsDoc, tsPropertyKey, tsString } from '../escape/typescript.js';
import { memberName, NameRegistry } from '../escape/identifier.js';
import { isObject, str, type JsonObject, type OpenApiDocument } from '../json.js';
import { HTTP_METHODS } from './http-methods.js';
import { firstServer, templateNames, variableDefault } from './server-url.js';
import type { ServersView, ServerVariableView } from './types.js';

/** The runtime's ServerSpec literal: the URL and its variables' defaults. */
export function serverLiteral(server: JsonObject): string {
  const url = str(server.url) ?? '/';
  const defaults = templateNames(url).flatMap((name) => {
    const value = variableDefault(server, name);
    return value === undefined ? [] : [`${tsPropertyKey(name)}: { default: ${tsString(value)} }`];
  });
  return defaults.length === 0 ? `{ url: ${tsString(url)} }` : `{ url: ${tsString(url)}, variables: { ${[...new Set(defaults)].join(', ')} } }`;
}

/**
 * The document's server and a client option for every variable of any server the client may use
 * (the document's first, each path's and each operation's first). `taken` holds the option names
 * already used (the base options and the credentials).
 */
export function buildServers(document: OpenApiDocument, taken: Iterable<string>): ServersView {
  const names = new NameRegistry(taken);
  const main = firstServer(document.servers);
  const servers: JsonObject[] = main ? [main] : [];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    const own = firstServer(item.servers);
    if (own) servers.push(own);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      const opServer = isObject(op) ? firstServer(op.servers) : undefined;
      if (opServer) servers.push(opServer);
    }
  }
  const byName = new Map<string, { enums: (string[] | undefined)[]; defaults: (string | undefined)[]; description?: string | undefined }>();
  for (const server of servers) {
    const variables = isObject(server.variables) ? server.variables : {};
    for (const name of templateNames(str(server.url) ?? '')) {
      const v = isObject(variables[name]) ? variables[name] : {};
      const entry = byName.get(name) ?? { enums: [], defaults: [] };
      entry.enums.push(Array.isArray(v.enum) ? v.enum.filter((e) => typeof e === 'string' || typeof e === 'number').map(String) : undefined);
      entry.defaults.push(variableDefault(server, name));
      entry.description ??= str(v.description);
      byName.set(name, entry);
    }
  }
  const variables: ServerVariableView[] = [...byName].map(([name, entry]) => {
    const option = names.claim(memberName(name));
    // Typed as the enum only when every server that names the variable restricts it.
    const enums = entry.enums.every((e) => e !== undefined) ? [...new Set(entry.enums.flat())] : [];
    const type = enums.length > 0 ? enums.map(tsString).join(' | ') : 'string';
    const needed = entry.defaults.some((d) => d === undefined);
    const defaults = [...new Set(entry.defaults.filter((d): d is string => d !== undefined))];
    const lines = [
      entry.description ?? `The server variable \`${name}\`.`,
      needed ? `Required unless \`baseUrl\` is given: the server URL has no default for it.` : '',
      defaults.length === 1 ? `Defaults to \`${defaults[0] ?? ''}\`.` : '',
      enums.length > 0 ? `One of ${enums.map((e) => `\`${e}\``).join(', ')}.` : '',
    ].filter(Boolean);
    return { name, nameKey: tsPropertyKey(name), option, type, doc: jsDoc(lines, '  '), summary: lines.join(' ') };
  });
  return {
    mainLiteral: main ? serverLiteral(main) : `{ url: ${tsString('/')} }`,
    variables,
    hasVariables: variables.length > 0,
    mainHasVariables: main !== undefined && templateNames(str(main.url) ?? '').length > 0,
  };
}
