/**
 * argv → options: what each command line hands to the command it names, in process, with the
 * commands stubbed (the real CLI runs in cli.test.ts). Usage mistakes are UsageErrors before any
 * command runs.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../generator/cli.js';
import { UsageError } from '../generator/usage-error.js';

const calls = vi.hoisted(() => [] as [string, unknown[]][]);
const record =
  (name: string, result?: unknown) =>
  (...args: unknown[]) => {
    calls.push([name, args]);
    return Promise.resolve(result);
  };

vi.mock('../generator/commands/generate.js', () => ({ generate: record('generate') }));
vi.mock('../generator/commands/watch.js', () => ({ watchAndGenerate: record('watch') }));
vi.mock('../generator/commands/build.js', () => ({ build: record('build') }));
vi.mock('../generator/commands/publish.js', () => ({ publish: record('publish') }));
vi.mock('../generator/commands/version.js', () => ({ cutVersion: record('version', '1.0.0') }));
vi.mock('../generator/commands/lint.js', () => ({ lint: record('lint') }));
vi.mock('../generator/commands/compare.js', () => ({ compareWithVendor: record('compare', {}), formatCompare: () => [] }));
vi.mock('../generator/commands/diff.js', () => ({
  diffSpecs: record('diff', { changes: [] }),
  formatDiff: () => [],
  failOn: (...args: unknown[]) => void calls.push(['failOn', args]),
}));

const dir = mkdtempSync(`${os.tmpdir()}/tokenkit-cli-options-`);
const noRefs = { refRoot: undefined, allowRemoteRefs: false };
const generateDefaults = { spec: undefined, out: undefined, name: undefined, check: false, strict: false, force: false, load: noRefs };

beforeEach(() => {
  calls.length = 0;
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

const table: [argv: string, command: string, args: unknown[]][] = [
  ['generate', 'generate', [generateDefaults]],
  ['generate --check', 'generate', [{ ...generateDefaults, check: true }]],
  ['generate --strict --force', 'generate', [{ ...generateDefaults, strict: true, force: true }]],
  ['generate --spec api.yaml --out pkg --name @acme/api', 'generate', [{ ...generateDefaults, spec: 'api.yaml', out: 'pkg', name: '@acme/api' }]],
  [
    `generate --spec api.yaml --ref-root ${dir} --allow-remote-refs`,
    'generate',
    [{ ...generateDefaults, spec: 'api.yaml', load: { refRoot: dir, allowRemoteRefs: true } }],
  ],
  [
    'generate --spec api.yaml --overlay a.yaml --overlay b.yaml',
    'generate',
    [{ ...generateDefaults, spec: 'api.yaml', load: { ...noRefs, overlays: ['a.yaml', 'b.yaml'] } }],
  ],
  ['generate --watch', 'watch', [generateDefaults]],
  ['build', 'build', []],
  ['publish', 'publish', [{ registry: undefined, dryRun: false }]],
  ['publish --registry http://127.0.0.1:4873/ --dry-run', 'publish', [{ registry: 'http://127.0.0.1:4873/', dryRun: true }]],
  ['version launchdarkly minor', 'version', [{ package: 'launchdarkly', bump: 'minor' }]],
  ['diff old.yaml new.yaml', 'diff', ['old.yaml', 'new.yaml', undefined, noRefs]],
  ['diff @tokenkit/quay', 'diff', ['@tokenkit/quay', undefined, undefined, noRefs]],
  ['compare --vendor v.json --spec s.yaml --docs', 'compare', ['v.json', 's.yaml', true, noRefs]],
  ['lint a.yaml b.yaml', 'lint', [['a.yaml', 'b.yaml'], undefined, noRefs]],
  ['lint a.yaml --overlay o.yaml', 'lint', [['a.yaml'], undefined, { ...noRefs, overlays: ['o.yaml'] }]],
  ['diff old.yaml new.yaml --overlay o.yaml', 'diff', ['old.yaml', 'new.yaml', undefined, { ...noRefs, overlays: ['o.yaml'] }]],
];

describe('argv → options', () => {
  it.each(table)('tokenkit %s', async (argv, command, args) => {
    await runCli(argv.split(' '));
    expect(calls).toEqual([[command, args]]);
  });

  it('diff --fail-on hands the threshold over after the report', async () => {
    await runCli(['diff', 'a.yaml', 'b.yaml', '--fail-on', 'non-breaking']);
    expect(calls.map(([name]) => name)).toEqual(['diff', 'failOn']);
    expect(calls[1]?.[1][1]).toBe('non-breaking');
  });
});

const usage: [argv: string, message: RegExp][] = [
  ['', /Name a command/],
  ['frobnicate', /Unknown argument: frobnicate/],
  ['generate --out pkg', /--out and --name need --spec/],
  ['generate --name @a/b', /--out and --name need --spec/],
  ['generate --watch --check', /--watch and --check do not go together/],
  ['generate --force --check', /--force and --check do not go together/],
  ['generate --spec a.yaml --name Bad_Name!', /is not a valid npm package name/],
  ['generate --ref-root /no/such/dir', /--ref-root \/no\/such\/dir is not a directory/],
  ['generate --overlay o.yaml', /--overlay needs --spec/],
  ['version launchdarkly huge', /Invalid values/],
  ['diff --fail-on everything a.yaml', /Invalid values/],
  ['compare --spec s.yaml', /Missing required argument: vendor/],
  ['lint', /Not enough non-option arguments/],
  // One value per option: twice is a mistake, not a list; an empty one is none at all, not "every spec".
  ['generate --spec a.yaml --spec b.yaml --out pkg', /--spec was given 2 times; give it once/],
  ['generate --spec a.yaml --out a --out b', /--out was given 2 times/],
  ['generate --ref-root . --ref-root . --check', /--ref-root was given 2 times/],
  ['compare --vendor v.yaml --vendor w.yaml --spec s.yaml', /--vendor was given 2 times/],
  ['publish --dry-run --registry http://a --registry http://b', /--registry was given 2 times/],
  ['generate --spec= --out pkg --name @x/y', /--spec needs a value/],
  ['generate --spec --out pkg', /--spec needs a value/],
];

describe('usage errors', () => {
  it.each(usage)('tokenkit %s', async (argv, message) => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const run = runCli(argv === '' ? [] : argv.split(' '));
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(message);
    expect(calls).toEqual([]);
  });
});
