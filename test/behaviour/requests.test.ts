/**
 * Requests as the spec describes them, operation by operation over loopback HTTP: form bodies with
 * deepObject nesting (Stripe), form posts with a JSON-typed field and a choice of media type (Slack),
 * multipart uploads with a JSON part, binary uploads and downloads, text bodies, path-level and
 * operation-level servers, server variables, a `{vaultBaseUrl}` server, every parameter style, and
 * parameters declared with `content` (sent as one value serialised by their media type).
 * Each fixture spec under test/fixtures/specs/requests-*.yaml is generated into a temporary
 * directory, type-checked with the packages' own compiler options together with a script that uses
 * the typed surface, and imported.
 */
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePackage } from '../../generator/pipeline/index.js';
import { startServer, type LoopbackServer, type Recorded, type Reply } from '../helpers/loopback-server.js';
import { codeBlocks, markdownFiles, read } from '../helpers/markdown.js';
import { typecheck } from '../helpers/tsc.js';

const root = path.resolve(import.meta.dirname, '../..');
const FIXTURES = ['stripe', 'slack', 'files', 'servers', 'vault', 'styles', 'content'] as const;

type Method = (params?: unknown, options?: unknown) => Promise<unknown>;
type Client = Record<string, Record<string, Method>>;
type ClientClass = new (options?: Record<string, unknown>) => Client;

// Uses the generated types as a caller would; compiled with the packages, so a wrong type fails the suite.
const USAGE = `
import { PaymentsClient } from './stripe/src/index.js';
import { ChatClient, type ChatUpdateParams } from './slack/src/index.js';
import { MediaStoreClient, type BinaryBody } from './files/src/index.js';
import { RegionalClient } from './servers/src/index.js';
import { KeyVaultClient } from './vault/src/index.js';
import { StylesClient } from './styles/src/index.js';
import { ContentParamsClient } from './content/src/index.js';

export async function use(bytes: Uint8Array, stream: ReadableStream<Uint8Array>): Promise<void> {
  const payments = new PaymentsClient({ token: 'sk' });
  await payments.customers.postCustomers({ body: { email: 'a@b.test', metadata: { plan: 'pro' }, address: { city: 'Berlin' }, tax_exempt: 'none' } });
  await payments.files.postFiles({ body: { file: new File(['x'], 'a.png'), purpose: 'identity_document' } });
  // @ts-expect-error purpose is an enum
  await payments.files.postFiles({ body: { file: new Blob(['x']), purpose: 'other' } });
  const chat = new ChatClient({ token: 'xoxb' });
  await chat.chat.chatPostMessage({ body: { channel: 'C1', text: 'hi' } });
  const json: ChatUpdateParams = { body: { channel: 'C1' } };
  const form: ChatUpdateParams = { contentType: 'application/x-www-form-urlencoded', body: { channel: 'C1', text: 'hi' } };
  await chat.chat.chatUpdate(json);
  await chat.chat.chatUpdate(form);
  // @ts-expect-error only the declared media types
  await chat.chat.chatUpdate({ contentType: 'text/csv', body: { channel: 'C1' } });
  await chat.conversations.conversationsHistory({ channel: 'C1', types: ['im'] });
  const media = new MediaStoreClient();
  const bodies: BinaryBody[] = [bytes, bytes.buffer as ArrayBuffer, new Blob([]), stream, 'text'];
  for (const body of bodies) await media.blobs.putBlob({ key: 'k', body });
  const blob: Blob = await media.blobs.getBlob({ key: 'k' });
  const note: string = await media.notes.putNote({ noteId: 1, body: 'hello' });
  await media.photos.uploadPhoto({ albumId: 'a', body: { image: new Blob([]), metadata: { title: 't' }, tags: ['x'] } });
  new RegionalClient({ region: 'us', basePath: 'v3' });
  // @ts-expect-error region is one of the enum's values
  new RegionalClient({ region: 'mars' });
  await new KeyVaultClient({ vaultBaseUrl: 'https://v.test' }).secrets.getSecret({ 'secret-name': 's', 'api-version': '7.4' });
  const styles = new StylesClient();
  await styles.simple.pathSimple({ ids: [1, 2], point: { x: 1, y: 2 }, exploded: { x: 1, y: 2 } });
  await styles.search.search({ sort: 'asc', 'X-Trace-Ids': ['a'] });
  const content = new ContentParamsClient();
  const places: string[] = await content.places.findPlaces({ near: { x: 1, y: 2 }, filter: { kind: 'k' }, 'X-Context': { x: 0, y: 0 }, prefs: ['a'] });
  // @ts-expect-error a content parameter is typed by its media type's schema, not as the string openapi-typescript says
  await content.places.findPlaces({ near: '1,2', filter: {} });
  void blob;
  void note;
  void places;
}
`;

