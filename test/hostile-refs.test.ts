/**
 * References a spec may not follow: files outside the spec's directory (by `..`, absolute path or
 * symbolic link) and URLs, unless the user allows them; and, when remote references are allowed, a
 * server that never answers, answers without end, compresses a bomb or redirects in circles. Real
 * files in a temporary directory, real loopback servers.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SpecError, type SpecIssue } from '../generator/issues.js';
import { loadSpec, type LoadOptions } from '../generator/pipeline/load.js';
import { main } from '../generator/main.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-refs-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

const THING = 'Thing:\n  type: object\n  properties:\n    id: {type: string}\n';

/** A spec whose one response schema is `$ref: ref`; the `$ref` is on line 13, column 17. */
function specReferencing(ref: string): string {
  return [
    'openapi: 3.1.0',
    'info: {title: Refs, version: "1"}',
    'paths:',
    '  /things:',
    '    get:',
    '      operationId: listThings',
    '      responses:',
    "        '200':",
    '          description: ok',
    '          content:',
    '            application/json:',
    '              schema:',
    `                $ref: '${ref}'`,
    '',
  ].join('\n');
}
const SCHEMA_POINTER = '/paths/~1things/get/responses/200/content/application~1json/schema';

/** A fresh directory holding `spec/api.yaml` and the given files (paths relative to it). */
async function layout(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(work, 'case-'));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

async function issuesOf(file: string, options?: LoadOptions): Promise<SpecIssue[]> {
  try {
    await loadSpec(file, options);
  } catch (err) {
    if (err instanceof SpecError) return err.issues;
    throw err;
  }
  throw new Error(`${file} loaded`);
}

