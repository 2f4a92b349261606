/**
 * How the CLI starts: from a bundle that is rebuilt when a source changes, and with the TypeScript
 * compiler loaded from V8's code cache, which must be written once and then accepted on every run
 * (a cache V8 rejects would be rewritten each time and save nothing).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-startup-'));
  temps.push(dir);
  return dir;
}

describe('the bundled CLI', () => {
  it('is rebuilt when a source is newer than the bundle, and only then', async () => {
    const { ensureBundle } = (await import(path.join(root, 'bin/bundle.js'))) as {
      ensureBundle: (layout: { sourceDir: string; distDir: string; entry: string }) => Promise<string>;
    };
    const dir = await tempDir();
    const layout = { sourceDir: path.join(dir, 'src'), distDir: path.join(dir, 'dist'), entry: 'main.ts' };
    await run('mkdir', ['-p', layout.sourceDir]);
    await writeFile(path.join(layout.sourceDir, 'main.ts'), "import { answer } from './answer.js';\nexport const main = (): number => answer;\n");
    await writeFile(path.join(layout.sourceDir, 'answer.ts'), 'export const answer: number = 1;\n');
    const entry = await ensureBundle(layout);
    const first = (await stat(entry)).mtimeMs;
    expect(await readFile(entry, 'utf8')).toContain('answer = 1');

    await ensureBundle(layout);
    expect((await stat(entry)).mtimeMs).toBe(first);

    await writeFile(path.join(layout.sourceDir, 'answer.ts'), 'export const answer: number = 2;\n');
    const later = new Date(first + 5_000);
    await utimes(path.join(layout.sourceDir, 'answer.ts'), later, later);
    await ensureBundle(layout);
    expect(await readFile(entry, 'utf8')).toContain('answer = 2');
    expect(await readdir(dir)).toEqual(['dist', 'src']);
  });
});

describe('the TypeScript compiler’s code cache', () => {
  it('is written by the first run and accepted, not rewritten, by the next', async () => {
    const cache = await tempDir();
    const out = await tempDir();
    const generate = () =>
      run(process.execPath, [path.join(root, 'bin/tokenkit.js'), 'generate', '--spec', 'specs/quay.yaml', '--out', out], {
        cwd: root,
        env: { ...process.env, TOKENKIT_CACHE_DIR: cache },
      });
    await generate();
    const files = await readdir(cache);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^typescript-5\.\d+\.\d+-.*\.v8$/);
    const written = await stat(path.join(cache, files[0] ?? ''));
    expect(written.size).toBeGreaterThan(100_000);

    await generate();
    expect(await readdir(cache)).toEqual(files);
    expect((await stat(path.join(cache, files[0] ?? ''))).mtimeMs).toBe(written.mtimeMs);
  }, 60_000);
});

describe('a reader that goes away', () => {
  it('ends nothing: the command finishes with its own exit code and no stack', async () => {
    const { spawn } = await import('node:child_process');
    // `tokenkit generate --check | head -c 1`: the reader takes one byte and closes the pipe.
    const child = spawn(process.execPath, [path.join(root, 'bin/tokenkit.js'), 'generate', '--check'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