let dir: string;
let server: LoopbackServer;
let reply: (req: Recorded) => Reply = () => ({ status: 200, body: {} });
const classes = new Map<string, ClientClass>();

async function generateFixture(name: string): Promise<void> {
  const spec = path.join(root, 'test/fixtures/specs', `requests-${name}.yaml`);
  const pkg = await generatePackage({ specFile: spec, specPath: `requests-${name}.yaml`, name });
  for (const [rel, content] of pkg.files) {
    const file = path.join(dir, name, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

async function client(fixture: string, className: string, options: Record<string, unknown> = {}): Promise<Client> {
  let Class = classes.get(className);
  if (!Class) {
    const mod = (await import(path.join(dir, fixture, 'src/index.ts'))) as Record<string, ClientClass>;
    Class = mod[className];
    if (!Class) throw new Error(`${fixture} exports no ${className}`);
    classes.set(className, Class);
  }
  return new Class({ baseUrl: server.url, maxRetries: 0, ...options });
}

/** A fetch that records each URL the client chose and sends the request to the loopback server instead. */
function rehost(urls: string[]) {
  return (request: Request, init?: RequestInit): Promise<Response> => {
    urls.push(request.url);
    const u = new URL(request.url);
    return fetch(new Request(`${server.url}${u.pathname}${u.search}`, request), init);
  };
}

function last(): Recorded {
  const req = server.requests.at(-1);
  if (!req) throw new Error('no request reached the server');
  return req;
}

/** The parts of a recorded multipart body, parsed the way a server would. */
async function parts(req: Recorded): Promise<FormData> {
  return new Response(new Uint8Array(req.bytes), { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tokenkit-requests-'));
  // The packages import openapi-fetch as an installed package would.
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const name of FIXTURES) await generateFixture(name);
  await writeFile(path.join(dir, 'usage.ts'), USAGE);
  // Every TypeScript program in the fixtures' docs compiles too (binary and multipart examples included).
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const name of FIXTURES) {
    for (const file of await markdownFiles(path.join(dir, name))) {
      const programs = codeBlocks(file, await read(path.join(dir, name, file))).filter((b) => b.lang === 'ts' && b.code.includes('import '));
      for (const b of programs) await writeFile(path.join(dir, `doc-${name}-${file.replace(/[^A-Za-z0-9]+/g, '_')}-${b.index}.ts`), `${b.code}\n`);
    }
  }
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: false,
    noEmit: true,
    types: ['node'],
    skipLibCheck: true,
    paths: Object.fromEntries(FIXTURES.map((name) => [`@tokenkit/${name}`, [`./${name}/src/index.ts`]])),
  };
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts', '*/src'] }));
  expect(await typecheck(path.join(dir, 'tsconfig.json'))).toBe('');
  server = await startServer((req) => reply(req));
}, 180_000);

afterAll(async () => {
  // Unset when beforeAll failed, whatever the declared type says.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Stripe-like form bodies', () => {
  it('sends nested objects and arrays in deepObject style, form-encoded', async () => {
    reply = () => ({ status: 200, body: { id: 'cus_1', object: 'customer' } });
    const payments = await client('stripe', 'PaymentsClient', { token: 'sk_test' });
    await payments.customers?.postCustomers?.({
      body: {
        email: 'a+b@x.test',
        balance: 0,
        address: { city: 'Köln', line1: 'A 1' },
        metadata: { plan: 'pro' },
        expand: ['default_source'],
        preferred_locales: ['de', 'en'],
      },
    });
    const req = last();
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1/customers');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers.authorization).toBe('Bearer sk_test');
    expect(req.body).toBe(
      'email=a%2Bb%40x.test&balance=0&address%5Bcity%5D=K%C3%B6ln&address%5Bline1%5D=A+1&metadata%5Bplan%5D=pro&expand%5B0%5D=default_source&preferred_locales%5B0%5D=de&preferred_locales%5B1%5D=en',
    );
  });
  it('indexes arrays of objects: line_items[0][price]', async () => {
    reply = () => ({ status: 200, body: { id: 'cs_1', url: null } });
    const payments = await client('stripe', 'PaymentsClient', { token: 'sk_test' });
    await payments.checkout?.postCheckoutSessions?.({
      body: { mode: 'payment', line_items: [{ price: 'price_1', quantity: 2, adjustable_quantity: { enabled: true, maximum: 5 } }, { price: 'price_2' }] },
    });
    expect(decodeURIComponent(last().body).split('&')).toEqual([
      'mode=payment',
      'line_items[0][price]=price_1',
      'line_items[0][quantity]=2',
      'line_items[0][adjustable_quantity][enabled]=true',
      'line_items[0][adjustable_quantity][maximum]=5',
      'line_items[1][price]=price_2',
    ]);
  });
  it('sends deepObject query parameters', async () => {
    reply = () => ({ status: 200, body: { data: [], has_more: false } });
    const payments = await client('stripe', 'PaymentsClient', { token: 'sk_test' });
    await payments.customers?.getCustomers?.({ created: { gt: 1700000000 }, expand: ['data.default_source'], limit: 3 });
    expect(last().url).toBe('/v1/customers?created[gt]=1700000000&expand[0]=data.default_source&limit=3');
  });
  it('uploads a file to the operation’s own server, as multipart', async () => {
    reply = () => ({ status: 200, body: { id: 'file_1', size: 3 } });
    const urls: string[] = [];
    const payments = await client('stripe', 'PaymentsClient', { token: 'sk_test', baseUrl: undefined, fetch: rehost(urls) });
    await payments.files?.postFiles?.({
      body: { file: new File(['%PDF'], 'evidence.pdf', { type: 'application/pdf' }), purpose: 'dispute_evidence', file_link_data: { create: true } },
    });
    expect(urls).toEqual(['https://files.payments.example.test/v1/files']);
    const req = last();
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await parts(req);
    const file = form.get('file') as File;
    expect([file.name, file.type, await file.text()]).toEqual(['evidence.pdf', 'application/pdf', '%PDF']);
    expect(form.get('purpose')).toBe('dispute_evidence');
    // Other operations stay on the document's server.
    reply = () => ({ status: 200, body: { data: [], has_more: false } });
    await payments.customers?.getCustomers?.();
    expect(urls.at(-1)).toBe('https://api.payments.example.test/v1/customers');
  });
});

describe('Slack-like form posts', () => {
  it('posts a form by default, with a JSON-typed field as JSON text', async () => {
    reply = () => ({ status: 200, body: { ok: true, ts: '1.2' } });
    const chat = await client('slack', 'ChatClient', { token: 'xoxb-1' });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];
    await chat.chat?.chatPostMessage?.({ body: { channel: 'C123', text: 'hello world', unfurl_links: false, blocks } });
    const req = last();
    expect(req.url).toBe('/chat.postMessage');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      channel: 'C123',
      text: 'hello world',
      unfurl_links: 'false',
      blocks: JSON.stringify(blocks),
    });
  });
  it('sends JSON where it is offered, and the form when the caller picks it', async () => {
    reply = () => ({ status: 200, body: { ok: true } });
    const chat = await client('slack', 'ChatClient', { token: 'xoxb-1' });
    await chat.chat?.chatUpdate?.({ body: { channel: 'C123', text: 'hi' } });
    expect(last().headers['content-type']).toBe('application/json');
    expect(JSON.parse(last().body)).toEqual({ channel: 'C123', text: 'hi' });
    await chat.chat?.chatUpdate?.({ contentType: 'application/x-www-form-urlencoded', body: { channel: 'C123', text: 'hi', blocks: [] } });
    expect([last().headers['content-type'], last().body]).toEqual(['application/x-www-form-urlencoded', 'channel=C123&text=hi&blocks=%5B%5D']);
  });
  it('refuses a media type the operation does not declare, before sending', async () => {
    const chat = await client('slack', 'ChatClient', { token: 'xoxb-1' });
    const before = server.requests.length;
    await expect(chat.chat?.chatUpdate?.({ contentType: 'text/csv', body: {} })).rejects.toMatchObject({ name: 'InvalidInputError' });
    expect(server.requests.length).toBe(before);
  });
  it('joins a non-exploded array query parameter with commas', async () => {
    reply = () => ({ status: 200, body: { ok: true } });
    const chat = await client('slack', 'ChatClient', { token: 'xoxb-1' });
    await chat.conversations?.conversationsHistory?.({ channel: 'C1', inclusive: true, types: ['public_channel', 'im'] });
    expect(last().url).toBe('/conversations.history?channel=C1&inclusive=true&types=public_channel,im');
  });
});

