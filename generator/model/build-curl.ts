/**
 * The curl equivalent of a documented call. The URL, the parameters and a form body are serialised
 * by the same runtime functions the client uses, so the line shows the request the client sends:
 * styled query strings and path segments, header and cookie parameters, form bodies as
 * `--data-urlencode`, multipart as `-F`, binary as `--data-binary @file`, each with its Content-Type.
 */
import {
  formPairs,
  serializeCookies,
  serializeHeader,
  serializePath,
  serializeQuery,
  type ParamEncoding,
  type PartEncoding,
} from '../../templates/runtime/request.js';
import { routePath } from '../../templates/runtime/path.js';
import { FileExample, RelativeTime, shellQuote, shellTime, TIME_EXTENSION_UNITS } from './build-examples.js';
import type { BodyKind } from './normalized-types.js';
import { setOwn } from '../json.js';
import { jsonText } from '../escape/json-text.js';

/** One parameter of the call, with its example value. */
export interface CurlParam {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  encoding: ParamEncoding;
  value: unknown;
}

/** What the curl line is made from. */
export interface CurlRequest {
  method: string;
  /** The server's URL, variables filled in. */
  baseUrl: string;
  route: string;
  params: CurlParam[];
  body?: { mediaType: string; kind: BodyKind; value: unknown; encoding: Readonly<Record<string, PartEncoding>> } | undefined;
}

function byLocation(params: CurlParam[], location: CurlParam['in']): { specs: Record<string, ParamEncoding>; values: Record<string, unknown> } {
  const chosen = params.filter((p) => p.in === location);
  return {
    specs: Object.fromEntries(chosen.map((p) => [p.name, p.encoding])),
    values: Object.fromEntries(chosen.map((p) => [p.name, p.value])),
  };
}

/** The request URL, as the client builds it. */
export function curlUrl(req: CurlRequest): string {
  const path = byLocation(req.params, 'path');
  const query = byLocation(req.params, 'query');
  const base = req.baseUrl.replace(/\/$/, '');
  const url = serializePath(`${base}${routePath(req.route)}`, req.route, path.specs, path.values);
  const search = serializeQuery(query.specs, query.values);
  return search === '' ? url : `${url}?${search}`;
}

/** The arguments after the URL and the auth: header and cookie parameters, then the body. */
export function curlArgs(req: CurlRequest): string[] {
  const args: string[] = [];
  for (const p of req.params.filter((q) => q.in === 'header')) {
    const text = serializeHeader(p.value, p.encoding);
    // `-H 'Name: '` tells curl to leave the header out; `-H 'Name;'` sends it empty, as the client does.
    if (text !== undefined) args.push(`-H ${shellQuote(text === '' ? `${p.name};` : `${p.name}: ${text}`)}`);
  }
  const cookies = byLocation(req.params, 'cookie');
  const cookie = serializeCookies(cookies.specs, cookies.values);
  if (cookie !== '') args.push(`-b ${shellQuote(cookie)}`);
  if (req.body !== undefined) args.push(...bodyArgs(req.body));
  return args;
}

function bodyArgs(body: NonNullable<CurlRequest['body']>): string[] {
  const contentType = `-H ${shellQuote(`Content-Type: ${body.mediaType.includes('*') ? 'application/octet-stream' : body.mediaType}`)}`;
  switch (body.kind) {
    case 'json':
      return [contentType, `-d ${shellQuote(jsonText(body.value))}`];
    case 'text':
      // --data-raw: with --data-binary, a text starting with @ would name a file for curl to upload.
      return [contentType, `--data-raw ${shellQuote(typeof body.value === 'string' ? body.value : String(body.value))}`];
    case 'binary':
      return [contentType, `--data-binary ${shellQuote(`@${body.value instanceof FileExample ? body.value.fileName : 'file'}`)}`];
    case 'form': {
      // curl sends `application/x-www-form-urlencoded` for --data-urlencode by itself, and encodes
      // the value after the `=` but takes the name as already encoded.
      const pairs = formPairs(body.value, body.encoding).map(([name, value]) => `--data-urlencode ${shellQuote(`${formName(name)}=${value}`)}`);
      // No field at all: the client still sends the empty form, with its Content-Type.
      return pairs.length > 0 ? pairs : [contentType, `-d ''`];
    }
    case 'multipart': {
      const parts = multipartArgs(body.value, body.encoding);
      // No part at all: the client still sends a form of none, its closing boundary alone.
      return parts.length > 0 ? parts : [`-H ${shellQuote('Content-Type: multipart/form-data; boundary=x')}`, `--data-binary ${shellQuote('--x--')}`];
    }
  }
}

