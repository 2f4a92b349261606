/**
 * `readOnly` and `writeOnly` properties (test/fixtures/specs/read-write.yaml), in models with and
 * without `additionalProperties`, reached directly and through a reference. A caller sends a body
 * without the required `readOnly` properties it cannot know, reads no `writeOnly` property back, and
 * the same values pass through the openapi-fetch client (`client.raw`): the named models and what
 * openapi-fetch accepts and returns agree. Checked under `strict` and `exactOptionalPropertyTypes`
 * with the package and the TypeScript programs of its docs.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { codeBlocks, markdownFiles, read } from './helpers/markdown.js';
import { consumerProject, strictConsumerOptions } from './helpers/consumer-project.js';
import { typecheck } from './helpers/tsc.js';

const USAGE = `import { AccountsClient, type Account, type AccountWritable, type Labels, type Project, type ProjectWritable } from './accounts/src/index.js';

export async function use(client: AccountsClient): Promise<string[]> {
  // A required readOnly property (id) is not asked of a request; a writeOnly one (password) is.
  const account: Account = await client.accounts.createAccount({ body: { name: 'a', password: 'p' } });
  const id: string = account.id;
  // @ts-expect-error a response holds no writeOnly property
  void account.password;
  // @ts-expect-error a request sends no readOnly property
  const sent: AccountWritable = { id: 'x', name: 'a', password: 'p' };
  // Through a reference, with additionalProperties beside them.
  const body: ProjectWritable = { name: 'p', owner: { email: 'e@x.test' }, extra: 1 };
  const project: Project = await client.projects.createProject({ body });
  const owner: number = project.owner.id;
  const createdAt: string | undefined = project.createdAt;
  const labels: Labels = await client.labels.putLabels({ body: { token: 't', env: 'prod' } });
  const etag: string = labels.etag;
  const env: string | undefined = labels['env'];
  // openapi-fetch accepts and returns the same models.
  const raw = await client.raw.POST('/accounts', { body: sent });
  const rawAccount: Account | undefined = raw.data;
  const rawProject = await client.raw.POST('/projects', { body });
  const back: Project | undefined = rawProject.data;
  return [id, String(owner), createdAt ?? '', etag, env ?? '', rawAccount?.id ?? '', back?.name ?? ''];
}
`;

let dir: string;

beforeAll(async () => {
  dir = await consumerProject(['read-write.yaml', 'accounts']);
  await writeFile(path.join(dir, 'usage.ts'), USAGE);
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const file of await markdownFiles(path.join(dir, 'accounts'))) {
    const programs = codeBlocks(file, await read(path.join(dir, 'accounts', file))).filter((b) => b.lang === 'ts' && b.code.includes('import '));
    for (const b of programs) await writeFile(path.join(dir, `doc-${file.replace(/[^A-Za-z0-9]+/g, '_')}-${b.index}.ts`), `${b.code}\n`);
  }
  const compilerOptions = strictConsumerOptions({ types: ['node'], paths: { '@tokenkit/accounts': ['./accounts/src/index.ts'] } });
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts', 'accounts/src'] }));
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('types request bodies without readOnly properties and responses without writeOnly ones, as openapi-fetch does', async () => {
  expect(await typecheck(path.join(dir, 'tsconfig.json'))).toBe('');
}, 60_000);

it('declares a write view only for models a request body reaches, and documents it', async () => {
  const models = await readFile(path.join(dir, 'accounts/src/models.ts'), 'utf8');
  const names = [...models.matchAll(/^export type (\w+) =/gm)].map((m) => m[1]);
  expect(names).toEqual(['Account', 'Owner', 'Project', 'Labels', 'AccountWritable', 'ProjectWritable', 'LabelsWritable', 'OwnerWritable']);
  expect(models).toMatch(/export type ProjectWritable = \{\s+name: string;\s+owner: OwnerWritable;\s+\} & \{\s+\[key: string\]: unknown;\s+\};/);
  const doc = await readFile(path.join(dir, 'accounts/docs/AccountsApi.md'), 'utf8');
  expect(doc).toContain('| `body` | [AccountWritable](models/AccountWritable.md) |');
  const page = await readFile(path.join(dir, 'accounts/docs/models/AccountWritable.md'), 'utf8');
  expect(page).toContain('Account, as a request sends it: without its read-only properties.');
  expect(page).toContain('| `password` |');
  expect(page).not.toContain('| `id` |');
});
