/**
 * The README's examples give the credentials its calls need: every scheme of the first requirement
 * of the operation they call, where a spec asks for two at once (VTEX's app key and app token), not
 * the package's first scheme alone, which would fail with MissingCredentialError.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generatePackage } from '../generator/pipeline/index.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-readme-creds-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const SPEC = `openapi: 3.0.3
info: { title: Pair, version: 1.0.0 }
servers: [{ url: https://api.example.com }]
security: [{ appKey: [], appToken: [] }]
components:
  securitySchemes:
    appKey: { type: apiKey, in: header, name: X-App-Key }
    appToken: { type: apiKey, in: header, name: X-App-Token }
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { type: string } } } } }
`;

it('gives every scheme a requirement asks for together, in every README example', async () => {
  const file = path.join(dir, 'pair.yaml');
  await writeFile(file, SPEC);
  const pkg = await generatePackage({ specFile: file, specPath: 'pair.yaml', name: 'pair', packageName: '@x/pair' });
  const readme = pkg.files.get('README.md') ?? '';
  const setups = [...readme.matchAll(/new Pair(?:Client|Core)\(\{\n([^}]*)\}\)/g)]
    .map((m) => m[1] ?? '')
    // The examples that give credentials (not the one of timeouts and retries).
    .filter((setup) => setup.includes('process.env'));
  expect(setups.length).toBeGreaterThanOrEqual(3);
  // The first scheme is the client's `apiKey` option; the second gets a name of its own.
  for (const setup of setups) {
    expect(setup).toMatch(/^ {2}apiKey: .*process\.env\.PAIR_API_KEY/m);
    expect(setup).toMatch(/^ {2}appTokenApiKey: .*process\.env\.PAIR_APP_TOKEN_API_KEY/m);
  }
  expect(readme).toContain('// With PAIR_API_KEY and PAIR_APP_TOKEN_API_KEY set, no option is needed.');
  // Nothing declares paging: the README says so without claiming lists come whole.
  expect(readme).toContain('No operation of this spec declares how it pages');
});
