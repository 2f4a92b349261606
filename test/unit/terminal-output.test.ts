/** What the CLI writes reaches a terminal as text: control characters are shown, never obeyed. */
import { describe, expect, it } from 'vitest';
import { visibleControls } from '../../generator/escape/controls.js';
import { MergeConflicts, OutputDirError } from '../../generator/errors.js';
import { jsonLines, writeLines } from '../../generator/output.js';
import { reportError } from '../../generator/report-error.js';

/** What `reportError` prints, a line a call. */
function report(error: unknown): string[] {
  const lines: string[] = [];
  reportError(error, (line) => lines.push(line));
  return lines;
}

describe('visibleControls', () => {
  it('escapes C0 (line breaks too), DEL, C1 and the bidi overrides and isolates', () => {
    const raw = 'a\u0000\u0007\u0008\n\r\u000b\u001b[2J\u007f\u0080\u009b\u009f\u202a\u202e\u2066\u2069z';
    expect(visibleControls(raw)).toBe('a\\u0000\\u0007\\u0008\\u000a\\u000d\\u000b\\u001b[2J\\u007f\\u0080\\u009b\\u009f\\u202a\\u202e\\u2066\\u2069z');
  });

  it('leaves tabs, printable text and other Unicode as they are, and an escaped line as it is', () => {
    const text = 'a\tb → ü 名前 \u00a0 \u200f \u2028';
    expect(visibleControls(text)).toBe(text);
    const once = visibleControls('x\u001b]0;t\u0007');
    expect(visibleControls(once)).toBe(once);
  });
});

describe('writeLines', () => {
  it('ends each line itself; a line break inside a line is shown, not obeyed', () => {
    const writes: string[] = [];
    writeLines({ write: (text: string) => writes.push(text) }, ['one\nFAKE', 'two\u001b[2J']);
    expect(writes).toEqual(['one\\u000aFAKE\ntwo\\u001b[2J\n']);
  });

  it('keeps JSON JSON: its line breaks end lines, and a C1 or bidi character becomes its JSON escape', () => {
    const value = { name: 'a\u009b\u202e\nb' };
    const writes: string[] = [];
    writeLines({ write: (text: string) => writes.push(text) }, jsonLines(value));
    expect(writes[0]).toBe('{\n  "name": "a\\u009b\\u202e\\nb"\n}\n');
    expect(JSON.parse(writes[0]!)).toEqual(value);
  });
});

describe('reportError', () => {
  it('prints an error of several lines a line at a time, so a name in one cannot start another', () => {
    const lines = report(new OutputDirError('out\nFAKE is not empty; nothing was changed', 'Choose another directory.'));
    expect(lines).toEqual(['tokenkit: out\nFAKE is not empty; nothing was changed', 'Choose another directory.']);
    expect(report(new MergeConflicts(['a.ts', 'b\n.ts'])).slice(1, 3)).toEqual(['  a.ts', '  b\n.ts']);
  });

  it('prints an internal error’s message as one line above its stack frames', () => {
    const error = new TypeError('cannot read `x\nFAKE`');
    const lines = report(error);
    expect(lines[1]).toBe('TypeError: cannot read `x\nFAKE`');
    expect(lines.slice(2).length).toBeGreaterThan(0);
    expect(lines.slice(2).every((line) => /^\s+at /.test(line))).toBe(true);
  });
});