describe('multipart, binary and text bodies', () => {
  it('uploads a photo with a JSON part, repeated text parts and typed file parts', async () => {
    reply = () => ({ status: 201, body: { id: 'p1' } });
    const media = await client('files', 'MediaStoreClient');
    const photo = await media.photos?.uploadPhoto?.({
      albumId: 'holiday 2026',
      body: {
        image: new File([new Uint8Array([137, 80, 78, 71])], 'cat.png', { type: 'image/png' }),
        metadata: { title: 'Cat' },
        tags: ['cat', 'sofa'],
        thumbnail: new Blob(['jpg']),
      },
    });
    expect(photo).toEqual({ id: 'p1' });
    const req = last();
    expect(req.url).toBe('/albums/holiday%202026/photos');
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    // A JSON part is a typed field, not a file: a server that sees a file name takes it for an upload.
    expect(req.body).toMatch(/Content-Disposition: form-data; name="metadata"\r\nContent-Type: application\/json\r\n\r\n\{"title":"Cat"\}\r\n/);
    const form = await parts(req);
    expect(form.get('metadata')).toBe('{"title":"Cat"}');
    const image = form.get('image') as File;
    expect([image.name, image.type, [...new Uint8Array(await image.arrayBuffer())]]).toEqual(['cat.png', 'image/png', [137, 80, 78, 71]]);
    expect(form.getAll('tags')).toEqual(['cat', 'sofa']);
    expect((form.get('thumbnail') as File).type).toBe('image/jpeg');
  });
  it('uploads bytes, an ArrayBuffer, a Blob and a stream as they are, as application/octet-stream', async () => {
    reply = () => ({ status: 204 });
    const media = await client('files', 'MediaStoreClient');
    const bytes = new Uint8Array([0, 255, 1, 254, 10, 13]);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 3));
        controller.enqueue(bytes.subarray(3));
        controller.close();
      },
    });
    for (const body of [bytes, bytes.buffer, new Blob([bytes]), stream]) {
      await media.blobs?.putBlob?.({ key: 'a/b', body });
      const req = last();
      expect([req.method, req.url, req.headers['content-type']]).toEqual(['PUT', '/blobs/a%2Fb', 'application/octet-stream']);
      expect([...req.bytes]).toEqual([...bytes]);
    }
  });
  it('sends a file to a wildcard media type with the file’s own type', async () => {
    reply = () => ({ status: 204 });
    const media = await client('files', 'MediaStoreClient');
    await media.blobs?.uploadAvatar?.({ body: new Blob(['GIF89a'], { type: 'image/gif' }) });
    expect(last().headers['content-type']).toBe('image/gif');
    await media.blobs?.uploadAvatar?.({ body: new Uint8Array([1]) });
    expect(last().headers['content-type']).toBe('application/octet-stream');
  });
  it('downloads bytes as a Blob', async () => {
    reply = () => ({ status: 200, raw: 'PK\u0003\u0004', headers: { 'content-type': 'application/octet-stream' } });
    const media = await client('files', 'MediaStoreClient');
    const blob = (await media.blobs?.getBlob?.({ key: 'k' })) as Blob;
    expect(await blob.text()).toBe('PK\u0003\u0004');
  });
  it('sends and reads text/plain', async () => {
    reply = (req) => ({ status: 200, raw: req.body.toUpperCase(), headers: { 'content-type': 'text/plain' } });
    const media = await client('files', 'MediaStoreClient');
    expect(await media.notes?.putNote?.({ noteId: 7, body: 'buy milk\n' })).toBe('BUY MILK\n');
    expect([last().url, last().headers['content-type'], last().body]).toEqual(['/notes/7', 'text/plain', 'buy milk\n']);
  });
});

