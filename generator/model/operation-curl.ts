/**
 * The curl line of an operation's doc page: the example call on the wire, serialised by the
 * client's own functions (see build-curl.ts), its credentials read from the environment variables
 * the client reads.
 */
import { curlArgs, curlUrl, expandTimePlaceholders, withTimePlaceholders, type CurlParam, type CurlRequest } from './build-curl.js';
import { shellQuote } from './build-examples.js';
import { envVar } from './client-setup.js';
import type { BodyExample } from './operation-example.js';
import { serverExampleUrl } from './server-url.js';
import type { ApiCoreView, OperationView, SecuritySchemeView } from './types.js';

/** A shell word: a literal part in single quotes, then the variable in double quotes. */
function withVar(literal: string, variable: string): string {
  return `${shellQuote(literal)}"$${variable}"`;
}

/** curl's auth arguments, and the URL with any query-string credential appended. */
export function curlAuth(api: Pick<ApiCoreView, 'packageName' | 'authOptions'>, schemes: SecuritySchemeView[], url: string): { args: string[]; url: string } {
  const args: string[] = [];
  let target = shellQuote(url);
  for (const s of schemes) {
    const [first = '', second = ''] = s.optionNames.map((o) => envVar(api, o));
    if (s.wire.type === 'basic') args.push(`-u "$${first}:$${second}"`);
    else if (s.wire.type === 'bearer') args.push(`-H ${withVar('Authorization: Bearer ', first)}`);
    else if (s.wire.in === 'header') args.push(`-H ${withVar(`${s.wire.name}: `, first)}`);
    else if (s.wire.in === 'query') target = withVar(`${url}${url.includes('?') ? '&' : '?'}${queryName(s.wire.name)}=`, first);
    else args.push(`-b ${withVar(`${s.wire.name}=`, first)}`);
  }
  return { args, url: target };
}

/** A query parameter's name as the client writes it (form encoding: a space is `+`). */
function queryName(name: string): string {
  return new URLSearchParams([[name, '']]).toString().slice(0, -1);
}

/**
 * `URL` percent-encodes the braces of a placeholder left in the path (a path parameter without an
 * example); docs show those as written. Braces anywhere else are the request's own bytes.
 */
export function decodeBraces(url: string, placeholders: readonly string[]): string {
  const query = url.search(/[?#]/);
  let path = query === -1 ? url : url.slice(0, query);
  for (const name of placeholders) path = path.split(`%7B${encodeURIComponent(name)}%7D`).join(`{${name}}`);
  return query === -1 ? path : path + url.slice(query);
}

/** curl reads `[]` and `{}` in a URL as its own globbing patterns unless told not to. */
function globOff(url: string): string {
  return /[[\]{}]/.test(url) ? ' -g' : '';
}

/**
 * The request the example call sends: the parameters with an example value and the body, to the
 * operation's own server when it names one. A path parameter without a value keeps its `{name}`.
 */
function curlRequest(api: ApiCoreView, op: OperationView, values: ReadonlyMap<string, unknown>, body: BodyExample | undefined): CurlRequest {
  const params: CurlParam[] = op.params.flatMap((p, i) => {
    const encoding = op.normalized.parameters[i]?.encoding ?? {};
    return values.has(p.key) ? [{ name: p.name, in: p.in, encoding, value: withTimePlaceholders(values.get(p.key)) }] : [];
  });
  const { server } = op.normalized;
  return {
    method: op.httpMethod,
    baseUrl: server === undefined ? api.defaultBaseUrl : serverExampleUrl(server),
    route: op.path,
    params,
    body:
      body === undefined || body.value === undefined
        ? undefined
        : { mediaType: body.variant.mediaType, kind: body.variant.kind, value: withTimePlaceholders(body.value), encoding: body.media.encoding },
  };
}

/** The curl command of the example call with the credentials of `schemes`, one argument a line. */
export function operationCurl(
  api: ApiCoreView,
  op: OperationView,
  values: ReadonlyMap<string, unknown>,
  body: BodyExample | undefined,
  schemes: SecuritySchemeView[],
): string {
  const request = curlRequest(api, op, values, body);
  const url = new URL(curlUrl(request), 'https://example.com');
  const placeholders = op.params.filter((p) => p.in === 'path' && !values.has(p.key)).map((p) => p.name);
  const auth = curlAuth(api, schemes, decodeBraces(url.toString(), placeholders));
  // The Accept header the client sends for the operation, when it sends one: not when the call
  // gives an Accept header parameter, which the client sends instead.
  const ownAccept = request.params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'accept');
  const accept = op.accept === undefined || ownAccept ? [] : [`-H ${shellQuote(`Accept: ${op.accept}`)}`];
  const lines = [`curl${globOff(auth.url)} -X ${op.httpMethod} ${auth.url}`, ...auth.args, ...accept, ...curlArgs(request)];
  return lines.map(expandTimePlaceholders).join(' \\\n  ');
}
