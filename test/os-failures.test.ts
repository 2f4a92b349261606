/**
 * Failures of the operating system while writing (a full disk, a name too long, no permission, a
 * read-only file system) are told plainly with what to do, exit 1, and leave the package as it was.
 * They are injected into node:fs/promises: tests run as root, for whom permissions do not fail.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WriteFailedError } from '../generator/errors.js';
import { MANIFEST, sha256, writePackage } from '../generator/pipeline/write.js';
import { reportError } from '../generator/report-error.js';
import { readTree } from './helpers/tree.js';

/** The next fs call to fail: which function, on which path, with which errno. */
const inject = vi.hoisted(() => ({ call: '', code: '', when: (_file: string): boolean => false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const failing =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const file = String(args[0]);
      if (inject.call === name && inject.when(file)) {
        throw Object.assign(new Error(`${inject.code}: injected, ${name} '${file}'`), { code: inject.code, syscall: name, path: file });
      }
      return fn(...args);
    };
  return {
    ...real,
    writeFile: failing('open', real.writeFile),
    mkdir: failing('mkdir', real.mkdir),
    rename: failing('rename', real.rename),
    link: failing('link', real.link),
  };
});

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-os-'));
  inject.call = '';
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function pkg(tag: string): Map<string, string> {
  const entries: [string, string][] = Array.from({ length: 40 }, (_, i) => [`src/f${i}.ts`, `// ${tag} ${i}\n`]);
  const manifest = { generator: 'tokenkit', files: Object.fromEntries(entries.map(([rel, content]) => [rel, sha256(content)])) };
  return new Map([...entries, [MANIFEST, JSON.stringify(manifest)]]);
}

/** What the CLI prints for an error, and its exit code. */
function report(error: unknown): { code: number; lines: string[] } {
  const lines: string[] = [];
  return { code: reportError(error, (line) => lines.push(line)), lines };
}

const cases: { what: string; call: string; code: string; when: (file: string) => boolean; message: RegExp }[] = [
  {
    what: 'a full disk while staging',
    call: 'open',
    code: 'ENOSPC',
    when: (file) => file.endsWith('src/f7.ts'),
    message: /^tokenkit: open .*src\/f7\.ts: no space left on the device \(ENOSPC\)$/,
  },
  {
    what: 'a name too long while making a directory',
    call: 'mkdir',
    code: 'ENAMETOOLONG',
    when: (file) => file.includes('.tmp-'),
    message: /a file name is too long for the file system \(ENAMETOOLONG\)$/,
  },
  {
    what: 'no permission half-way through installing',
    call: 'rename',
    code: 'EACCES',
    // A file of the second batch moved from staging into the package: the first batch is in place by then.
    when: (file) => file.includes('.tmp-') && file.endsWith('src/f29.ts'),
    message: /^tokenkit: rename .*: permission denied \(EACCES\)$/,
  },
  {
    what: 'a read-only file system while retiring the old files',
    call: 'rename',
    code: 'EROFS',
    when: (file) => file.endsWith('pkg/src/f3.ts'),
    message: /the file system is read-only \(EROFS\)$/,
  },
  {
    what: 'a full disk while writing the journal',
    call: 'open',
    code: 'ENOSPC',
    when: (file) => file.includes('.journal-'),
    message: /no space left on the device \(ENOSPC\)$/,
  },
  {
    what: 'a full disk while taking the lock',
    call: 'open',
    code: 'ENOSPC',
    when: (file) => file.includes('.lock-'),
    message: /no space left on the device \(ENOSPC\)$/,
  },
];

describe('an operating-system failure while writing', () => {
  for (const c of cases) {
    it(`${c.what}: a plain message and what to do, exit 1, the old package as it was`, async () => {
      const out = path.join(dir, 'pkg');
      await writePackage(out, pkg('old'));
      const before = await readTree(out);
      Object.assign(inject, { call: c.call, code: c.code, when: c.when });
      const error = await writePackage(out, pkg('new')).then(
        () => undefined,
        (err: unknown) => err,
      );
      inject.call = '';
      expect(error).toBeInstanceOf(WriteFailedError);
      const { code, lines } = report(error);
      expect(code).toBe(1);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(c.message);
      expect(lines[1]).toContain(`Nothing in ${out} was changed.`);
      expect(lines.join('\n')).not.toMatch(/internal error|\n\s+at /);
      expect(await readTree(out)).toEqual(before);
      // Nothing is left beside it, the lock included: the next run goes through.
      expect(await readdir(dir)).toEqual(['pkg']);
      await writePackage(out, pkg('new'));
      expect(await readTree(out)).toEqual(Object.fromEntries(pkg('new')));
    });
  }
});

it('an errno this table does not know is still a bug, with its stack', () => {
  const { lines } = report(Object.assign(new Error('EWHAT: strange'), { code: 'EWHAT', syscall: 'open' }));
  expect(lines[0]).toContain('internal error');
});