describe('servers', () => {
  it('fills server variables from the options and their defaults; path and operation servers replace the document’s', async () => {
    reply = () => ({ status: 200, body: [] });
    const urls: string[] = [];
    const regional = await client('servers', 'RegionalClient', { baseUrl: undefined, fetch: rehost(urls) });
    await regional.things?.listThings?.();
    await regional.reports?.listReports?.();
    await regional.reports?.createReport?.({ body: { name: 'r' } });
    const us = await client('servers', 'RegionalClient', { baseUrl: undefined, fetch: rehost(urls), region: 'us', basePath: 'v3' });
    await us.things?.listThings?.();
    await us.reports?.listReports?.();
    expect(urls).toEqual([
      'https://eu.regional.example.test/v2/things',
      'https://reports.regional.example.test/eu/reports',
      'https://ingest.regional.example.test/reports',
      'https://us.regional.example.test/v3/things',
      'https://reports.regional.example.test/us/reports',
    ]);
  });
  it('lets a given baseUrl win over every server of the spec', async () => {
    reply = () => ({ status: 200, body: [] });
    const regional = await client('servers', 'RegionalClient', { region: 'us' });
    await regional.reports?.listReports?.();
    await regional.reports?.createReport?.({ body: {} });
    expect(server.requests.slice(-2).map((r) => `${r.method} ${r.url}`)).toEqual(['GET /reports', 'POST /reports']);
  });
  it('asks for a server variable without a default instead of failing on an invalid URL', async () => {
    const mod = (await import(path.join(dir, 'vault', 'src/index.ts'))) as Record<string, ClientClass>;
    const KeyVault = mod.KeyVaultClient as ClientClass;
    expect(() => new KeyVault()).toThrow(expect.objectContaining({ name: 'InvalidInputError', message: expect.stringContaining('"vaultBaseUrl"') }));
    reply = () => ({ status: 200, body: { value: 's3cret' } });
    const vault = new KeyVault({ vaultBaseUrl: server.url, maxRetries: 0 });
    expect(await vault.secrets?.getSecret?.({ 'secret-name': 'db password', 'api-version': '7.4' })).toEqual({ value: 's3cret' });
    expect(last().url).toBe('/secrets/db%20password?api-version=7.4');
  });
});

