/**
 * A request as its spec describes it: each parameter by its own `style` and `explode`, the body by
 * its media type, the server an operation or path names. Each generated resource describes its
 * operations once (an {@link OperationSpec}); openapi-fetch's built-in serializers take one style for
 * every parameter of a request, so the ones made here are handed to it per call.
 * @see https://spec.openapis.org/oas/v3.1.0#style-values
 */
import { InvalidInputError } from './errors.js';
import { checkedPath, routePath } from './path.js';

/** How a parameter or a form field is written. */
export type ParamStyle = 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'simple' | 'label' | 'matrix';

/** A parameter's serialisation; missing fields take the spec's defaults for its location. */
export interface ParamEncoding {
  style?: ParamStyle;
  explode?: boolean;
  /** Reserved characters (`:/?#[]@!$&'()*+,;=`) are sent as they are. */
  allowReserved?: boolean;
  /**
   * A parameter declared with `content`: the value is serialised by this media type (JSON text for
   * a JSON type, else its string form) and sent as one value; `style` and `explode` do not apply.
   * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-10
   */
  mediaType?: string;
}

/** A `content` parameter's value as its media type writes it: JSON text for JSON types, else its string form. */
export function mediaTypeText(value: unknown, mediaType: string): string {
  if (/^application\/(.+\+)?json(;.*)?$/i.test(mediaType.trim())) return JSON.stringify(value);
  return value instanceof Date ? value.toISOString() : String(value);
}

/** A property of a form or multipart body: its serialisation and, for multipart, its part's type. */
export interface PartEncoding extends ParamEncoding {
  contentType?: string;
}

/** How a body of one media type is sent. */
export type BodyKind = 'json' | 'form' | 'multipart' | 'binary' | 'text';

/** One media type an operation accepts. */
export interface BodySpec {
  kind: BodyKind;
  /** The OpenAPI `encoding` object of a form or multipart body, by property. */
  encoding?: Readonly<Record<string, PartEncoding>>;
}

/** A server URL template and its variables' defaults. */
export interface ServerSpec {
  url: string;
  variables?: Readonly<Record<string, { default?: string }>>;
}

/** Everything about an operation's request that its types do not say. Keys are wire names. */
export interface OperationSpec {
  /** The path template, such as `/trees/{id}`. */
  route: string;
  path?: Readonly<Record<string, ParamEncoding>>;
  query?: Readonly<Record<string, ParamEncoding>>;
  header?: Readonly<Record<string, ParamEncoding>>;
  cookie?: Readonly<Record<string, ParamEncoding>>;
  /** The media types it accepts; the first is sent when the caller names none. */
  bodies?: Readonly<Record<string, BodySpec>>;
  /** The path's or operation's own server, which replaces the client's unless `baseUrl` was given. */
  server?: ServerSpec;
}

/** A binary body: sent as it is. */
export type BinaryBody = Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array> | string;

/** A part value of a multipart body: any string field may also be a file. */
export type PartValue<V> = V extends string ? V | Blob : V extends readonly (infer E)[] ? (E extends string ? E | Blob : E)[] : V;

/** A multipart body: the schema's object, where files (`Blob`, `File`) may stand for strings. */
export type MultipartBody<T> = { [K in keyof T]: PartValue<T[K]> };

/**
 * A binary or multipart body handed to openapi-fetch under the type openapi-typescript gives it (a
 * `format: binary` schema becomes `string` there): the serializer from {@link prepareRequest} reads
 * the value the caller passed, and openapi-fetch itself never looks inside it.
 */
export function wireBody<T>(body: unknown): NonNullable<T> {
  return body as NonNullable<T>;
}

/**
 * A parameter declared with `content`, handed to openapi-fetch under the `string` type
 * openapi-typescript gives every such parameter: the serializers from {@link prepareRequest} write
 * the value the caller passed by its media type (see {@link ParamEncoding.mediaType}).
 */
export function wireParam(value: unknown): string {
  return value as string;
}

/** The values of a call that openapi-fetch does not serialise itself. Keys are wire names. */
export interface RequestValues {
  header?: Record<string, unknown>;
  cookie?: Record<string, unknown>;
  /** The media type the caller chose; the operation's first when undefined. */
  contentType?: string | undefined;
}

/** Where the client sends requests, for operations that name their own server. */
export interface ServerContext {
  /** The caller's `baseUrl` option, which wins over every server in the spec. */
  baseUrl?: string | undefined;
  /** Server variable values from the client options, by variable name. */
  variables: Readonly<Record<string, string | undefined>>;
}

