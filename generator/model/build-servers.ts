/**
 * Server objects → the runtime's ServerSpec literals and a client option per server variable (the
 * server an operation names and its example URL are in server-url.ts).
 * @see https://spec.openapis.org/oas/v3.1.0#server-object
 */
import { jsDoc, tsPropertyKey, tsString } from '../escape/typescript.js';
import { memberName, NameRegistry } from '../escape/identifier.js';
import { mdCell, mdCellCode, mdFence } from '../escape/markdown.js';
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

/** The document's servers, each URL once, in the order the spec lists them. */
function declaredServers(servers: unknown): JsonObject[] {
  const seen = new Set<string>();
  return (Array.isArray(servers) ? servers.filter(isObject) : []).filter((server) => {
    const url = str(server.url) ?? '/';
    if (seen.has(url)) return false;
    seen.add(url);
    return true;
  });
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** The client option that picks among the document's servers, when it declares more than one. */
function serverChoice(declared: readonly JsonObject[], names: NameRegistry): ServersView['choice'] {
  if (declared.length < 2) return undefined;
  const option = names.claim('server');
  const urls = declared.map((server) => str(server.url) ?? '/');
  const lines = [
    'The server to send to, by its URL as the API declares it; the first when not given. `baseUrl` wins over it.',
    // One line a server: a line break in a URL or description would start a new bullet's text.
    ...declared.map((server, i) => `- \`${oneLine(urls[i] ?? '')}\`${str(server.description) ? `: ${oneLine(str(server.description) ?? '')}` : ''}`),
  ];
  return {
    option,
    type: urls.map(tsString).join(' | '),
    doc: jsDoc(lines, '  '),
    firstKey: tsString(urls[0] ?? '/'),
    entries: declared.map((server, i) => ({ key: tsString(urls[i] ?? '/'), literal: serverLiteral(server) })),
  };
}

/** What the README says about the servers: a table of the declared ones and how to choose. */
function serversReadme(
  declared: readonly JsonObject[],
  choice: ServersView['choice'],
  variables: readonly ServerVariableView[],
  clientClass: string,
  packageName: string,
): Omit<ServersView['readme'], 'hasOperationServers'> {
  const rows = declared.map((server, i) => ({
    url: mdCellCode(str(server.url) ?? '/'),
    option: choice ? mdCellCode(`${choice.option}: ${tsString(str(server.url) ?? '/')}`) + (i === 0 ? ' (default)' : '') : i === 0 ? '(default)' : '',
    description: mdCell(str(server.description) ?? ''),
  }));
  const second = declared[1];
  const example =
    choice && second
      ? mdFence(
          'ts',
          [
            `import { ${clientClass} } from '${packageName}';`,
            '',
            `const client = new ${clientClass}({ ${choice.option}: ${tsString(str(second.url) ?? '/')} });`,
          ].join('\n'),
        )
      : '';
  return {
    rows,
    hasRows: rows.length > 0,
    example,
    variableRows: variables.map((v) => ({ option: mdCellCode(v.option), variable: mdCellCode(`{${v.name}}`), summary: mdCell(v.summary) })),
  };
}

/**
 * The document's servers and a client option for every variable of any server the client may use
 * (each of the document's, each path's and each operation's first), and, when the document
 * declares several servers, an option naming the one to use. `taken` holds the option names
 * already used (the base options and the credentials).
 */
export function buildServers(document: OpenApiDocument, taken: Iterable<string>, clientClass: string, packageName: string): ServersView {
  const names = new NameRegistry(taken);
  const declared = declaredServers(document.servers);
  const main = declared[0];
  const choice = serverChoice(declared, names);
  // The servers a client uses unless told otherwise: a variable without a default there is needed.
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
  const usedByDefault = new Set(servers);
  const hasOperationServers = servers.length > (main ? 1 : 0);
  servers.push(...declared.slice(1));
  const byName = new Map<
    string,
    { enums: (string[] | undefined)[]; defaults: (string | undefined)[]; chosenOnly: string[]; description?: string | undefined }
  >();
  for (const server of servers) {
    const variables = isObject(server.variables) ? server.variables : {};
    for (const name of templateNames(str(server.url) ?? '')) {
      const v = isObject(variables[name]) ? variables[name] : {};
      const entry = byName.get(name) ?? { enums: [], defaults: [], chosenOnly: [] };
      entry.enums.push(Array.isArray(v.enum) ? v.enum.filter((e) => typeof e === 'string' || typeof e === 'number').map(String) : undefined);
      const value = variableDefault(server, name);
      // A variable without a default in a server the client uses only when chosen is needed only then.
      if (usedByDefault.has(server) || value !== undefined) entry.defaults.push(value);
      else entry.chosenOnly.push(str(server.url) ?? '/');
      // A blank description says nothing: it would read as a lone `.`, and would hide another server's.
      const description = str(v.description)?.trim();
      if (description) entry.description ??= description;
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
    // The lines read as one sentence after another in the README's table.
    const description = entry.description?.replace(/(?<![.!?:])$/, '.');
    const lines = [
      description ?? `The server variable \`${name}\`.`,
      needed ? `Required unless \`baseUrl\` is given: the server URL has no default for it.` : '',
      ...entry.chosenOnly.map(
        (url) => `Required with \`${choice?.option ?? 'server'}: ${tsString(url)}\` unless \`baseUrl\` is given: that server's URL has no default for it.`,
      ),
      defaults.length === 1
        ? `Defaults to \`${defaults[0] ?? ''}\`.`
        : defaults.length > 1
          ? `Defaults to the server's own default: ${defaults.map((d) => `\`${d}\``).join(' or ')}.`
          : '',
      enums.length > 0 ? `One of ${enums.map((e) => `\`${e}\``).join(', ')}.` : '',
    ].filter(Boolean);
    return { name, nameKey: tsPropertyKey(name), option, type, doc: jsDoc(lines, '  '), summary: lines.join(' ') };
  });
  const mainHasVariables = main !== undefined && templateNames(str(main.url) ?? '').length > 0;
  return {
    mainLiteral: main ? serverLiteral(main) : `{ url: ${tsString('/')} }`,
    variables,
    hasVariables: variables.length > 0,
    mainHasVariables,
    choice,
    hasChoice: choice !== undefined,
    readme: { ...serversReadme(declared, choice, variables, clientClass, packageName), hasOperationServers },
  };
}