describe('parameter styles', () => {
  it('path: simple, exploded or not', async () => {
    reply = () => ({ status: 204 });
    const styles = await client('styles', 'StylesClient');
    await styles.simple?.pathSimple?.({ ids: [1, 2], point: { x: 1, y: 2 }, exploded: { x: 3, y: 4 } });
    expect(last().url).toBe('/simple/1,2/x,1,y,2/x=3,y=4');
  });
  it('path: label and matrix', async () => {
    reply = () => ({ status: 204 });
    const styles = await client('styles', 'StylesClient');
    await styles.label?.pathLabel?.({ ids: ['a', 'b c'], exploded: ['d', 'e'] });
    expect(last().url).toBe('/label/.a,b%20c.d.e');
    await styles.matrix?.pathMatrix?.({ id: '5', ids: ['a', 'b'], point: { x: 1, y: 2 } });
    expect(last().url).toBe('/matrix/;id=5;ids=a;ids=b;point=x,1,y,2');
  });
  it('query: form, spaceDelimited, pipeDelimited, deepObject, allowReserved; header and cookie parameters', async () => {
    reply = () => ({ status: 204 });
    const styles = await client('styles', 'StylesClient');
    await styles.search?.search?.(
      {
        tags: ['a', 'b'],
        fields: ['id', 'name'],
        words: ['hello', 'world'],
        ids: [1, 2, 3],
        filter: { color: 'red', size: { gt: 2 } },
        point: { x: 1, y: 2 },
        redirect: 'https://x.test/a?b=c',
        sort: 'desc',
        'X-Trace-Ids': ['t1', 't2'],
        'X-Point': { x: 1, y: 2 },
        session: 's 1',
        prefs: ['dark', 'compact'],
      },
      { headers: { Cookie: 'theme=1' } },
    );
    const req = last();
    expect(req.url).toBe(
      '/search?tags=a&tags=b&fields=id,name&words=hello%20world&ids=1|2|3&filter[color]=red&filter[size][gt]=2&x=1&y=2&redirect=https://x.test/a?b=c&sort=desc',
    );
    expect(req.headers['x-trace-ids']).toBe('t1,t2');
    expect(req.headers['x-point']).toBe('x=1,y=2');
    expect(req.headers.cookie).toBe('theme=1; session=s%201; prefs=dark%2Ccompact');
  });
});