/** openapi-fetch options for one call, and the last touch to the request it builds. */
export interface PreparedRequest {
  init: {
    baseUrl?: string;
    querySerializer: (query: object) => string;
    pathSerializer: (url: string, path: Record<string, unknown>) => string;
    bodySerializer: (body: unknown) => BodyInit | undefined;
    headers: Record<string, string>;
    /** Needed by fetch for a stream body. */
    duplex?: 'half';
  };
  /** Sets the header parameters on the headers of the request built (it joins arrays with `, `). */
  finish: (headers: Headers) => void;
}

/** The request of one call of `spec`. */
export function prepareRequest(operationId: string, spec: OperationSpec, values: RequestValues, servers: ServerContext): PreparedRequest {
  const headers: Record<string, string> = {};
  const bodies = spec.bodies ?? {};
  const mediaType = values.contentType ?? Object.keys(bodies)[0];
  const body = mediaType === undefined ? undefined : bodies[mediaType];
  if (mediaType !== undefined && body === undefined)
    throw new InvalidInputError(`${operationId}: ${JSON.stringify(mediaType)} is not a content type the operation accepts`, operationId);
  // The Content-Type the body decides: a file's own for a wildcard media type (`image/*`), a multipart body's with its boundary.
  let fileType: string | undefined;
  const bodySerializer = (value: unknown): BodyInit | undefined => {
    if (body === undefined) return JSON.stringify(value);
    if (mediaType?.includes('*') && value instanceof Blob && value.type !== '') fileType = value.type;
    const serialized = serializeBody(body, value);
    // A multipart body's type carries its boundary.
    if (body.kind === 'multipart' && serialized instanceof Blob) fileType = serialized.type;
    return serialized;
  };
  if (body !== undefined && mediaType !== undefined && body.kind !== 'multipart') headers['Content-Type'] = concreteType(mediaType, body.kind);
  const cookie = serializeCookies(spec.cookie ?? {}, values.cookie ?? {});
  if (cookie !== '') headers.Cookie = cookie;
  const headerParams = Object.entries(values.header ?? {}).flatMap(([name, value]) => {
    const text = serializeHeader(value, spec.header?.[name] ?? {});
    return text === undefined ? [] : [[name, text] as const];
  });
  const init: PreparedRequest['init'] = {
    querySerializer: (query) => serializeQuery(spec.query ?? {}, query as Record<string, unknown>),
    pathSerializer: (url, path) => checkedPath(url, serializePath(url, spec.route, spec.path ?? {}, path)),
    bodySerializer,
    headers,
  };
  // fetch wants `duplex` for a stream body, and accepts it for any other.
  if (body?.kind === 'binary') init.duplex = 'half';
  if (spec.server !== undefined && servers.baseUrl === undefined) {
    const resolved = resolveServer(spec.server, servers.variables);
    if (resolved.missing.length > 0) throw new InvalidInputError(`${operationId}: ${missingMessage(spec.server, resolved.missing)}`, operationId);
    init.baseUrl = resolved.url;
  }
  return {
    init,
    finish: (headers) => {
      for (const [name, text] of headerParams) headers.set(name, text);
      if (fileType !== undefined) headers.set('Content-Type', fileType);
    },
  };
}

/** A server's URL with its variables filled in (the caller's value, else the default), and those with neither. */
export function resolveServer(server: ServerSpec, values: Readonly<Record<string, string | undefined>>): { url: string; missing: string[] } {
  const missing: string[] = [];
  const url = server.url.replace(/\{([^{}]+)\}/g, (match, name: string) => {
    const value = values[name] ?? server.variables?.[name]?.default;
    if (value === undefined) missing.push(name);
    return value ?? match;
  });
  return { url, missing };
}

/** A server's URL for the client's default base URL; throws {@link InvalidInputError} when a variable has no value. */
export function serverUrl(server: ServerSpec, values: Readonly<Record<string, string | undefined>>): string {
  const resolved = resolveServer(server, values);
  if (resolved.missing.length > 0) throw new InvalidInputError(missingMessage(server, resolved.missing), '');
  return resolved.url;
}

/**
 * The declared server a client option names, by its URL as the spec writes it; `first` when none is
 * named. A name that is not declared (possible from JavaScript, or through a cast) throws an
 * {@link InvalidInputError} listing the declared ones, rather than sending to an unknown host.
 */
