/**
 * The type-check promise of the generated packages: a user's calls go through named, pre-resolved
 * types, so they cost the compiler almost no type instantiations, where the same calls through raw
 * openapi-fetch instantiate its path generics each time. Instantiation counts are deterministic for a
 * given TypeScript, so this is asserted here (the bench reports the figures for GitHub's spec).
 */
import path from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const pkg = path.join(root, 'generated/launchdarkly/src/index.ts');

const PRELUDE = `import { LaunchDarklyClient } from '@tokenkit/launchdarkly';
const client = new LaunchDarklyClient({ apiKey: 'k' });
export async function run(id: string): Promise<unknown[]> {
  const out: unknown[] = [];
`;

/** The same six calls, through the client's methods and through raw openapi-fetch. */
const CALLS = {
  tokenkit: [
    `out.push(await client.accessTokens.getTokens({ limit: 5 }));`,
    `out.push(await client.accessTokens.getToken({ id }));`,
    `out.push(await client.accessTokens.postToken({ body: { name: 'ci', role: 'reader' } }));`,
    `out.push(await client.accessTokens.patchToken({ id, body: [{ op: 'replace', path: '/name', value: 'x' }] }));`,
    `out.push(await client.accessTokens.resetToken({ id, expiry: 1 }));`,
    `await client.accessTokens.deleteToken({ id });`,
  ],
  raw: [
    `out.push((await client.raw.GET('/api/v2/tokens', { params: { query: { limit: 5 } } })).data);`,
    `out.push((await client.raw.GET('/api/v2/tokens/{id}', { params: { path: { id } } })).data);`,
    `out.push((await client.raw.POST('/api/v2/tokens', { body: { name: 'ci', role: 'reader' } })).data);`,
    `out.push((await client.raw.PATCH('/api/v2/tokens/{id}', { params: { path: { id } }, body: [{ op: 'replace', path: '/name', value: 'x' }] })).data);`,
    `out.push((await client.raw.POST('/api/v2/tokens/{id}/reset', { params: { path: { id }, query: { expiry: 1 } } })).data);`,
    `await client.raw.DELETE('/api/v2/tokens/{id}', { params: { path: { id } } });`,
  ],
};

/** Instantiations the type-checker makes checking one consumer file with these calls. */
function instantiations(calls: readonly string[]): number {
  const file = path.join(root, 'node_modules/.tokenkit-instantiations/consumer.ts');
  const source = `${PRELUDE}${calls.map((c) => `  ${c}\n`).join('')}  return out;\n}\n`;
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    paths: { '@tokenkit/launchdarkly': [pkg] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === file ? source : readFile(name));
  host.fileExists = (
    (exists) => (name: string) =>
      path.resolve(name) === file || exists(name)
  )(host.fileExists.bind(host));
  const program = ts.createProgram([file], options, host);
  const consumer = program.getSourceFile(file);
  if (!consumer) throw new Error('the consumer file was not loaded');
  const diagnostics = program.getSemanticDiagnostics(consumer);
  expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  return program.getInstantiationCount();
}

it("a user's calls cost a small fraction of the same calls through raw openapi-fetch", () => {
  const baseline = instantiations([]);
  const tokenkit = instantiations(CALLS.tokenkit) - baseline;
  const raw = instantiations(CALLS.raw) - baseline;
  // Raw openapi-fetch instantiates its path generics per call; the generated methods take and return
  // named types, so six calls add a handful.
  expect(raw).toBeGreaterThan(1000);
  expect(tokenkit).toBeLessThan(raw / 20);
  expect(tokenkit / CALLS.tokenkit.length).toBeLessThan(50);
  console.log(`instantiations for ${CALLS.tokenkit.length} calls: tokenkit ${tokenkit}, raw openapi-fetch ${raw} (baseline ${baseline})`);
});