describe('parameters declared with content', () => {
  const values = { near: { x: 1, y: 2 }, filter: { kind: 'café', tags: ['a&b', 'c'] }, q: 'x y', 'X-Context': { x: 3, y: 4 }, prefs: ['dark'] };

  it('are sent as one value written by their media type: percent-encoded JSON in path, query and cookie, JSON as-is in a header', async () => {
    reply = () => ({ status: 200, body: ['p1'] });
    const content = await client('content', 'ContentParamsClient');
    await expect(content.places?.findPlaces?.(values)).resolves.toEqual(['p1']);
    const req = last();
    const [pathname = '', search = ''] = req.url.split('?');
    expect(decodeURIComponent(pathname)).toBe('/places/{"x":1,"y":2}');
    expect(pathname).toBe(`/places/${encodeURIComponent('{"x":1,"y":2}')}`);
    expect(search).toBe(`filter=${encodeURIComponent(JSON.stringify(values.filter))}&q=x%20y`);
    expect(new URLSearchParams(search).get('filter')).toBe('{"kind":"café","tags":["a&b","c"]}');
    expect(req.headers['x-context']).toBe('{"x":3,"y":4}');
    expect(req.headers.cookie).toBe(`prefs=${encodeURIComponent('["dark"]')}`);
  });

  it('show the same request in the docs’ curl line', async () => {
    const text = await readFile(path.join(dir, 'content', 'docs', 'PlacesApi.md'), 'utf8');
    const curl = /```sh\n([\s\S]*?)\n```/.exec(text)?.[1] ?? '';
    reply = () => ({ status: 200, body: [] });
    const content = await client('content', 'ContentParamsClient');
    // The doc's example values: the parameters' own examples.
    await content.places?.findPlaces?.({ near: { x: 1, y: 2 }, filter: { kind: 'café', tags: ['a&b', 'c'] }, 'X-Context': { x: 3, y: 4 } });
    const sent = last();
    expect(/^curl -X GET '([^']+)'/.exec(curl)?.[1]).toBe(`https://content.example.test${sent.url}`);
    expect(curl).toContain(`-H 'X-Context: {"x":3,"y":4}'`);
    expect(sent.headers['x-context']).toBe('{"x":3,"y":4}');
  });
});

describe('parameter and body types', () => {
  it('are written as a reader would where the schema fixes them, and as indexed types elsewhere', async () => {
    // The spec has no tags: its operations are in one resource per first path segment.
    const resources = path.join(dir, 'styles/src/resources');
    const styles = (await Promise.all((await readdir(resources)).sort().map((f) => readFile(path.join(resources, f), 'utf8')))).join('\n');
    for (const line of ['ids?: number[];', 'filter?: Filter;', "sort?: 'asc' | 'desc';", "'X-Trace-Ids'?: string[];", 'point: Point;']) {
      expect(styles).toContain(`  ${line}\n`);
    }
    const customers = await readFile(path.join(dir, 'stripe/src/resources/customers.ts'), 'utf8');
    expect(customers).toContain('  limit?: number;\n');
    // An inline object schema keeps the exact indexed access type.
    expect(customers).toContain("  created?: NonNullable<paths['/v1/customers']['get']['parameters']['query']>['created'];\n");
    const blobs = await readFile(path.join(dir, 'files/src/resources/blobs.ts'), 'utf8');
    expect(blobs).toContain('  body: BinaryBody;\n');
    const notes = await readFile(path.join(dir, 'files/src/resources/notes.ts'), 'utf8');
    expect(notes).toMatch(/ {2}noteId: number;\n[\s\S]* {2}body: string;\n/);
  });
});

