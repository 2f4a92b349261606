/**
 * A bundle of one standalone function keeps that operation and leaves the others and the client
 * class out: what the package's ESM and `"sideEffects": false` promise. Checked by what the bundle
 * contains (operationIds are string literals a minifier keeps), never by its size.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consumerProject } from './helpers/consumer-project.js';
import { bundleSource } from './helpers/bundle.js';

const ROOT = path.resolve(import.meta.dirname, '..');

function bundle(source: string, resolveDir = ROOT): Promise<string> {
  return bundleSource(source, resolveDir);
}

const OTHERS = ['"getTokens"', '"postToken"', '"patchToken"', '"deleteToken"', '"resetToken"'];

// A message of the credential code (runtime/auth.ts), which a minifier keeps.
const AUTH_MARKER = 'no credentials for this call';

describe('standalone functions tree-shake', () => {
  it('a one-function bundle holds that operation only, and no client class', async () => {
    const code = await bundle(
      [
        "import { LaunchDarklyCore, getToken } from './generated/launchdarkly/src/index.js';",
        "const core = new LaunchDarklyCore({ apiKey: 'k' });",
        "export const run = () => getToken(core, { id: 'x' });",
      ].join('\n'),
    );
    // Booleans, not toContain: a failure would print the whole bundle.
    expect(code.includes('"getToken"')).toBe(true);
    expect(OTHERS.filter((other) => code.includes(other))).toEqual([]);
    expect(code.includes('LaunchDarklyClient {')).toBe(false);
    // A GET by path leaves the runtime's own serialisers (styles, cookies, bodies, servers) out.
    expect(code.includes('is not a content type the operation accepts')).toBe(false);
    expect(code.includes(AUTH_MARKER)).toBe(true);
  });

  it('a spec without security schemes gives a core that leaves the credential code out', async () => {
    const dir = await consumerProject(['paging-path-level.yaml', 'paging']);
    try {
      const core = await readFile(path.join(dir, 'paging/src/core.ts'), 'utf8');
      const coreClass = /export class (\w+Core) /.exec(core)?.[1] ?? '';
      expect(core.includes('runtime/auth.js')).toBe(false);
      const code = await bundle(
        [
          `import { ${coreClass}, listItems } from './paging/src/index.js';`,
          `const core = new ${coreClass}();`,
          'export const run = () => listItems(core, {});',
        ].join('\n'),
        dir,
      );
      expect(code.includes('"listItems"')).toBe(true);
      expect(code.includes(AUTH_MARKER)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the client class, by contrast, brings every operation', async () => {
    const code = await bundle(
      [
        "import { LaunchDarklyClient } from './generated/launchdarkly/src/index.js';",
        "const client = new LaunchDarklyClient({ apiKey: 'k' });",
        "export const run = () => client.accessTokens.getToken({ id: 'x' });",
      ].join('\n'),
    );
    expect(['"getToken"', ...OTHERS].filter((name) => !code.includes(name))).toEqual([]);
  });
});
