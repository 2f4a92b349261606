/**
 * The release engineer's CLI: a registry that is not a URL is a usage error, npm failures are plain
 * messages and do not stop the other packages, `tokenkit version` cuts a version without a spec
 * change, `diff --fail-on` gates CI, and packages carry the project's repository.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryUrl } from '../generator/commands/git-remote.js';
import { applyBump } from '../generator/diff/semver.js';
import { explainNpmFailure, NpmFailure } from '../generator/commands/npm-failure.js';
import { MAX_SPEC_BYTES } from '../generator/pipeline/read-input.js';
import { runTokenkit } from './helpers/run-cli.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

const tokenkit = (args: string[], cwd: string, env: Record<string, string> = {}) => runTokenkit(args, cwd, env);

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-release-'));
  await cp(path.join(root, 'specs'), path.join(work, 'specs'), { recursive: true });
  await cp(path.join(root, 'generated'), path.join(work, 'generated'), { recursive: true });
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('tokenkit publish', () => {
  it('refuses a registry that is not an http(s) URL as a usage error, before anything is published', async () => {
    for (const registry of ['notaurl', 'ftp://registry.example/']) {
      const r = await tokenkit(['publish', '--registry', registry], work);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--registry ${JSON.stringify(registry)}`);
      expect(r.stdout).not.toContain('published');
    }
  });

  it('tells an unreachable registry plainly, tries every package and ends with a summary', async () => {
    const registry = 'http://127.0.0.1:9/';
    const r = await tokenkit(['publish', '--registry', registry], work, { npm_config_fetch_retries: '0', npm_config_fetch_timeout: '5000' });
    expect(r.code).toBe(1);
    for (const name of ['ionos-container-registry', 'launchdarkly', 'quay'])
      expect(r.stderr).toMatch(new RegExp(`refused  @tokenkit/${name}@[\\d.]+: cannot reach ${registry}`));
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toContain('\n    at ');
    expect(r.stdout).toContain('published 0, refused 3');
  });
});

describe('npm failures in words', () => {
  it.each([
    ['npm error code ENEEDAUTH\nnpm error need auth This command requires you to be logged in', 'not logged in to R: run `npm login --registry R`'],
    ['npm error code E403\nnpm error 403 Forbidden - PUT R/x', 'R refused the package (403)'],
    ['npm error code ECONNREFUSED\nnpm error syscall connect', 'cannot reach R'],
    ['npm error code EPROTO\nnpm error wrong version number', 'a TLS error talking to R'],
    ['npm error code EWHATEVER\nnpm error something odd happened', 'npm publish failed (EWHATEVER): something odd happened'],
    ['npm error The `registry` option is protected, and can not be retrieved in this way', 'npm takes no credentials in a registry URL: give R without them'],
  ])('%s', (output, expected) => {
    expect(explainNpmFailure(new NpmFailure('publish', output), 'R')).toContain(expected);
  });
});

describe('tokenkit version', () => {
  const json = async <T>(rel: string) => JSON.parse(await readFile(path.join(work, rel), 'utf8')) as T;
  const manifest = () => json<{ version: string; released: { version: string } | null }>('generated/quay/.tokenkit.json');
  const changelog = () => readFile(path.join(work, 'generated/quay/CHANGELOG.md'), 'utf8');

  it('records a pending version as released, then cuts a patch above it; the package stays fresh', async () => {
    const released = (await manifest()).released?.version ?? '';
    // A docs change since the release: a pending patch, whose entry lists it.
    const spec = path.join(work, 'specs/quay.yaml');
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('summary: App-specific tokens of Red Hat Quay.', 'summary: Quay app-specific tokens.'));
    expect((await tokenkit(['generate'], work)).code).toBe(0);
    const pending = applyBump(released, 'patch');
    expect((await manifest()).version).toBe(pending);

    const first = await tokenkit(['version', 'quay', 'patch'], work);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`@tokenkit/quay  ${pending} (pending) recorded as released`);
    expect(await manifest()).toMatchObject({ version: pending, released: { version: pending } });
    expect(await changelog()).toMatch(new RegExp(`^# Changelog\\n\\n## ${pending.replaceAll('.', '\\.')}\\n\\n### Documentation\\n`));

    const r = await tokenkit(['version', 'quay', 'patch'], work);
    const after = applyBump(pending, 'patch');
    expect(r.stdout).toContain(`@tokenkit/quay  ${pending} → ${after}`);
    expect((await json<{ version: string }>('generated/quay/package.json')).version).toBe(after);
    expect(await manifest()).toMatchObject({ version: after, released: { version: after } });
    expect(await changelog()).toContain(
      `# Changelog\n\n## ${after}\n\nA patch release cut with \`tokenkit version\`; the spec is unchanged.\n\n## ${pending}\n`,
    );
    const check = await tokenkit(['generate', '--check'], work);
    expect(check.stdout).toContain('ok    @tokenkit/quay');
    expect(check.code).toBe(0);
    // Regenerating keeps the cut version: it is recorded where generation reads it.
    await tokenkit(['generate'], work);
    expect((await json<{ version: string }>('generated/quay/package.json')).version).toBe(after);
  });

  it('finds a package by its npm name, and names the packages when there is no such one', async () => {
    const released = (await json<{ released: { version: string } }>('generated/launchdarkly/.tokenkit.json')).released.version;
    expect((await tokenkit(['version', '@tokenkit/launchdarkly', 'minor'], work)).stdout).toContain(`→ ${applyBump(released, 'minor')}`);
    const missing = await tokenkit(['version', 'nope', 'patch'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no generated package named nope; the packages are ionos-container-registry, launchdarkly, quay');
  });
});

describe('ordinary mistakes and help', () => {
  it('a missing spec is a plain problem for every command, with no stack', async () => {
    for (const args of [
      ['generate', '--spec', 'missing.yaml', '--out', 'x'],
      ['lint', 'missing.yaml'],
      ['diff', 'missing.yaml', 'missing.yaml'],
    ]) {
      const r = await tokenkit(args, work);
      expect(r.code, args[0]).toBe(1);
      expect(`${r.stdout}${r.stderr}`, args[0]).toContain('missing.yaml');
      expect(`${r.stdout}${r.stderr}`, args[0]).toContain('no such file or directory (ENOENT)');
      expect(r.stderr, args[0]).not.toMatch(/internal error|\n\s+at /);
    }
  });

  // The command line was right; the project is not ready: exit 1, and the command to run is tokenkit's own.
  it('a package not generated yet is a problem to fix, not a usage error', async () => {
    const fresh = path.join(work, 'not-generated');
    await mkdir(path.join(fresh, 'specs'), { recursive: true });
    await cp(path.join(root, 'specs/quay.yaml'), path.join(fresh, 'specs/quay.yaml'));
    for (const args of [
      ['version', 'quay', 'patch'],
      ['diff', 'quay'],
    ]) {
      const r = await tokenkit(args, fresh);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr, args[0]).toContain('run `tokenkit generate` first');
      expect(r.stderr, args[0]).not.toContain('--help');
    }
    // Not a project at all: what a project is, and how to generate without one.
    const elsewhere = path.join(work, 'no-project');
    await mkdir(elsewhere, { recursive: true });
    for (const args of [['generate'], ['build'], ['publish', '--dry-run'], ['version', 'quay', 'patch']]) {
      const r = await tokenkit(args, elsewhere);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr, args[0]).toContain('has no specs/ directory');
      expect(r.stderr, args[0]).toContain('tokenkit generate --spec FILE --out DIR');
      expect(r.stderr, args[0]).not.toMatch(/scandir|internal error/);
    }
  });

  it('renames a project package whose spec names it anew, keeping its history', async () => {
    const project = path.join(work, 'renamed');
    await mkdir(path.join(project, 'specs'), { recursive: true });
    await cp(path.join(root, 'specs/quay.yaml'), path.join(project, 'specs/quay.yaml'));
    expect((await tokenkit(['generate'], project)).code).toBe(0);
    const spec = await readFile(path.join(project, 'specs/quay.yaml'), 'utf8');
    await writeFile(path.join(project, 'specs/quay.yaml'), spec.replace("package: '@tokenkit/quay'", "package: '@acme/quay-client'"));
    const r = await tokenkit(['generate'], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await readFile(path.join(project, 'generated/quay/package.json'), 'utf8')).toContain('"name": "@acme/quay-client"');
  });

  it('names a generated package whose spec is gone, and leaves it as it is', async () => {
    const project = path.join(work, 'spec-gone');
    await mkdir(path.join(project, 'specs'), { recursive: true });
    await cp(path.join(root, 'specs/quay.yaml'), path.join(project, 'specs/quay.yaml'));
    await cp(path.join(root, 'specs/launchdarkly.yaml'), path.join(project, 'specs/launchdarkly.yaml'));
    expect((await tokenkit(['generate'], project)).code).toBe(0);
    await rm(path.join(project, 'specs/launchdarkly.yaml'));
    for (const args of [['generate'], ['generate', '--check']]) {
      const r = await tokenkit(args, project);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toContain('note: generated/launchdarkly has no spec in specs/ any more');
    }
    expect(await readFile(path.join(project, 'generated/launchdarkly/package.json'), 'utf8')).toContain('@tokenkit/launchdarkly');
  });

  // A path may name anything: a device or a pipe would be read without end, a huge file held whole.
  it('reads a spec or an overlay only from a regular file within the size limit', async () => {
    const fifo = path.join(work, 'spec.pipe');
    await run('mkfifo', [fifo]);
    const huge = path.join(work, 'huge.yaml');
    await run('truncate', ['-s', String(MAX_SPEC_BYTES + 1), huge]);
    for (const [args, said] of [
      [['lint', '/dev/zero'], 'it is not a regular file'],
      [['lint', fifo], 'it is not a regular file'],
      [['generate', '--spec', '/dev/zero', '--out', 'x'], 'it is not a regular file'],
      [['lint', 'specs/quay.yaml', '--overlay', '/dev/zero'], 'cannot read the overlay: it is not a regular file'],
      [['lint', huge], 'it is 268,435,457 bytes; tokenkit reads files of up to 256 MiB'],
    ] as const) {
      const r = await tokenkit([...args], work);
      expect(r.code, args.join(' ')).toBe(1);
      expect(`${r.stdout}${r.stderr}`, args.join(' ')).toContain(said);
      expect(r.stderr, args.join(' ')).not.toMatch(/internal error|\n\s+at /);
    }
  });

  it('a directory named where a spec or a package belongs is called a directory', async () => {
    const lint = await tokenkit(['lint', 'specs'], work);
    expect(lint.code).toBe(1);
    expect(`${lint.stdout}${lint.stderr}`).toContain('it is a directory, not a file');
    const diff = await tokenkit(['diff', 'specs'], work);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain('specs is a directory, not a generated package');
    // A package's own directory names the package.
    const byDir = await tokenkit(['diff', 'generated/quay'], work);
    expect(byDir.stderr).toBe('');
    expect(byDir.code).toBe(0);
  });

  it('bare tokenkit names every command; help says what is true', async () => {
    const bare = await tokenkit([], work);
    expect(bare.code).toBe(2);
    for (const command of ['generate', 'build', 'publish', 'version', 'diff', 'compare', 'lint']) expect(bare.stderr).toContain(command);
    expect((await tokenkit(['generate', '--help'], work)).stdout).toContain('Swagger 2.0');
    // Commands that never write say nothing about writing.
    const lint = await tokenkit(['lint', path.join(root, 'test/fixtures/invalid/dangling-ref.yaml')], work);
    expect(lint.code).toBe(1);
    expect(lint.stderr).not.toContain('nothing was written');
  });
});

describe('generate --spec outside specs/', () => {
  it('says where it wrote and that the other commands do not see it', async () => {
    const out = path.join(work, 'elsewhere');
    const r = await tokenkit(['generate', '--spec', path.join(root, 'test/fixtures/specs/unusual.yaml'), '--out', out], work);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('note: elsewhere is not among the packages');
    expect(r.stdout).toContain('put the spec there to include it');
    // A spec of the project's own is a target every command handles: no note.
    expect((await tokenkit(['generate', '--spec', 'specs/quay.yaml'], work)).stdout).not.toContain('note:');
  });
});

describe('a spec in several files', () => {
  it('is released by what changed in a file it references, as diff sees it', async () => {
    const project = path.join(work, 'multi-file');
    await mkdir(path.join(project, 'specs/shop'), { recursive: true });
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'multi-file', private: true }));
    await writeFile(
      path.join(project, 'specs/shop.yaml'),
      [
        'openapi: 3.0.3',
        'info: { title: Shop, version: "1" }',
        'servers: [{ url: "https://shop.example.test" }]',
        'paths:',
        '  /items/{id}:',
        '    get:',
        '      operationId: getItem',
        '      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]',
        '      responses:',
        "        '200': { description: One, content: { application/json: { schema: { $ref: './shop/schemas.yaml#/Item' } } } }",
        '',
      ].join('\n'),
    );
    const schemas = path.join(project, 'specs/shop/schemas.yaml');
    await writeFile(schemas, 'Item:\n  type: object\n  required: [id]\n  properties:\n    id: { type: string }\n    price: { type: number }\n');
    expect((await tokenkit(['generate'], project)).code).toBe(0);
    const version = async () => (JSON.parse(await readFile(path.join(project, 'generated/shop/.tokenkit.json'), 'utf8')) as { version: string }).version;
    expect(await version()).toBe('0.1.0');
    // Only the referenced file changes: a property removed is a breaking change of the spec.
    await writeFile(schemas, 'Item:\n  type: object\n  required: [id]\n  properties:\n    id: { type: string }\n');
    const diff = await tokenkit(['diff', 'shop'], project);
    expect(diff.stdout).toContain('breaking');
    const r = await tokenkit(['generate'], project);
    expect(r.code).toBe(0);
    expect(await version()).toBe('0.2.0');
    const changelog = await readFile(path.join(project, 'generated/shop/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('`getItem`: 200 response.price: property removed');
    expect(changelog).not.toContain('is unchanged');
  });
});

describe('tokenkit diff --fail-on', () => {
  const diff = (a: string, b: string, ...flags: string[]) =>
    tokenkit(['diff', path.join(root, 'test/fixtures/diff', a), path.join(root, 'test/fixtures/diff', b), ...flags], root);
  it('exits 1 on a change at or above the class, 0 below it', async () => {
    expect((await diff('base.yaml', 'breaking.yaml', '--fail-on', 'breaking')).code).toBe(1);
    expect((await diff('base.yaml', 'additive.yaml', '--fail-on', 'breaking')).code).toBe(0);
    const additive = await diff('base.yaml', 'additive.yaml', '--fail-on', 'non-breaking');
    expect(additive.code).toBe(1);
    expect(additive.stderr).toContain('--fail-on non-breaking');
    expect((await diff('base.yaml', 'docs-only.yaml', '--fail-on', 'non-breaking')).code).toBe(0);
    expect((await diff('base.yaml', 'docs-only.yaml', '--fail-on', 'docs')).code).toBe(1);
    expect((await diff('base.yaml', 'base.yaml', '--fail-on', 'docs')).code).toBe(0);
  });
  it('with --json, a spec’s problems are JSON on stdout too, and the exit code 1', async () => {
    const broken = path.join(root, 'test/fixtures/invalid/undefined-security-scheme.yaml');
    const r = await tokenkit(['diff', broken, broken, '--json'], root);
    expect(r.code).toBe(1);
    const { problems } = JSON.parse(r.stdout) as { problems: { code: string; file: string; line?: number }[] };
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: expect.stringContaining('undefined-security-scheme.yaml') as unknown });
    expect(r.stderr).toContain('undefined-security-scheme.yaml');
  });
});

describe('repository field', () => {
  it.each([
    ['https://github.com/acme/api.git', 'git+https://github.com/acme/api.git'],
    ['https://user:secret@github.com/acme/api.git', 'git+https://github.com/acme/api.git'],
    ['git@github.com:acme/api.git', 'git+ssh://git@github.com/acme/api.git'],
    ['ssh://git@gitlab.example/acme/api.git', 'git+ssh://git@gitlab.example/acme/api.git'],
    ['/srv/repos/api', undefined],
    ['file:///srv/repos/api', undefined],
    ['../api', undefined],
  ])('%s → %s', (remote, expected) => {
    expect(repositoryUrl(remote)).toBe(expected);
  });

  it('comes from the git remote when package.json has none', async () => {
    const project = path.join(work, 'with-remote');
    await mkdir(path.join(project, 'specs'), { recursive: true });
    await cp(path.join(root, 'specs/quay.yaml'), path.join(project, 'specs/quay.yaml'));
    await writeFile(path.join(project, 'package.json'), '{"name":"p","private":true}\n');
    await run('git', ['init', '-q'], { cwd: project });
    await run('git', ['remote', 'add', 'origin', 'git@github.com:acme/clients.git'], { cwd: project });
    expect((await tokenkit(['generate'], project)).code).toBe(0);
    const pkg = JSON.parse(await readFile(path.join(project, 'generated/quay/package.json'), 'utf8')) as { repository?: unknown };
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+ssh://git@github.com/acme/clients.git', directory: 'generated/quay' });
  });

  /** A project at `sub` inside a new git repository, with `manifest` as its package.json; the quay package's repository field. */
  async function repositoryOf(name: string, sub: string, manifest: Record<string, unknown>): Promise<unknown> {
    const repo = path.join(work, name);
    const project = path.join(repo, sub);
    await mkdir(path.join(project, 'specs'), { recursive: true });
    await cp(path.join(root, 'specs/quay.yaml'), path.join(project, 'specs/quay.yaml'));
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'p', private: true, ...manifest }));
    await run('git', ['init', '-q'], { cwd: repo });
    await run('git', ['remote', 'add', 'origin', 'https://github.com/acme/mono.git'], { cwd: repo });
    expect((await tokenkit(['generate'], project)).code).toBe(0);
    return (JSON.parse(await readFile(path.join(project, 'generated/quay/package.json'), 'utf8')) as { repository?: unknown }).repository;
  }

  it("names the package's place in the repository when the project is not at its top", async () => {
    expect(await repositoryOf('mono', 'sdk', {})).toEqual({ type: 'git', url: 'git+https://github.com/acme/mono.git', directory: 'sdk/generated/quay' });
    // The project's own repository.directory says where it is.
    const declared = { repository: { type: 'git', url: 'https://github.com/acme/other.git', directory: 'clients/' } };
    expect(await repositoryOf('declared', 'sdk', declared)).toEqual({
      type: 'git',
      url: 'https://github.com/acme/other.git',
      directory: 'clients/generated/quay',
    });
    const dotted = { repository: { type: 'git', url: 'https://github.com/acme/other.git', directory: './.tools/sdk/' } };
    expect(await repositoryOf('dotted', 'sdk', dotted)).toEqual({
      type: 'git',
      url: 'https://github.com/acme/other.git',
      directory: '.tools/sdk/generated/quay',
    });
  });

  // npm publishes the field: a token in the project's URL must not reach the registry.
  it("drops credentials from the project's own repository URL", async () => {
    const withToken = { repository: 'https://bob:npm_TOKEN999@gitlab.example.com/acme/api.git' };
    expect(await repositoryOf('token', '.', withToken)).toEqual({ type: 'git', url: 'https://gitlab.example.com/acme/api.git', directory: 'generated/quay' });
    const inQuery = { repository: 'https://gitlab.example.com/acme/api.git?private_token=glpat-SECRET' };
    expect(await repositoryOf('query', '.', inQuery)).toEqual({ type: 'git', url: 'https://gitlab.example.com/acme/api.git', directory: 'generated/quay' });
    expect(await repositoryOf('shorthand', '.', { repository: 'github:acme/api' })).toEqual({
      type: 'git',
      url: 'github:acme/api',
      directory: 'generated/quay',
    });
  });
});
