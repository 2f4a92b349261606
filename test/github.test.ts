/**
 * The large-spec tier: GitHub's REST API (13 MB, ~1,000 operations) with the project's overlay
 * (overlays/github.overlay.yaml, Link-header pagination on its list operations) becomes a full package
 * (types, client, docs) that compiles in strict mode, and its paginators follow GitHub's `Link`
 * header over loopback HTTP. Timing is the benchmark's business, not this test's.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GITHUB_OVERLAY, githubSpec } from '../scripts/github-spec.js';
import { startServer, type LoopbackServer, type Recorded, type Reply } from './helpers/loopback-server.js';
import { typecheck } from './helpers/tsc.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
/** The list operations the overlay paginates in the pinned spec (16 actions, one `…All` method each). */
const PAGINATED = 246;

interface Paginator<Item> extends AsyncIterable<Item> {
  pages(): AsyncIterable<unknown>;
}
type Resource = Record<string, (params: Record<string, unknown>) => Paginator<{ id: number }>>;
type GitHubClient = Record<string, Resource>;
type GitHubClientClass = new (options: Record<string, unknown>) => GitHubClient;

// Under the project, so the package resolves openapi-fetch from its node_modules as an installed one would.
let out: string;
let stdout: string;
let server: LoopbackServer;
let reply: (req: Recorded) => Reply = () => ({ status: 500 });

beforeAll(async () => {
  out = await mkdtemp(path.join(root, '.tokenkit-github-'));
  const spec = await githubSpec();
  const args = ['generate', '--spec', spec, '--overlay', GITHUB_OVERLAY, '--out', out, '--name', '@tokenkit/github'];
  ({ stdout } = await run(process.execPath, [path.join(root, 'bin/tokenkit.js'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 }));
  server = await startServer((req) => reply(req));
}, 600_000);
afterAll(async () => {
  // Unset when beforeAll failed, whatever the declared type says.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

async function client(): Promise<GitHubClient> {
  const mod = (await import(path.join(out, 'src/index.ts'))) as Record<string, unknown>;
  const name = Object.keys(mod).find((key) => key.endsWith('Client') && typeof mod[key] === 'function');
  const Class = mod[name ?? ''] as GitHubClientClass;
  return new Class({ baseUrl: server.url, headers: { authorization: 'Bearer gh-test-token' }, maxRetries: 0 });
}

/** GitHub's own form: every link absolute, `next` and `last` while there is a next page, `prev` and `first` after the first. */
function linkHeader(base: string, page: number, last: number): string {
  const at = (n: number) => `<${server.url}${base}?per_page=2&page=${n}>`;
  const links = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  return links.join(', ');
}

it('generates GitHub’s REST API with its overlay as a package that compiles in strict mode', async () => {
  expect(stdout).toMatch(/wrote @tokenkit\/github .* \d+ files/);
  const docs = await readdir(path.join(out, 'docs'));
  expect(docs.length).toBeGreaterThan(30);
  expect(await readdir(path.join(out, 'docs', 'models'))).toContain('repository.md');
  const manifest = JSON.parse(await readFile(path.join(out, '.tokenkit.json'), 'utf8')) as { overlays?: unknown[] };
  expect(manifest.overlays).toHaveLength(1);
  let paginators = 0;
  for (const file of await readdir(path.join(out, 'src', 'resources'))) {
    paginators += (await readFile(path.join(out, 'src', 'resources', file), 'utf8')).match(/^ {2}\w+All\(params/gm)?.length ?? 0;
  }
  expect(paginators).toBe(PAGINATED);
  expect(await typecheck(path.join(out, 'tsconfig.json'))).toBe('');
}, 600_000);

it('follows GitHub’s Link header through an organization’s repositories, with the credentials on each page', async () => {
  // GitHub's next links name the organization by id, not by the path the first request used.
  const pages = [[1, 2], [3, 4], [5]];
  reply = (req) => {
    const url = new URL(req.url, server.url);
    const page = url.pathname === '/orgs/acme/repos' ? 1 : Number(url.searchParams.get('page'));
    const base = '/organizations/1001/repos';
    const body = (pages[page - 1] ?? []).map((id) => ({ id, name: `repo-${id}` }));
    return { status: 200, headers: { link: linkHeader(base, page, pages.length) }, body };
  };
  const github = await client();
  const before = server.requests.length;
  const ids: number[] = [];
  for await (const repo of github.repos!.reposListForOrgAll!({ org: 'acme', per_page: 2 })) ids.push(repo.id);
  const sent = server.requests.slice(before);
  expect(ids).toEqual([1, 2, 3, 4, 5]);
  expect(sent.map((r) => r.url)).toEqual([
    '/orgs/acme/repos?per_page=2',
    '/organizations/1001/repos?per_page=2&page=2',
    '/organizations/1001/repos?per_page=2&page=3',
  ]);
  expect(sent.map((r) => r.headers.authorization)).toEqual(['Bearer gh-test-token', 'Bearer gh-test-token', 'Bearer gh-test-token']);
});

it('reads the items of an object-wrapped GitHub list ({ total_count, workflow_runs }) page by page', async () => {
  const pages = [[11, 12], [13]];
  reply = (req) => {
    const page = Number(new URL(req.url, server.url).searchParams.get('page') ?? '1');
    const runs = (pages[page - 1] ?? []).map((id) => ({ id }));
    return { status: 200, headers: { link: linkHeader('/repositories/7/actions/runs', page, pages.length) }, body: { total_count: 3, workflow_runs: runs } };
  };
  const github = await client();
  const before = server.requests.length;
  const ids: number[] = [];
  for await (const workflowRun of github.actions!.actionsListWorkflowRunsForRepoAll!({ owner: 'acme', repo: 'app', per_page: 2 })) ids.push(workflowRun.id);
  expect(ids).toEqual([11, 12, 13]);
  expect(server.requests.slice(before).map((r) => r.url)).toEqual([
    '/repos/acme/app/actions/runs?per_page=2',
    '/repositories/7/actions/runs?per_page=2&page=2',
  ]);
});
