/** The corpus script's pure parts: reading tsc output, naming causes, sampling, medians. */
import { describe, expect, it } from 'vitest';
import { compileCause, fileArea, generateCause, groupCauses, isExactOptionalOnly, normalizeMessage, parseDiagnostics } from '../../scripts/corpus/causes.js';
import { median } from '../../scripts/corpus/report.js';
import { seededSample } from '../../scripts/corpus/sample.js';

describe('parseDiagnostics', () => {
  it('reads file, code and first message line, and option errors without a file', () => {
    const output = [
      "src/resources/pets.ts(81,11): error TS2375: Type '{ limit: number | undefined; }' is not assignable to type '{ limit?: number; }' with 'exactOptionalPropertyTypes: true'.",
      '  Types of property limit are incompatible.',
      'error TS5023: Unknown compiler option --nope.',
    ].join('\n');
    expect(parseDiagnostics(output)).toEqual([
      {
        file: 'src/resources/pets.ts',
        code: 'TS2375',
        message: "Type '{ limit: number | undefined; }' is not assignable to type '{ limit?: number; }' with 'exactOptionalPropertyTypes: true'.",
      },
      { file: '', code: 'TS5023', message: 'Unknown compiler option --nope.' },
    ]);
  });
});

describe('causes', () => {
  it.each([
    ['/tmp/x/slot-0/tokenkit/src/runtime/core.ts', 'runtime'],
    ['src/resources/a-b.ts', 'resources'],
    ['src/schema.ts', 'schema'],
    ['src/models.ts', 'models'],
    ['src/client.ts', 'client'],
    ['src/index.ts', 'index'],
    ['README.ts', 'other'],
  ] as const)('%s is in %s', (file, area) => {
    expect(fileArea(file)).toBe(area);
  });

  it.each([
    [`Type '"a" | "b"' is not assignable to type 'number'.`, `Type '…' is not assignable to type '…'.`],
    ['Property "x-y" is missing in 12 places', 'Property "…" is missing in N places'],
    ['a `code` span\n and  spaces', 'a `…` span and spaces'],
  ])('normalises %j', (given, want) => {
    expect(normalizeMessage(given)).toBe(want);
  });

  it('names a compile cause by code, place and message', () => {
    expect(compileCause({ file: 'src/resources/x.ts', code: 'TS2344', message: "Type 'A' does not satisfy the constraint 'B'." })).toBe(
      "TS2344 in resources: Type '…' does not satisfy the constraint '…'.",
    );
  });

  it('tells exactOptionalPropertyTypes-only errors apart', () => {
    expect(isExactOptionalOnly({ file: '', code: 'TS2375', message: "… with 'exactOptionalPropertyTypes: true'. Consider …" })).toBe(true);
    expect(isExactOptionalOnly({ file: '', code: 'TS2322', message: "Type 'a' is not assignable to type 'b'." })).toBe(false);
  });

  const ended = { timedOut: false, signal: null, code: 1 };
  it.each([
    ['spec.json:3:4  #/paths/~1a  [name-collision] operation "a" becomes method b\n1 problem found', ended, '[name-collision] operation "…" becomes method b'],
    [
      "tokenkit: internal error (a bug …)\nTypeError: Cannot read properties of undefined (reading 'x')\n    at f",
      ended,
      "internal error: TypeError: Cannot read properties of undefined (reading '…')",
    ],
    ['FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', { ...ended, signal: 'SIGABRT' }, 'memory limit'],
    ['', { timedOut: true, signal: 'SIGKILL', code: null }, 'time limit'],
    ['', ended, 'exit code 1'],
  ])('names the generation failure of %j', (output, how, want) => {
    expect(generateCause(output, how)).toBe(want);
  });

  it('groups causes, most frequent first, ties by name', () => {
    expect(groupCauses(['b', 'a', 'c', 'c', 'b'])).toEqual([
      ['b', 2],
      ['c', 2],
      ['a', 1],
    ]);
  });
});

describe('seededSample', () => {
  const items = Array.from({ length: 100 }, (_, i) => `spec-${String(i).padStart(3, '0')}.json`);

  it('is the same for the same seed, different for another, sorted and without repeats', () => {
    const a = seededSample(items, 10, 1);
    expect(seededSample(items, 10, 1)).toEqual(a);
    expect(seededSample(items, 10, 2)).not.toEqual(a);
    expect([...a].sort()).toEqual(a);
    expect(new Set(a).size).toBe(10);
    expect(a.every((s) => items.includes(s))).toBe(true);
  });

  it('is the whole list when no size is given or the size is not smaller', () => {
    expect(seededSample(items, undefined, 1)).toEqual(items);
    expect(seededSample(items, 500, 1)).toEqual(items);
  });
});

describe('median', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[Number.NaN, 5], 5],
    [[], Number.NaN],
  ])('of %j is %d', (values, want) => {
    expect(median(values)).toBe(want);
  });
});