export function declaredServer(servers: Readonly<Record<string, ServerSpec>>, chosen: string | undefined, first: string): ServerSpec {
  const name = chosen ?? first;
  const server = Object.hasOwn(servers, name) ? servers[name] : undefined;
  if (server === undefined) {
    const declared = Object.keys(servers).map((s) => JSON.stringify(s));
    throw new InvalidInputError(`server ${JSON.stringify(name)} is not one the API declares: use one of ${declared.join(', ')}, or pass baseUrl`, '');
  }
  return server;
}

/** Why a server URL cannot be used. */
export function missingMessage(server: ServerSpec, missing: readonly string[]): string {
  return `the server URL ${JSON.stringify(server.url)} needs ${missing.map((m) => JSON.stringify(m)).join(' and ')}: pass ${missing.length > 1 ? 'them' : 'it'} as a client option, or pass baseUrl`;
}

/** The Content-Type for a declared media type: wildcards become a concrete type. */
function concreteType(mediaType: string, kind: BodyKind): string {
  if (!mediaType.includes('*')) return mediaType;
  return kind === 'text' ? 'text/plain' : kind === 'json' ? 'application/json' : 'application/octet-stream';
}

/** A body of the given kind as fetch sends it. */
export function serializeBody(spec: BodySpec, value: unknown): BodyInit | undefined {
  if (value === undefined) return undefined;
  switch (spec.kind) {
    case 'json':
      return JSON.stringify(value);
    case 'text':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
      // An object declared as text goes as JSON, not as "[object Object]".
      return JSON.stringify(value);
    case 'binary':
      // fetch sends any byte view; lib.dom's BodyInit names only views over a plain ArrayBuffer.
      if (ArrayBuffer.isView(value)) return value as Uint8Array<ArrayBuffer>;
      return isBinary(value) ? value : typeof value === 'string' ? value : JSON.stringify(value);
    case 'form':
      return new URLSearchParams(formPairs(value, spec.encoding ?? {})).toString();
    case 'multipart':
      return multipartBody(value, spec.encoding ?? {});
  }
}

function isBinary(value: unknown): value is Blob | ArrayBuffer | ReadableStream<Uint8Array> {
  return value instanceof Blob || value instanceof ArrayBuffer || (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream);
}

/** The name/value pairs of an `application/x-www-form-urlencoded` body; objects default to deepObject. */
export function formPairs(body: unknown, encoding: Readonly<Record<string, PartEncoding>>): [string, string][] {
  if (typeof body !== 'object' || body === null) return [];
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const enc = encoding[name] ?? {};
    if (enc.contentType !== undefined && /json/i.test(enc.contentType)) {
      pairs.push([name, JSON.stringify(value)]);
      continue;
    }
    // Objects, and lists of objects, nest as deepObject unless the encoding says otherwise.
    const nested = isPlainObject(value) || (Array.isArray(value) && value.some(isPlainObject));
    pairs.push(...queryPairs(name, value, enc.style ?? (nested ? 'deepObject' : 'form'), enc.explode ?? true));
  }
  return pairs;
}

/**
 * A multipart body: strings and numbers as text parts, files as file parts, objects as JSON parts,
 * each with its declared type. It is written here rather than by `FormData`, which can give a part a
 * Content-Type only by making it a file (`filename="blob"`), and a server that sees a file name
 * takes a JSON part for an upload. The result is a `Blob` of the parts (files stay unread until
 * sent, and every retry can send it again) whose type is the Content-Type with the boundary.
 */
export function multipartBody(body: unknown, encoding: Readonly<Record<string, PartEncoding>>): Blob {
  const boundary = `tokenkit-${randomHex()}`;
  const chunks: BlobPart[] = [];
  if (typeof body === 'object' && body !== null) {
    for (const [name, value] of Object.entries(body)) {
      if (value === undefined) continue;
      const type = encoding[name]?.contentType;
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item === undefined) continue;
        const part = partOf(item, type);
        const file = part.fileName === undefined ? '' : `; filename="${quotedName(part.fileName)}"`;
        const contentType = part.type === undefined ? '' : `Content-Type: ${part.type}\r\n`;
        chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${quotedName(name)}"${file}\r\n${contentType}\r\n`, part.content, '\r\n');
      }
    }
  }
  chunks.push(`--${boundary}--\r\n`);
  return new Blob(chunks, { type: `multipart/form-data; boundary=${boundary}` });
}

