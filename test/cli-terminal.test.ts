/**
 * What a hostile spec can do to the terminal that prints tokenkit's output: nothing. Its strings (and
 * the names of its files) reach stdout and stderr with every control character, C1 control and
 * bidirectional override written as an escape, so none clears the screen, retitles the window,
 * reorders a line or starts a line of its own.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTokenkit } from './helpers/run-cli.js';

/** Clears the screen, retitles the window, starts a C1 sequence, reverses and isolates text, then fakes a line. */
const HOSTILE = 'x\u001b[2J\u001b]0;PWNED\u0007\u009b31m\u202egnp.exe\u2066y\r\nFAKE LINE';
/** {@link HOSTILE} as the output shows it. */
const SHOWN = 'x\\u001b[2J\\u001b]0;PWNED\\u0007\\u009b31m\\u202egnp.exe\\u2066y\\u000d\\u000aFAKE LINE';

/** Each character of `text` a terminal would act on, but the line feeds that end its lines, as `U+XXXX`. */
function rawControls(text: string): string[] {
  const acted = (n: number) =>
    (n < 0x20 && n !== 0x0a && n !== 0x09) || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069);
  return Array.from(text, (c) => c.codePointAt(0)!)
    .filter(acted)
    .map((n) => `U+${n.toString(16).padStart(4, '0')}`);
}

/** A spec with one GET operation taking `parameters`, under `route`. */
function spec(route: string, parameters: object[] = []): string {
  const operation = { operationId: 'getThing', parameters, responses: { '204': { description: 'None.' } } };
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Hostile', version: '1.0.0' },
    servers: [{ url: 'https://hostile.example.test' }],
    paths: { [route]: { get: operation } },
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-terminal-'));
  await writeFile(path.join(dir, 'old.json'), spec('/things'));
  await writeFile(path.join(dir, 'new.json'), spec('/things', [{ name: HOSTILE, in: 'query', schema: { type: 'string' } }]));
  const pathParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
  await writeFile(path.join(dir, 'unused.json'), spec('/things/{id}', [pathParameter('id'), pathParameter(HOSTILE)]));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('spec strings on the terminal', () => {
  it('diff shows a hostile parameter name escaped, on the line of its change', async () => {
    const r = await runTokenkit(['diff', 'old.json', 'new.json'], dir);
    expect(r.code).toBe(0);
    expect(rawControls(r.stdout + r.stderr)).toEqual([]);
    expect(r.stdout).toContain(`non-breaking  getThing: optional query parameter \`${SHOWN}\` added\n`);
    expect(r.stdout).not.toMatch(/^FAKE LINE/m);
  });

  it('diff --json stays JSON that reads back as the spec wrote it', async () => {
    const r = await runTokenkit(['diff', '--json', 'old.json', 'new.json'], dir);
    expect(r.code).toBe(0);
    expect(rawControls(r.stdout)).toEqual([]);
    const { changes } = JSON.parse(r.stdout) as { changes: { message: string }[] };
    expect(changes.map((c) => c.message)).toEqual([`optional query parameter \`${HOSTILE}\` added`]);
  });

  it('generate shows a hostile name escaped in the problem it reports', async () => {
    const r = await runTokenkit(['generate', '--spec', 'unused.json', '--out', 'out'], dir);
    expect(r.code).toBe(1);
    expect(rawControls(r.stdout + r.stderr)).toEqual([]);
    // The problem's message is one line: its line break is a space, its other controls escapes.
    expect(r.stderr).toContain('Path parameter `x\\u001b[2J\\u001b]0;PWNED\\u0007\\u009b31m\\u202egnp.exe\\u2066y FAKE LINE` is not used');
    expect(r.stderr).not.toMatch(/^FAKE LINE/m);
  });

  it('lint shows a hostile name escaped, and so a hostile file name', async () => {
    const file = `unused\u001b]0;PWNED\u0007\u202e.json`;
    await writeFile(path.join(dir, file), spec('/things/{id}', [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]));
    const r = await runTokenkit(['lint', 'unused.json', file], dir);
    expect(r.code).toBe(1);
    expect(rawControls(r.stdout + r.stderr)).toEqual([]);
    expect(r.stdout).toContain('Path parameter `x\\u001b[2J\\u001b]0;PWNED\\u0007\\u009b31m\\u202egnp.exe\\u2066y FAKE LINE` is not used');
    expect(r.stdout).toContain('unused\\u001b]0;PWNED\\u0007\\u202e.json');
  });

  it('generate prints nothing raw of a YAML key that is a collection, which the YAML library would warn of', async () => {
    const yaml = ['openapi: 3.0.3', 'info: {title: Hostile, version: 1.0.0}', 'x-keys:', '  ? ["\\x9b\\u202ekey\\e[2J"]', '  : 1', 'paths: {}', ''];
    await writeFile(path.join(dir, 'keys.yaml'), yaml.join('\n'));
    const r = await runTokenkit(['generate', '--spec', 'keys.yaml', '--out', 'keys'], dir);
    expect(rawControls(r.stdout + r.stderr)).toEqual([]);
  });

  it('generate --spec shows a hostile output directory escaped in the lines it writes', async () => {
    const out = `out\u001b[2J\u009b`;
    const r = await runTokenkit(['generate', '--spec', 'old.json', '--out', out], dir);
    expect(r.code).toBe(0);
    expect(rawControls(r.stdout + r.stderr)).toEqual([]);
    expect(r.stdout).toContain('out\\u001b[2J\\u009b');
  });
});
