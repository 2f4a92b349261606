/**
 * The docs' curl lines, run by curl itself against a loopback server, send the request the client
 * sends for the same values. The fixture's values are chosen to trip curl's own syntax: a text body
 * starting with `@` (a file to upload, for `--data-binary`), brackets and braces in the URL (curl's
 * globbing), `;type=` and quotes inside a `-F` JSON value, form field names that need encoding, an
 * empty header (which `-H 'Name: '` would drop), and an API key whose name has a space.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePackage } from '../../generator/pipeline/index.js';
import { startServer, type LoopbackServer, type Recorded } from '../helpers/loopback-server.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const SERVER = 'https://curl.example.test/v1';
const KEY = 'k3y';

type Method = (params?: unknown) => Promise<unknown>;
let dir: string;
let server: LoopbackServer;
let lines: Record<string, Method>;

beforeAll(async () => {
  await run('curl', ['--version']).catch(() => {
    throw new Error('curl is not installed: `apt-get install -y curl` (.ci/run does so)');
  });
  dir = await mkdtemp(path.join(tmpdir(), 'tokenkit-curl-'));
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const pkg = await generatePackage({ specFile: path.join(root, 'test/fixtures/specs/curl-lines.yaml'), specPath: 'curl-lines.yaml', name: 'curl-lines' });
  for (const [rel, content] of pkg.files) {
    const file = path.join(dir, 'pkg', rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  // The file the multipart line uploads with `-F avatar=@avatar.bin`.
  await writeFile(path.join(dir, 'avatar.bin'), 'PNG');
  server = await startServer((req) => (req.url.startsWith('/v1/search') ? { status: 200, body: [] } : { status: 204 }));
  const mod = (await import(path.join(dir, 'pkg/src/index.ts'))) as Record<string, new (o: object) => { lines: Record<string, Method> }>;
  const Client = mod.CurlLinesClient;
  if (!Client) throw new Error('no CurlLinesClient');
  lines = new Client({ baseUrl: `${server.url}/v1`, apiKey: KEY, maxRetries: 0 }).lines;
}, 120_000);

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** The curl block of an operation's section of the resource's doc page. */
async function curlOf(method: string): Promise<string> {
  const text = await readFile(path.join(dir, 'pkg/docs/LinesApi.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)\n```/.exec(text.slice(text.indexOf(`## ${method}\n`)));
  if (!block?.[1]) throw new Error(`no curl block for ${method}`);
  return block[1];
}

/** Runs a docs curl line with its server moved to the loopback one; returns what the server saw. */
async function curlSends(method: string): Promise<Recorded> {
  const line = (await curlOf(method)).split(SERVER).join(`${server.url}/v1`);
  expect(line).not.toContain('example.test');
  const before = server.requests.length;
  await run('sh', ['-c', line], { cwd: dir, env: { ...process.env, CURL_LINES_API_KEY: KEY }, timeout: 30_000 });
  const sent = server.requests[before];
  if (!sent) throw new Error(`curl sent nothing for ${method}`);
  return sent;
}

async function clientSends(method: string, params: unknown): Promise<Recorded> {
  const before = server.requests.length;
  const call = lines[method];
  if (!call) throw new Error(`no method ${method}`);
  await call.call(lines, params);
  const sent = server.requests[before];
  if (!sent) throw new Error(`the client sent nothing for ${method}`);
  return sent;
}

/** A multipart body's parts as a server reads them: name, file name, type and text. */
async function partsOf(req: Recorded): Promise<string[]> {
  const form = await new Response(new Uint8Array(req.bytes), { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
  const out: string[] = [];
  form.forEach((value, name) => out.push(typeof value === 'string' ? `${name}=${value}` : `${name}: file ${value.name} (${value.type})`));
  return out;
}

describe('the docs’ curl lines, run by curl', () => {
  it('send a text body that starts with @ as text, not a file', async () => {
    const curl = await curlSends('postNote');
    const client = await clientSends('postNote', { body: '@/etc/hostname' });
    expect(curl.body).toBe('@/etc/hostname');
    expect(curl.body).toBe(client.body);
    // No response declares a body: neither asks for a type.
    expect([curl.headers.accept, client.headers.accept]).toEqual(['*/*', '*/*']);
    expect(curl.headers['content-type']).toBe(client.headers['content-type']);
  });

  it('send brackets and braces in the URL as they are, an empty header, a query API key, and one Accept', async () => {
    const curl = await curlSends('search');
    const client = await clientSends('search', { filter: { name: 'a&b' }, '{curly}': '{x}', 'X-Empty': '', Accept: 'application/vnd.lines+json' });
    expect(curl.url).toBe(client.url);
    expect(curl.url).toContain('api+key=k3y');
    // The operation's Accept parameter, once: not beside the client's own (a server joins two into one list).
    expect([curl.headers.accept, client.headers.accept]).toEqual(['application/vnd.lines+json', 'application/vnd.lines+json']);
    expect(curl.headers['x-empty']).toBe('');
    expect(client.headers['x-empty']).toBe('');
  });

  it('send form field names a server decodes as the client’s', async () => {
    const curl = await curlSends('postForm');
    const client = await clientSends('postForm', { body: { 'first name': 'Ann Lee', 'a+b': 'plus', 'x&y': 'amp&more=1' } });
    expect([...new URLSearchParams(curl.body)]).toEqual([...new URLSearchParams(client.body)]);
    expect([...new URLSearchParams(curl.body)]).toEqual([
      ['first name', 'Ann Lee'],
      ['a+b', 'plus'],
      ['x&y', 'amp&more=1'],
    ]);
  });

  it('send an empty form and an empty multipart body, with their Content-Types, as the client does', async () => {
    const [curlForm, clientForm] = [await curlSends('postEmptyForm'), await clientSends('postEmptyForm', { body: {} })];
    expect([curlForm.headers['content-type'], curlForm.body]).toEqual(['application/x-www-form-urlencoded', '']);
    expect([clientForm.headers['content-type'], clientForm.body]).toEqual([curlForm.headers['content-type'], curlForm.body]);
    const [curlParts, clientParts] = [await curlSends('uploadNothing'), await clientSends('uploadNothing', { body: {} })];
    for (const req of [curlParts, clientParts]) {
      expect(String(req.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
      expect(await partsOf(req)).toEqual([]);
    }
  });

  it('send the same multipart parts: a JSON field whose text holds ;type=, and a text field starting with <', async () => {
    const curl = await curlSends('upload');
    const client = await clientSends('upload', {
      body: { avatar: new File(['PNG'], 'avatar.bin'), meta: { note: 'x;type=text/html "q" \\ end' }, caption: '<not a file' },
    });
    const expected = ['avatar: file avatar.bin (application/octet-stream)', 'meta={"note":"x;type=text/html \\"q\\" \\\\ end"}', 'caption=<not a file'];
    expect(await partsOf(curl)).toEqual(expected);
    expect(await partsOf(client)).toEqual(expected);
    // The JSON part carries its type and no file name, in both.
    for (const req of [curl, client]) expect(req.body).toMatch(/name="meta"\r\nContent-Type: application\/json\r\n\r\n/);
  });
});