/** One part's content, its Content-Type (none for plain text) and, for a file, its name. */
function partOf(value: unknown, declared: string | undefined): { content: BlobPart; type: string | undefined; fileName?: string } {
  // A declared list such as `image/png, image/jpeg` names what the server accepts, not one type.
  const type = declared !== undefined && !declared.includes(',') && !declared.includes('*') ? declared : undefined;
  if (value instanceof Blob) {
    // A file keeps its own type; a nameless Blob is still a file part, as FormData would send it.
    const fileName = typeof File !== 'undefined' && value instanceof File ? value.name : 'blob';
    return { content: value, type: value.type !== '' ? value.type : (type ?? 'application/octet-stream'), fileName };
  }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    // A copy: the caller may reuse the buffer while the call waits to retry.
    return { content: bytes.slice(), type: type ?? 'application/octet-stream', fileName: 'blob' };
  }
  // Objects are JSON parts unless told otherwise; a declared type other than plain text is written on the part.
  const json = typeof value === 'object' && value !== null;
  const partType = type ?? (json ? 'application/json' : undefined);
  const text = json || (partType !== undefined && /json/i.test(partType) && typeof value !== 'string') ? JSON.stringify(value) : String(value);
  return { content: text, type: partType === undefined || partType.startsWith('text/plain') ? undefined : partType };
}

/** A name in a Content-Disposition header, escaped as browsers escape it in FormData. */
function quotedName(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** 24 random hex digits: a boundary no part is likely to hold (crypto where the runtime has it). */
function randomHex(): string {
  const bytes = new Uint8Array(12);
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** One name=value of a query string or form: the value's parts and what joins them. */
type Pair = [name: string, parts: string[], joiner: string];

const JOINERS: Partial<Record<ParamStyle, string>> = { spaceDelimited: ' ', pipeDelimited: '|' };

/**
 * The name=value pairs of one query parameter or form field, unencoded. deepObject nests, and
 * indexes arrays (`items[0][price]`), as Stripe-style APIs read them.
 */
function stylePairs(name: string, value: unknown, style: ParamStyle, explode: boolean): Pair[] {
  if (value === undefined || value === null) return [];
  if (style === 'deepObject' && (isPlainObject(value) || Array.isArray(value))) return deepPairs(name, value).map(([k, v]) => [k, [v], '']);
  const joiner = JOINERS[style] ?? ',';
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined && v !== null).map(scalar);
    if (items.length === 0) return [];
    return explode ? items.map((v) => [name, [v], joiner]) : [[name, items, joiner]];
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
    return explode ? entries.map(([k, v]) => [k, [scalar(v)], joiner]) : [[name, entries.flatMap(([k, v]) => [k, scalar(v)]), joiner]];
  }
  return [[name, [scalar(value)], joiner]];
}

/** The same pairs with each value joined: what a form body or a cookie carries. */
export function queryPairs(name: string, value: unknown, style: ParamStyle, explode: boolean): [string, string][] {
  return stylePairs(name, value, style, explode).map(([key, parts, joiner]) => [key, parts.join(joiner)]);
}

function deepPairs(prefix: string, value: unknown): [string, string][] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => deepPairs(`${prefix}[${i}]`, v));
  if (isPlainObject(value)) return Object.entries(value).flatMap(([k, v]) => deepPairs(`${prefix}[${k}]`, v));
  return [[prefix, scalar(value)]];
}

/**
 * Percent-encodes `text`. With `allowReserved`, RFC 3986 reserved characters and `%XX` triplets are
 * kept, as RFC 6570's reserved expansion does.
 */
export function encode(text: string, allowReserved = false): string {
  if (!allowReserved) return encodeURIComponent(text);
  return text.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gu, (m) => encodeURIComponent(m));
}

/** A name in a query string: brackets of deepObject names are left readable, as servers expect. */
function encodeName(name: string): string {
  return encodeURIComponent(name).replace(/%5B/gi, '[').replace(/%5D/gi, ']');
}