function multipartArgs(value: unknown, encoding: Readonly<Record<string, PartEncoding>>): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const args: string[] = [];
  for (const [name, field] of Object.entries(value)) {
    const declared = encoding[name]?.contentType;
    const type = declared !== undefined && !declared.includes(',') && !declared.includes('*') ? `;type=${declared}` : '';
    for (const item of Array.isArray(field) ? field : [field]) {
      if (item instanceof FileExample) args.push(`-F ${shellQuote(`${name}=@${item.fileName}${type}`)}`);
      else if (typeof item === 'object' && item !== null)
        args.push(`-F ${shellQuote(`${name}=${formQuoted(jsonText(item))};type=${declared ?? 'application/json'}`)}`);
      // --form-string keeps a value starting with @ or < from being read as a file name.
      else args.push(`--form-string ${shellQuote(`${name}=${String(item)}`)}`);
    }
  }
  return args;
}

/**
 * A form field's name as the body carries it: percent-encoded where a server would read it
 * otherwise (`+`, `&`, `=`, `%`, spaces, non-ASCII), brackets left as they are for the reader,
 * since they decode to themselves.
 */
export function formName(name: string): string {
  return encodeURIComponent(name).replace(/%5B/gi, '[').replace(/%5D/gi, ']');
}

/** A `-F` value in double quotes, so the `;type=` or `;filename=` it may hold is text, not curl's syntax. */
function formQuoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The text that stands for a relative time while the line is serialised: URL- and JSON-safe. */
const PLACEHOLDER_PREFIX = '__tokenkit_time_';

function placeholder(unit: RelativeTime['unit']): string {
  return `${PLACEHOLDER_PREFIX}${unit.replace('-', '_')}__`;
}

/** A value with every {@link RelativeTime} replaced by a placeholder the serialisers pass through unchanged. */
export function withTimePlaceholders(value: unknown): unknown {
  if (value instanceof RelativeTime) return placeholder(value.unit);
  if (Array.isArray(value)) return value.map(withTimePlaceholders);
  if (typeof value !== 'object' || value === null || value instanceof FileExample) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, key, withTimePlaceholders(item));
  return out;
}

/**
 * A serialised curl line with each placeholder turned into a shell expansion. Every word of the line
 * is single-quoted, so the expansion closes the quote, expands in double quotes and reopens it; a
 * number inside JSON loses the quotes the placeholder string had.
 */
export function expandTimePlaceholders(line: string): string {
  if (!line.includes(PLACEHOLDER_PREFIX)) return line;
  let out = line;
  for (const unit of TIME_EXTENSION_UNITS) {
    const expansion = `'"${shellTime(unit)}"'`;
    // A number loses the quotes of the placeholder string, escaped ones too (JSON in a quoted `-F` value).
    if (unit === 'unix-ms' || unit === 'unix-s')
      out = out
        .split(`\\"${placeholder(unit)}\\"`)
        .join(expansion)
        .split(`"${placeholder(unit)}"`)
        .join(expansion);
    out = out.split(placeholder(unit)).join(expansion);
    // A quote opened and closed at once (`''`) is an empty string: drop it beside the expansion.
    out = out.split(`${expansion}'`).join(expansion.slice(0, -1));
    out = out.split(`'${expansion}`).join(expansion.slice(1));
  }
  return out;
}