describe('the docs’ curl lines', () => {
  /** The curl block of one operation's section of a doc page. */
  async function curlOf(fixture: string, page: string, method: string): Promise<string> {
    const text = await readFile(path.join(dir, fixture, 'docs', page), 'utf8');
    const section = text.slice(text.indexOf(`## ${method}\n`));
    const block = /```sh\n([\s\S]*?)\n```/.exec(section);
    if (!block?.[1]) throw new Error(`no curl block for ${method}`);
    return block[1];
  }

  it('show the styled query string, headers and cookies the client sends for the same values', async () => {
    const curl = await curlOf('styles', 'SearchApi.md', 'search');
    // -g: the deepObject brackets are the URL's own, not curl's globbing.
    const url = /^curl -g -X GET '([^']+)'/.exec(curl)?.[1] ?? '';
    expect(curl).toContain(`-H 'X-Trace-Ids: t1,t2'`);
    expect(curl).toContain(`-b 'prefs=dark%2Ccompact'`);
    reply = () => ({ status: 204 });
    const styles = await client('styles', 'StylesClient');
    const values = { tags: ['a', 'b'], words: ['hello', 'world'], ids: [1, 2], filter: { color: 'red', size: { gt: 2 } }, redirect: 'https://x.test/?a=b' };
    await styles.search?.search?.({ ...values, 'X-Trace-Ids': ['t1', 't2'], prefs: ['dark', 'compact'] });
    const sent = last();
    expect(url).toBe(`https://styles.example.test${sent.url}`);
    expect(sent.headers['x-trace-ids']).toBe('t1,t2');
    expect(sent.headers.cookie).toBe('prefs=dark%2Ccompact');
  });
  it('send a form body field by field with --data-urlencode, as the client encodes it', async () => {
    const curl = await curlOf('stripe', 'CustomersApi.md', 'postCustomers');
    const fields = [...curl.matchAll(/--data-urlencode '([^']*)'/g)].map((m) => m[1]);
    expect(fields).toEqual(['email=jenny@example.test', 'metadata[plan]=pro', 'preferred_locales[0]=de', 'preferred_locales[1]=en']);
    reply = () => ({ status: 200, body: { id: 'cus_1', object: 'customer' } });
    const payments = await client('stripe', 'PaymentsClient', { token: 't' });
    await payments.customers?.postCustomers?.({ body: { email: 'jenny@example.test', metadata: { plan: 'pro' }, preferred_locales: ['de', 'en'] } });
    expect([...new URLSearchParams(last().body)].map(([k, v]) => `${k}=${v}`)).toEqual(fields);
  });
  it('upload files with -F and bytes with --data-binary, each with its Content-Type, to the operation’s server', async () => {
    expect(await curlOf('files', 'PhotosApi.md', 'uploadPhoto')).toContain(
      `-F 'image=@image.bin' \\\n  -F 'metadata="{\\"title\\":\\"example-title\\"}";type=application/json'`,
    );
    expect(await curlOf('files', 'BlobsApi.md', 'putBlob')).toContain(`-H 'Content-Type: application/octet-stream' \\\n  --data-binary '@file.bin'`);
    expect(await curlOf('files', 'NotesApi.md', 'putNote')).toContain(`-H 'Content-Type: text/plain' \\\n  --data-raw 'example-text'`);
    expect(await curlOf('stripe', 'FilesApi.md', 'postFiles')).toMatch(/^curl -X POST 'https:\/\/files\.payments\.example\.test\/v1\/files'/);
  });
});