/** The query string (without `?`) of the given values, each by its parameter's style. */
export function serializeQuery(specs: Readonly<Record<string, ParamEncoding>>, query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    const enc = specs[name] ?? {};
    if (enc.mediaType !== undefined) {
      if (value !== undefined && value !== null) parts.push(`${encodeName(name)}=${encodeURIComponent(mediaTypeText(value, enc.mediaType))}`);
      continue;
    }
    const style = enc.style ?? 'form';
    const explode = enc.explode ?? style === 'form';
    for (const [key, values, joiner] of stylePairs(name, value, style, explode)) {
      // The delimiters are the style's own and stay as they are; only the values are encoded.
      parts.push(`${encodeName(key)}=${values.map((v) => encode(v, enc.allowReserved)).join(joiner === ' ' ? '%20' : joiner)}`);
    }
  }
  return parts.join('&');
}

/** One path parameter by its style: simple `a,b`, label `.a.b`, matrix `;id=a;id=b`. */
export function serializePathParam(name: string, value: unknown, enc: ParamEncoding): string {
  if (enc.mediaType !== undefined) return value === undefined || value === null ? '' : encodeURIComponent(mediaTypeText(value, enc.mediaType));
  const style = enc.style ?? 'simple';
  const explode = enc.explode ?? false;
  const e = (text: string): string => encode(text, enc.allowReserved);
  const prefix = style === 'label' ? '.' : style === 'matrix' ? ';' : '';
  if (Array.isArray(value)) {
    const items = value.map((v) => e(scalar(v)));
    if (style === 'matrix') return explode ? items.map((v) => `;${e(name)}=${v}`).join('') : `;${e(name)}=${items.join(',')}`;
    return prefix + items.join(explode ? (style === 'label' ? '.' : ',') : ',');
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
    if (explode) {
      const joiner = style === 'label' ? '.' : style === 'matrix' ? ';' : ',';
      return prefix + entries.map(([k, v]) => `${e(k)}=${e(scalar(v))}`).join(joiner);
    }
    const flat = entries.flatMap(([k, v]) => [e(k), e(scalar(v))]).join(',');
    return style === 'matrix' ? `;${e(name)}=${flat}` : prefix + flat;
  }
  const text = value === undefined || value === null ? '' : e(scalar(value));
  if (style === 'matrix') return text === '' ? `;${e(name)}` : `;${e(name)}=${text}`;
  return prefix + text;
}

/**
 * The URL with the path parameters filled in. openapi-fetch passes the base URL and the route
 * joined; only the route's part is touched, so braces in a base URL are left alone.
 */
export function serializePath(url: string, key: string, specs: Readonly<Record<string, ParamEncoding>>, values: Record<string, unknown>): string {
  const route = routePath(key);
  const base = url.endsWith(route) ? url.slice(0, url.length - route.length) : '';
  const template = url.endsWith(route) ? route : url;
  return (
    base + template.replace(/\{([^{}]+)\}/g, (match, name: string) => (name in values ? serializePathParam(name, values[name], specs[name] ?? {}) : match))
  );
}

/** A header parameter, simple style: arrays `a,b`, objects `k,v` or exploded `k=v`. */
export function serializeHeader(value: unknown, enc: ParamEncoding): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (enc.mediaType !== undefined) return mediaTypeText(value, enc.mediaType);
  if (Array.isArray(value)) return value.map(scalar).join(',');
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
    return (enc.explode ?? false) ? entries.map(([k, v]) => `${k}=${scalar(v)}`).join(',') : entries.flatMap(([k, v]) => [k, scalar(v)]).join(',');
  }
  return scalar(value);
}

/** The Cookie header of the cookie parameters, form style; empty when none is set. */
export function serializeCookies(specs: Readonly<Record<string, ParamEncoding>>, values: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const enc = specs[name] ?? {};
    if (enc.mediaType !== undefined) {
      if (value !== undefined && value !== null) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(mediaTypeText(value, enc.mediaType))}`);
      continue;
    }
    for (const [key, text] of queryPairs(name, value, 'form', enc.explode ?? true)) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return parts.join('; ');
}

/** An object whose properties that may be `undefined` become optional properties that may not. */
export type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/**
 * The entries whose value is set. An optional parameter left out is not sent, and the object fits
 * openapi-fetch's optional properties, which do not take `undefined` under exactOptionalPropertyTypes.
 * Own keys only: a parameter named `constructor` is never read from Object.prototype.
 */
export function defined<T extends Record<string, unknown>>(values: T): Defined<T> {
  const out: Record<string, unknown> = {};
  // Defined, not assigned: assigning `__proto__` would set the prototype instead of a property.
  for (const key of Object.keys(values))
    if (values[key] !== undefined) Object.defineProperty(out, key, { value: values[key], enumerable: true, writable: true, configurable: true });
  return out as Defined<T>;
}
