import { describe, expect, it } from 'vitest';
import { InvalidInputError } from './errors.js';
import {
  declaredServer,
  encode,
  multipartBody,
  mediaTypeText,
  formPairs,
  prepareRequest,
  resolveServer,
  serializeBody,
  serializeCookies,
  serializeHeader,
  serializePath,
  serializePathParam,
  serializeQuery,
  type ParamStyle,
} from './request.js';

const array = ['blue', 'black', 'brown'];
const object = { R: 100, G: 200, B: 150 };

// The style table of the OpenAPI Specification (3.1.1, section 4.8.12.4), RFC 6570 for label.
describe('path parameters', () => {
  const rows: [ParamStyle, boolean, string, string, string][] = [
    ['simple', false, 'blue', 'blue,black,brown', 'R,100,G,200,B,150'],
    ['simple', true, 'blue', 'blue,black,brown', 'R=100,G=200,B=150'],
    ['label', false, '.blue', '.blue,black,brown', '.R,100,G,200,B,150'],
    ['label', true, '.blue', '.blue.black.brown', '.R=100.G=200.B=150'],
    ['matrix', false, ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'],
    ['matrix', true, ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'],
  ];
  it.each(rows)('%s, explode %s', (style, explode, primitive, list, obj) => {
    expect(serializePathParam('color', 'blue', { style, explode })).toBe(primitive);
    expect(serializePathParam('color', array, { style, explode })).toBe(list);
    expect(serializePathParam('color', object, { style, explode })).toBe(obj);
  });
  it('encodes values unless allowReserved', () => {
    expect(serializePathParam('p', 'a/b c', {})).toBe('a%2Fb%20c');
    expect(serializePathParam('p', 'a/b c', { allowReserved: true })).toBe('a/b%20c');
  });
  it('replaces only the route part of the URL', () => {
    expect(serializePath('https://h.test/{x}/v1/items/{id}', '/v1/items/{id}', { id: { style: 'label' } }, { id: 'a b' })).toBe(
      'https://h.test/{x}/v1/items/.a%20b',
    );
  });
});

describe('query parameters', () => {
  const rows: [ParamStyle, boolean, string, string, string][] = [
    ['form', true, 'color=blue', 'color=blue&color=black&color=brown', 'R=100&G=200&B=150'],
    ['form', false, 'color=blue', 'color=blue,black,brown', 'color=R,100,G,200,B,150'],
    ['spaceDelimited', false, 'color=blue', 'color=blue%20black%20brown', 'color=R%20100%20G%20200%20B%20150'],
    ['pipeDelimited', false, 'color=blue', 'color=blue|black|brown', 'color=R|100|G|200|B|150'],
    ['deepObject', true, 'color=blue', 'color[0]=blue&color[1]=black&color[2]=brown', 'color[R]=100&color[G]=200&color[B]=150'],
  ];
  it.each(rows)('%s, explode %s', (style, explode, primitive, list, obj) => {
    const specs = { color: { style, explode } };
    expect(serializeQuery(specs, { color: 'blue' })).toBe(primitive);
    expect(serializeQuery(specs, { color: array })).toBe(list);
    expect(serializeQuery(specs, { color: object })).toBe(obj);
  });
  it('defaults to form, exploded; skips undefined and null; keeps an empty string', () => {
    expect(serializeQuery({}, { a: ['x', 'y'], b: undefined, c: null, d: '' })).toBe('a=x&a=y&d=');
  });
  it('styles each parameter by its own description', () => {
    const specs = { ids: { style: 'pipeDelimited' as const, explode: false }, tags: { explode: false }, f: { style: 'deepObject' as const, explode: true } };
    expect(serializeQuery(specs, { ids: [1, 2], tags: ['a', 'b'], f: { size: { gt: 2 } }, q: 'x y&z' })).toBe('ids=1|2&tags=a,b&f[size][gt]=2&q=x%20y%26z');
  });
  it('leaves reserved characters and percent triplets alone only with allowReserved', () => {
    expect(serializeQuery({ u: { allowReserved: true } }, { u: 'https://x.test/a?b=%41 é%' })).toBe('u=https://x.test/a?b=%41%20%C3%A9%25');
    expect(serializeQuery({}, { u: 'https://x.test/' })).toBe('u=https%3A%2F%2Fx.test%2F');
    expect(encode('😀/', true)).toBe('%F0%9F%98%80/');
  });
});

describe('header and cookie parameters', () => {
  it('joins arrays and objects with commas, simple style', () => {
    expect(serializeHeader(['a', 'b'], {})).toBe('a,b');
    expect(serializeHeader(object, {})).toBe('R,100,G,200,B,150');
    expect(serializeHeader(object, { explode: true })).toBe('R=100,G=200,B=150');
    expect(serializeHeader(5, {})).toBe('5');
    expect(serializeHeader(undefined, {})).toBeUndefined();
  });
  it('sends cookies form style, encoded', () => {
    expect(serializeCookies({}, { session: 'a b', theme: undefined, ids: [1, 2] })).toBe('session=a%20b; ids=1; ids=2');
    expect(serializeCookies({ ids: { explode: false } }, { ids: [1, 2] })).toBe('ids=1%2C2');
  });
});

describe('form bodies', () => {
  it('writes nested objects and arrays of objects in deepObject style, as Stripe reads them', () => {
    const body = { email: 'a@b.test', metadata: { plan: 'pro', seats: 3 }, items: [{ price: 'p_1', quantity: 2 }], expand: ['customer'] };
    const encoding = { expand: { style: 'deepObject' as const, explode: true } };
    expect(new URLSearchParams(formPairs(body, encoding)).toString()).toBe(
      'email=a%40b.test&metadata%5Bplan%5D=pro&metadata%5Bseats%5D=3&items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2&expand%5B0%5D=customer',
    );
  });
  it('repeats exploded arrays, joins the others, and sends a JSON-typed field as JSON', () => {
    const encoding = { tags: { explode: false }, blocks: { contentType: 'application/json' } };
    expect(formPairs({ ids: [1, 2], tags: ['a', 'b'], blocks: [{ type: 'section' }], skip: undefined }, encoding)).toEqual([
      ['ids', '1'],
      ['ids', '2'],
      ['tags', 'a,b'],
      ['blocks', '[{"type":"section"}]'],
    ]);
  });
});

describe('multipart bodies', () => {
  /** The body as a server parses it, and its raw text. */
  async function parsed(blob: Blob): Promise<{ data: FormData; text: string }> {
    const text = await blob.text();
    return { data: await new Response(text, { headers: { 'content-type': blob.type } }).formData(), text };
  }

  it('sends files as file parts, objects as JSON parts, scalars as text, each with its declared type', async () => {
    const file = new File(['PNG'], 'cat.png');
    const body = multipartBody(
      { file, meta: { title: 'Cat' }, note: 'hi', count: 2, raw: new Uint8Array([1, 2]), list: ['a', 'b'] },
      { file: { contentType: 'image/png' } },
    );
    expect(body.type).toMatch(/^multipart\/form-data; boundary=tokenkit-[0-9a-f]{24}$/);
    const { data, text } = await parsed(body);
    const part = data.get('file') as File;
    expect(part.name).toBe('cat.png');
    expect(part.type).toBe('image/png');
    expect(await part.text()).toBe('PNG');
    // A JSON part is a field with its type, not a file: a server reads it as a value.
    expect(data.get('meta')).toBe('{"title":"Cat"}');
    expect(text).toContain('Content-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"title":"Cat"}\r\n');
    expect(data.get('note')).toBe('hi');
    expect(data.get('count')).toBe('2');
    expect((data.get('raw') as Blob).type).toBe('application/octet-stream');
    expect(data.getAll('list')).toEqual(['a', 'b']);
  });
  it('keeps a file’s own type, and does not take a list of accepted types as one type', async () => {
    const { data } = await parsed(
      multipartBody(
        { a: new Blob(['x'], { type: 'text/csv' }), b: new Blob(['y']) },
        { a: { contentType: 'image/png' }, b: { contentType: 'image/png, image/jpeg' } },
      ),
    );
    expect((data.get('a') as Blob).type).toBe('text/csv');
    expect((data.get('b') as Blob).type).toBe('application/octet-stream');
  });
  it('escapes quotes and line breaks in names, and a new boundary each body', async () => {
    const body = multipartBody({ 'a"b\r\nc': 'v' }, {});
    expect(await body.text()).toContain('name="a%22b%0D%0Ac"');
    expect(multipartBody({}, {}).type).not.toBe(body.type);
  });
});

describe('bodies by kind', () => {
  it('passes binary bodies through and stringifies the others', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const blob = new Blob(['x']);
    expect(serializeBody({ kind: 'binary' }, bytes)).toBe(bytes);
    expect(serializeBody({ kind: 'binary' }, blob)).toBe(blob);
    expect(serializeBody({ kind: 'text' }, 'hello')).toBe('hello');
    expect(serializeBody({ kind: 'text' }, 42)).toBe('42');
    expect(serializeBody({ kind: 'text' }, { a: 1 })).toBe('{"a":1}');
    expect(serializeBody({ kind: 'json' }, { a: 1 })).toBe('{"a":1}');
    expect(serializeBody({ kind: 'json' }, undefined)).toBeUndefined();
  });
});

describe('servers', () => {
  it('fills variables from the options, then the defaults, and names the missing ones', () => {
    const server = { url: 'https://{region}.x.test/{version}/{vaultBaseUrl}', variables: { region: { default: 'eu' }, version: { default: 'v1' } } };
    expect(resolveServer(server, { version: 'v2', vaultBaseUrl: 'k' })).toEqual({ url: 'https://eu.x.test/v2/k', missing: [] });
    expect(resolveServer(server, {}).missing).toEqual(['vaultBaseUrl']);
  });
  it('picks a declared server by its URL, the first when none is named, and refuses one not declared', () => {
    const servers = { 'https://a.test': { url: 'https://a.test' }, 'https://{region}.b.test': { url: 'https://{region}.b.test' } };
    expect(declaredServer(servers, undefined, 'https://a.test')).toBe(servers['https://a.test']);
    expect(declaredServer(servers, 'https://{region}.b.test', 'https://a.test')).toBe(servers['https://{region}.b.test']);
    expect(() => declaredServer(servers, 'https://evil.test', 'https://a.test')).toThrow(InvalidInputError);
    expect(() => declaredServer(servers, 'toString', 'https://a.test')).toThrow(/use one of "https:\/\/a.test", "https:\/\/\{region\}.b.test"/);
  });
});

describe('prepareRequest', () => {
  const spec = {
    route: '/files/{id}',
    header: { 'X-Ids': {} },
    bodies: { 'application/json': { kind: 'json' as const }, 'image/*': { kind: 'binary' as const }, 'multipart/form-data': { kind: 'multipart' as const } },
    server: { url: 'https://{host}/v1', variables: { host: { default: 'files.x.test' } } },
  };
  it('uses the first media type unless told, and the operation’s server unless baseUrl was given', () => {
    const json = prepareRequest('op', spec, {}, { variables: {} });
    expect(json.init.headers['Content-Type']).toBe('application/json');
    expect(json.init.baseUrl).toBe('https://files.x.test/v1');
    expect(json.init.duplex).toBeUndefined();
    const given = prepareRequest('op', spec, { contentType: 'multipart/form-data' }, { baseUrl: 'http://127.0.0.1:1', variables: {} });
    expect(given.init.baseUrl).toBeUndefined();
    // fetch sets multipart's Content-Type itself, with the boundary.
    expect(given.init.headers['Content-Type']).toBeUndefined();
  });
  it('sends a wildcard type as the file’s own, and sets styled header parameters on the request', () => {
    const binary = prepareRequest('op', spec, { contentType: 'image/*', header: { 'X-Ids': [1, 2] } }, { variables: {} });
    expect(binary.init.headers['Content-Type']).toBe('application/octet-stream');
    expect(binary.init.duplex).toBe('half');
    binary.init.bodySerializer(new Blob(['x'], { type: 'image/gif' }));
    const headers = new Headers({ 'X-Ids': '1, 2' });
    binary.finish(headers);
    expect(headers.get('x-ids')).toBe('1,2');
    expect(headers.get('content-type')).toBe('image/gif');
  });
  it('refuses an undeclared media type and a server variable without a value, before sending', () => {
    expect(() => prepareRequest('op', spec, { contentType: 'text/csv' }, { variables: {} })).toThrow(InvalidInputError);
    const vault = { route: '/secrets', server: { url: '{vaultBaseUrl}' } };
    expect(() => prepareRequest('getSecret', vault, {}, { variables: {} })).toThrow(/getSecret: the server URL "\{vaultBaseUrl\}" needs "vaultBaseUrl"/);
    expect(prepareRequest('getSecret', vault, {}, { variables: { vaultBaseUrl: 'https://v.test' } }).init.baseUrl).toBe('https://v.test');
  });
});

// A parameter declared with `content`: one value written by its media type, whatever style it would have had.
describe('content parameters', () => {
  const json = { mediaType: 'application/json' };
  const filter = { kind: 'café', tags: ['a&b', 'c'] };
  const text = JSON.stringify(filter);

  it.each<[string, unknown, string, string]>([
    ['an object as JSON', filter, 'application/json', text],
    ['a +json type with parameters as JSON', [1, 2], 'application/vnd.api+json; charset=utf-8', '[1,2]'],
    ['a string as a JSON string', 'a', 'application/json', '"a"'],
    ['text as its string form', 42, 'text/plain', '42'],
    ['a date in text as ISO 8601', new Date(0), 'text/plain', '1970-01-01T00:00:00.000Z'],
  ])('mediaTypeText: %s', (_rule, value, mediaType, want) => {
    expect(mediaTypeText(value, mediaType)).toBe(want);
  });

  it('query: one percent-encoded value, not exploded into fields; absent when unset', () => {
    expect(serializeQuery({ filter: json, n: {} }, { filter, n: 1 })).toBe(`filter=${encodeURIComponent(text)}&n=1`);
    expect(serializeQuery({ filter: { ...json, style: 'deepObject', explode: true } }, { filter })).toBe(`filter=${encodeURIComponent(text)}`);
    expect(serializeQuery({ filter: json }, { filter: undefined })).toBe('');
  });

  it('path: one percent-encoded value', () => {
    expect(serializePathParam('near', { x: 1, y: 2 }, json)).toBe(encodeURIComponent('{"x":1,"y":2}'));
    expect(serializePath('https://a.test/p/{near}', '/p/{near}', { near: json }, { near: { x: 1 } })).toBe(`https://a.test/p/${encodeURIComponent('{"x":1}')}`);
  });

  it('header: the media type’s text as it is', () => {
    expect(serializeHeader({ x: 3, y: 4 }, json)).toBe('{"x":3,"y":4}');
    expect(serializeHeader(['a', 'b'], { mediaType: 'text/plain' })).toBe('a,b');
    expect(serializeHeader(undefined, json)).toBeUndefined();
  });

  it('cookie: one percent-encoded value', () => {
    expect(serializeCookies({ prefs: json, s: {} }, { prefs: ['dark', 'a;b'], s: 'x' })).toBe(`prefs=${encodeURIComponent('["dark","a;b"]')}; s=x`);
  });
});