describe('file references', () => {
  it('refuses ../ out of the spec directory, located at the $ref', async () => {
    const dir = await layout({ 'spec/api.yaml': specReferencing('../outside.yaml#/Thing'), 'outside.yaml': THING });
    const issues = await issuesOf(path.join(dir, 'spec/api.yaml'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'ref-outside-root', pointer: SCHEMA_POINTER, line: 13, column: 17 });
    expect(issues[0]?.message).toContain('outside');
    expect(issues[0]?.message).toContain('--ref-root');
  });

  it('refuses an absolute path', async () => {
    const dir = await layout({ 'outside.yaml': THING });
    await mkdir(path.join(dir, 'spec'));
    await writeFile(path.join(dir, 'spec/api.yaml'), specReferencing(`${path.join(dir, 'outside.yaml')}#/Thing`));
    expect((await issuesOf(path.join(dir, 'spec/api.yaml')))[0]).toMatchObject({ code: 'ref-outside-root', line: 13 });
  });

  // A file: URL is a path like any other: followed inside the root, refused outside it.
  it('reads a file: URL as its path, under the same policy', async () => {
    const dir = await layout({ 'spec/parts/thing.yaml': THING, 'outside.yaml': THING });
    const spec = path.join(dir, 'spec/api.yaml');
    await writeFile(spec, specReferencing(`${pathToFileURL(path.join(dir, 'spec/parts/thing.yaml')).href}#/Thing`));
    expect(JSON.stringify((await loadSpec(spec)).document)).toContain('"id":{"type":"string"}');
    await writeFile(spec, specReferencing(`${pathToFileURL(path.join(dir, 'outside.yaml')).href}#/Thing`));
    expect((await issuesOf(spec))[0]).toMatchObject({ code: 'ref-outside-root', line: 13 });
    await writeFile(spec, specReferencing('file://fileserver/share/thing.yaml#/Thing'));
    const [remote] = await issuesOf(spec);
    expect(remote).toMatchObject({ code: 'unresolved-ref', line: 13 });
    expect(remote?.message).toContain('file://fileserver/share/thing.yaml names no file on this machine');
  });

  it('refuses a symbolic link inside the directory that points out of it, and follows one that stays in', async () => {
    const dir = await layout({ 'spec/api.yaml': specReferencing('./link.yaml#/Thing'), 'outside.yaml': THING, 'spec/parts/thing.yaml': THING });
    await symlink(path.join(dir, 'outside.yaml'), path.join(dir, 'spec/link.yaml'));
    const [issue] = await issuesOf(path.join(dir, 'spec/api.yaml'));
    expect(issue).toMatchObject({ code: 'ref-outside-root', line: 13 });
    expect(issue?.message).toContain('resolves to');

    await rm(path.join(dir, 'spec/link.yaml'));
    await symlink(path.join(dir, 'spec/parts/thing.yaml'), path.join(dir, 'spec/link.yaml'));
    const loaded = await loadSpec(path.join(dir, 'spec/api.yaml'));
    expect(JSON.stringify(loaded.document)).toContain('"id":{"type":"string"}');
  });

  it('refuses a directory symlinked out of the root', async () => {
    const dir = await layout({ 'spec/api.yaml': specReferencing('./shared/thing.yaml#/Thing'), 'elsewhere/thing.yaml': THING });
    await symlink(path.join(dir, 'elsewhere'), path.join(dir, 'spec/shared'));
    expect((await issuesOf(path.join(dir, 'spec/api.yaml')))[0]).toMatchObject({ code: 'ref-outside-root' });
  });

  it('refuses a reference out of the root made inside a referenced file, located in that file', async () => {
    const dir = await layout({
      'spec/api.yaml': specReferencing('./parts/thing.yaml#/Thing'),
      'spec/parts/thing.yaml': "Thing:\n  type: object\n  properties:\n    owner:\n      $ref: '../../outside.yaml#/Thing'\n",
      'outside.yaml': THING,
    });
    const [issue] = await issuesOf(path.join(dir, 'spec/api.yaml'));
    expect(issue).toMatchObject({ code: 'ref-outside-root', pointer: '/Thing/properties/owner', line: 5, column: 7 });
    expect(issue?.file).toBe(path.relative(process.cwd(), path.join(dir, 'spec/parts/thing.yaml')));
  });

  it('follows references anywhere inside a wider root the user names', async () => {
    const dir = await layout({ 'spec/api.yaml': specReferencing('../shared/thing.yaml#/Thing'), 'shared/thing.yaml': THING, 'outside.yaml': THING });
    const loaded = await loadSpec(path.join(dir, 'spec/api.yaml'), { refRoot: dir });
    expect(JSON.stringify(loaded.document)).toContain('"id":{"type":"string"}');
    // The wider root is still a boundary.
    await writeFile(path.join(dir, 'spec/api.yaml'), specReferencing('../../outside-of-root.yaml#/Thing'));
    expect((await issuesOf(path.join(dir, 'spec/api.yaml'), { refRoot: dir }))[0]).toMatchObject({ code: 'ref-outside-root' });
  });

  it('lint, diff, compare and generate --check all refuse it, exit 1, located', async () => {
    const dir = await layout({ 'spec/api.yaml': specReferencing('../outside.yaml#/Thing'), 'outside.yaml': THING });
    const spec = path.join(dir, 'spec/api.yaml');
    const runs = [
      ['lint', spec],
      ['diff', spec, spec],
      ['compare', '--vendor', spec, '--spec', spec],
      ['generate', '--spec', spec, '--out', path.join(dir, 'out'), '--check'],
    ];
    for (const argv of runs) {
      const lines: string[] = [];
      // lint prints its findings on stdout, errors and warnings alike, and leaves only the count to the error report.
      const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
      const code = await main(argv, (l) => lines.push(l)).finally(() => stdout.mockRestore());
      expect(code, argv[0]).toBe(1);
      expect(lines.join('\n'), argv[0]).toMatch(
        /api\.yaml:13:17 {2}#\/paths\/~1things\/get\/responses\/200\/content\/application~1json\/schema {2}\[ref-outside-root\]/,
      );
    }
    // With the wider root the same spec is read.
    expect(await main(['diff', '--ref-root', dir, spec, spec], () => undefined)).toBe(0);
  });

  it('calls a --ref-root that is not a directory a usage error', async () => {
    const lines: string[] = [];
    expect(await main(['lint', '--ref-root', path.join(work, 'no-such-dir'), 'x.yaml'], (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toContain('--ref-root');
  });
});

/** A loopback server whose handler writes the response itself (or never does). */
async function serve(handler: (url: string, res: ServerResponse) => void): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req.url ?? '', res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

describe('remote references', () => {
  it('fetches nothing without --allow-remote-refs', async () => {
    const { url, hits, server } = await serve((_u, res) => res.end(THING));
    try {
      const dir = await layout({ 'api.yaml': specReferencing(`${url}/thing.yaml#/Thing`) });
      const [issue] = await issuesOf(path.join(dir, 'api.yaml'));
      expect(issue).toMatchObject({ code: 'ref-remote', pointer: SCHEMA_POINTER, line: 13, column: 17 });
      expect(issue?.message).toContain('--allow-remote-refs');
      expect(hits).toEqual([]);
    } finally {
      await close(server);
    }
  });

  it('fetches with the opt-in, following a redirect', async () => {
    const { url, hits, server } = await serve((u, res) => {
      if (u === '/moved.yaml') res.writeHead(302, { location: '/thing.yaml' }).end();
      else res.writeHead(200, { 'content-type': 'application/yaml' }).end(THING);
    });
    try {
      const dir = await layout({ 'api.yaml': specReferencing(`${url}/moved.yaml#/Thing`) });
      const loaded = await loadSpec(path.join(dir, 'api.yaml'), { allowRemoteRefs: true });
      expect(JSON.stringify(loaded.document)).toContain('"id":{"type":"string"}');
      expect(hits).toEqual(['/moved.yaml', '/thing.yaml']);
    } finally {
      await close(server);
    }
  });

  // What a server sends is no more trusted than the spec: it may not pull in files of this machine.
  it('refuses a file: reference in a fetched document', async () => {
    const dir = await layout({ 'secret.txt': 'TOP-SECRET' });
    const remote = `Thing:\n  type: object\n  example:\n    $ref: '${pathToFileURL(path.join(dir, 'secret.txt')).href}'\n  properties:\n    owner:\n      $ref: '${pathToFileURL(path.join(dir, 'secret.txt')).href}'\n`;
    const { url, server } = await serve((_u, res) => res.writeHead(200, { 'content-type': 'application/yaml' }).end(remote));
    try {
      await writeFile(path.join(dir, 'api.yaml'), specReferencing(`${url}/thing.yaml#/Thing`));
      const issues = await issuesOf(path.join(dir, 'api.yaml'), { allowRemoteRefs: true });
      expect(issues.map((i) => i.code)).toContain('ref-outside-root');
      expect(issues.map((i) => i.message).join('\n')).toContain('a document fetched from a server may not reference files on this machine');
      expect(JSON.stringify(issues)).not.toContain('TOP-SECRET');
    } finally {
      await close(server);
    }
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    const { url, server } = await serve(() => undefined);
    try {
      const dir = await layout({ 'api.yaml': specReferencing(`${url}/thing.yaml#/Thing`) });
      const started = performance.now();
      const [issue] = await issuesOf(path.join(dir, 'api.yaml'), { allowRemoteRefs: true, remoteLimits: { timeoutMs: 300 } });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(issue).toMatchObject({ code: 'ref-fetch', line: 13 });
      expect(issue?.message).toContain('within 300 ms');
    } finally {
      await close(server);
    }
  });

  it('gives up on a server that stops sending half way, within the timeout', async () => {
    const { url, server } = await serve((_u, res) => res.writeHead(200).write('Thing:\n'));
    try {
      const dir = await layout({ 'api.yaml': specReferencing(`${url}/thing.yaml#/Thing`) });
      const [issue] = await issuesOf(path.join(dir, 'api.yaml'), { allowRemoteRefs: true, remoteLimits: { timeoutMs: 300 } });
      expect(issue).toMatchObject({ code: 'ref-fetch' });
    } finally {
      await close(server);
    }
  });

  it('stops reading an endless body at the size limit', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const { url, server } = await serve((_u, res) => {
      res.writeHead(200, { 'content-type': 'application/yaml' });
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    try {
      const dir = await layout({ 'api.yaml': specReferencing(`${url}/thing.yaml#/Thing`) });
      const [issue] = await issuesOf(path.join(dir, 'api.yaml'), { allowRemoteRefs: true, remoteLimits: { maxBytes: 1024 * 1024 } });
      expect(issue).toMatchObject({ code: 'ref-fetch' });
      expect(issue?.message).toContain('more than the limit of 1048576 bytes');
    } finally {
      await close(server);
    }
  });

  it('refuses a body declared larger than the limit without reading it', async () => {
    const { url, server } = await serve((_u, res) => res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) }).write('Thing:\n'));
    try {
      const dir = await layout({ 'api.yaml': specReferencing(`${url}/thing.yaml#/Thing`) });
      const [issue] = await issuesOf(path.join(dir, 'api.yaml'), { allowRemoteRefs: true, remoteLimits: { maxBytes: 1024 * 1024 } });
      expect(issue?.message).toContain('declares 52428800 bytes');
    } finally {
      await close(server);
    }
  });

  it('counts the size after decompression: a gzip bomb stops at the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, ' '));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const { url, server } = await serve((_u, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb));
    try {
      const dir = await layout({ 'api.yaml': specReferencing(`${url}/thing.yaml#/Thing`) });
      const [issue] = await issuesOf(path.join(dir, 'api.yaml'), { allowRemoteRefs: true, remoteLimits: { maxBytes: 1024 * 1024 } });
      expect(issue?.message).toContain('more than the limit of 1048576 bytes');
    } finally {
      await close(server);
    }
  });

  it('stops following redirects in a circle, and refuses one to another scheme', async () => {
    const { url, hits, server } = await serve((u, res) => res.writeHead(302, { location: u === '/file' ? 'file:///etc/passwd' : u }).end());
    try {
      const dir = await layout({ 'api.yaml': specReferencing(`${url}/loop.yaml#/Thing`) });
      const [loop] = await issuesOf(path.join(dir, 'api.yaml'), { allowRemoteRefs: true, remoteLimits: { maxRedirects: 3 } });
      expect(loop?.message).toContain('redirects more than 3 times');
      expect(hits).toHaveLength(4);
      await writeFile(path.join(dir, 'api.yaml'), specReferencing(`${url}/file#/Thing`));
      const [scheme] = await issuesOf(path.join(dir, 'api.yaml'), { allowRemoteRefs: true });
      expect(scheme?.message).toContain('file:///etc/passwd is not an http or https URL');
    } finally {
      await close(server);
    }
  });
});
