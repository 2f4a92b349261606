/**
 * Which server an operation is sent to, and its URL with the variables' defaults filled in: read by
 * the normalizer, the client's default base URL and the docs' curl lines alike.
 * @see https://spec.openapis.org/oas/v3.1.0#server-object
 */
import { isObject, str, type JsonObject } from '../json.js';

/** The first server of a `servers` list, or undefined. */
export function firstServer(servers: unknown): JsonObject | undefined {
  return Array.isArray(servers) ? servers.find(isObject) : undefined;
}

/** The server an operation names (its own, else its path's), when it replaces the document's. */
export function operationServer(pathItem: JsonObject, operation: JsonObject): JsonObject | undefined {
  return firstServer(operation.servers) ?? firstServer(pathItem.servers);
}

/** The names of the `{variables}` in a server URL, in order. */
export function templateNames(url: string): string[] {
  return [...url.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] ?? '');
}

/**
 * A variable's default. An empty default of a variable the URL starts with (Azure's `{vaultBaseUrl}`)
 * would leave no host at all: it counts as none, so the caller is asked for a value.
 */
export function variableDefault(server: JsonObject, name: string): string | undefined {
  const variables = isObject(server.variables) ? server.variables : {};
  const v = variables[name];
  const value = isObject(v) ? v.default : undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value);
  return text === '' && (str(server.url) ?? '').startsWith(`{${name}}`) ? undefined : text;
}

/** The URL with each variable's default filled in; a variable without one stays `{name}`. */
export function serverExampleUrl(server: JsonObject | undefined): string {
  const url = str(server?.url) ?? '/';
  return url.replace(/\{([^{}]+)\}/g, (match, name: string) => (server === undefined ? undefined : variableDefault(server, name)) ?? match);
}
