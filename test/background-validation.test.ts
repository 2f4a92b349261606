/**
 * A large spec is validated on a worker thread while the package is built: it must refuse and warn
 * exactly as validation in turn does, report its stages in the same order, and not count an answer
 * for other bytes than the ones the package is built from.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecError, type SpecIssue } from '../generator/issues.js';
import { BACKGROUND_VALIDATION_BYTES, useBackground, validateInBackground } from '../generator/pipeline/background-validation.js';
import { HeldStages } from '../generator/pipeline/held-stages.js';
import { generatePackage } from '../generator/pipeline/index.js';
import { loadSpec } from '../generator/pipeline/load.js';
import { readSpec } from '../generator/pipeline/read-spec.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-background-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A JSON spec past the size that is validated on a second thread, with `extra` merged into /things/get. */
function largeSpec(extra: Record<string, unknown> = {}): string {
  const paths: Record<string, unknown> = {
    '/things': {
      get: {
        operationId: 'listThings',
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } },
        ...extra,
      },
    },
  };
  // Long descriptions make the size; every operation is still a real one the model builds.
  for (let i = 0; JSON.stringify(paths).length < BACKGROUND_VALIDATION_BYTES * 1.2; i++) {
    paths[`/things/n${i}`] = { get: { operationId: `getThing${i}`, description: 'A thing. '.repeat(400), responses: { '204': { description: 'none' } } } };
  }
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Large', version: '1.0.0' }, paths });
}

async function specFile(name: string, text: string): Promise<string> {
  const file = path.join(work, name);
  await writeFile(file, text);
  return file;
}

async function issuesOf(run: Promise<unknown>): Promise<SpecIssue[]> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof SpecError)) throw new Error(`expected a SpecError, got ${String(err)}`);
  return err.issues;
}

function request(specFile: string, onStage?: (stage: string, ms: number) => void) {
  // Whatever else the machine is doing, so the second thread is what is tested.
  return { specFile, specPath: 'large.json', name: 'large', packageName: '@test/large', onStage, backgroundValidation: 'always' as const };
}

describe('a large spec validated on a second thread', () => {
  it('fails with the problems validation in turn finds, and reports only the stages before it', async () => {
    // A path parameter the path does not declare, and a response that is not an object: both fatal.
    const file = await specFile('invalid.json', largeSpec({ parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] }));
    const inTurn = await issuesOf(readSpec(file));
    expect(inTurn.map((i) => i.code)).toContain('path-parameters-defined');
    const stages: string[] = [];
    const background = await issuesOf(generatePackage(request(file, (stage) => stages.push(stage))));
    expect(background).toEqual(inTurn);
    expect(stages).toEqual(['load']);
  });

  it('warns as validation in turn does, and reports its stages in their order', async () => {
    // An unknown keyword beside a schema: a located warning, not an error.
    const file = await specFile(
      'messy.json',
      largeSpec({ responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string', nullable: 'yes' } } } } } }),
    );
    const inTurn = await readSpec(file);
    expect(inTurn.warnings.length).toBeGreaterThan(0);
    const stages: string[] = [];
    const generated = await generatePackage(request(file, (stage) => stages.push(stage)));
    expect(generated.warnings).toEqual(inTurn.warnings);
    expect(stages).toEqual(['load', 'validate', 'convert', 'version', 'model', 'render', 'types', 'manifest']);
  });

  it('does not count an answer for other bytes than the ones the package is built from', async () => {
    const first = await specFile('first.json', largeSpec());
    const second = await specFile('second.json', largeSpec({ summary: 'changed' }));
    const background = validateInBackground({ file: first, load: undefined, warningLines: false });
    expect(await background.result(await loadSpec(second))).toBeUndefined();
    const again = validateInBackground({ file: first, load: undefined, warningLines: false });
    expect(await again.result(await loadSpec(first))).toEqual([]);
  });
});

it('uses a second thread when asked to always, never when not asked', () => {
  expect(useBackground('always')).toBe(true);
  expect(useBackground(undefined)).toBe(false);
});

describe('held stage reports', () => {
  const held = (finished: string[], passed: boolean) => {
    const given: string[] = [];
    const stages = new HeldStages((stage) => given.push(stage));
    for (const stage of finished) stages.onStage(stage, 1);
    stages.release(passed);
    stages.onStage('types', 1);
    return given;
  };

  it('puts validate right after load and keeps the order the others finished in', () => {
    expect(held(['load', 'convert', 'version', 'model', 'validate', 'render'], true)).toEqual([
      'load',
      'validate',
      'convert',
      'version',
      'model',
      'render',
      'types',
    ]);
  });

  it('keeps what a run in turn would have reported before its checks failed', () => {
    expect(held(['load', 'convert', 'version', 'model'], false)).toEqual(['load', 'types']);
    expect(held(['load', 'convert', 'validate', 'version'], false)).toEqual(['load', 'validate', 'convert', 'types']);
  });
});
