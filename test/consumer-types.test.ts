/**
 * What a consumer's compiler sees, under `strict` and `exactOptionalPropertyTypes`: an operation's
 * guard types `err.body` by the schema the spec declares for its status, with no cast; without the
 * guard the body stays `unknown`, never `any`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { typecheck } from './helpers/tsc.js';

const root = path.resolve(import.meta.dirname, '..');
const pkg = path.join(root, 'generated/launchdarkly/src/index.js');
let dir: string;

const COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  noEmit: true,
};

let diagnostics: string[];

// One compiler run for both files (a run costs seconds); each test reads its file's diagnostics.
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-consumer-types-'));
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  await writeFile(path.join(dir, 'guarded.ts'), GUARDED);
  await writeFile(path.join(dir, 'wrong.ts'), WRONG);
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: COMPILER_OPTIONS, files: ['guarded.ts', 'wrong.ts'] }));
  diagnostics = (await typecheck(path.join(dir, 'tsconfig.json'))).split('\n').filter((line) => line.trim() !== '');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const HEADER = `import { LaunchDarklyClient, NotFoundError, RateLimitError, ApiError, isGetTokenError, isPatchTokenError } from ${JSON.stringify(pkg)};
import type { NotFoundErrorRep, RateLimitedErrorRep, StatusConflictErrorRep } from ${JSON.stringify(pkg)};
import { ConflictError } from ${JSON.stringify(pkg)};

declare const apiKey: string | undefined;
const client = new LaunchDarklyClient({ apiKey });
`;

const GUARDED = `${HEADER}
export async function read(): Promise<void> {
  try {
    await client.accessTokens.getToken({ id: 'x' });
  } catch (err) {
    if (isGetTokenError(err) && err instanceof NotFoundError) {
      const body: NotFoundErrorRep = err.body;
      const status: number = err.status;
      // @ts-expect-error the 404 body is NotFoundErrorRep, not a string
      const text: string = err.body;
      // @ts-expect-error nor the 429 body
      const limited: RateLimitedErrorRep & { extra: 1 } = err.body;
      console.log(body, status, text, limited);
    }
    if (isGetTokenError(err) && err instanceof RateLimitError) {
      const body: RateLimitedErrorRep = err.body;
      const wait: number | undefined = err.retryAfterMs;
      console.log(body, wait);
    }
    if (isPatchTokenError(err) && err instanceof ConflictError) {
      const body: StatusConflictErrorRep = err.body;
      console.log(body);
    }
    if (isGetTokenError(err) && err instanceof ConflictError) {
      // getToken declares no 409: the branch narrows to never.
      const never: never = err;
      console.log(never);
    }
    if (err instanceof NotFoundError) {
      // Unguarded, the body is unknown: neither any nor the declared type.
      // @ts-expect-error unknown is not NotFoundErrorRep
      const body: NotFoundErrorRep = err.body;
      console.log(body);
    }
    if (err instanceof ApiError) {
      // @ts-expect-error unknown is not NotFoundErrorRep
      const body: NotFoundErrorRep = err.body;
      console.log(body);
    }
  }
}
`;

const WRONG = `${HEADER}
export function wrong(err: unknown): void {
  if (isGetTokenError(err) && err instanceof NotFoundError) {
    const text: string = err.body;
    console.log(text);
  }
}
`;

it('a guarded body has the declared type, and only that type', () => {
  expect(diagnostics.filter((d) => d.includes('guarded.ts'))).toEqual([]);
});

it('assigning a guarded body to the wrong type fails to compile', () => {
  const out = diagnostics.filter((d) => d.includes('wrong.ts')).join('\n');
  // The compiler names the declared model (NotFoundErrorRep is an alias of ErrorRep), not `any` or `unknown`.
  expect(out).toMatch(/wrong\.ts\(\d+,\d+\): error TS2322: Type '(NotFound)?ErrorRep' is not assignable to type 'string'/);
  expect(diagnostics).toHaveLength(1);
});
