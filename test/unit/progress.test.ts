/** Progress of a long generation: lines everywhere, a bar redrawn in place on a terminal only. */
import { describe, expect, it } from 'vitest';
import { progressBar, stageProgress, STAGES } from '../../generator/commands/progress.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

describe('progressBar', () => {
  it('fills in proportion and names the next stage', () => {
    expect(progressBar(0, 9, 'load')).toBe(`[${'.'.repeat(24)}] 0/9  next: load`);
    expect(progressBar(3, 9, 'version')).toBe(`[${'#'.repeat(8)}${'.'.repeat(16)}] 3/9  next: version`);
    expect(progressBar(9, 9, undefined)).toBe(`[${'#'.repeat(24)}] 9/9`);
  });
});

describe('stageProgress', () => {
  it('off a terminal, prints one line per stage and nothing else', () => {
    const out = stream(false);
    const progress = stageProgress('api.json', out, {});
    progress.onStage('load', 12);
    progress.onStage('validate', 345);
    progress.end();
    expect(out.writes).toEqual(['  api.json: load 12 ms\n', '  api.json: validate 345 ms\n']);
  });

  it('on a terminal, keeps the lines and redraws a bar under them, erased at the end', () => {
    const out = stream(true);
    const progress = stageProgress('api.json', out, { TERM: 'xterm-256color' });
    progress.onStage('load', 12);
    progress.onStage('validate', 345);
    progress.end();
    const text = out.writes.join('');
    expect(text).toContain('  api.json: load 12 ms\n');
    expect(text).toContain(`  api.json: validate 345 ms\n  ${progressBar(2, STAGES.length, 'convert')}`);
    // Each redraw first erases the previous bar; the last write erases the final one.
    expect(out.writes[1]?.startsWith('\r\x1b[2K')).toBe(true);
    expect(out.writes.at(-1)).toBe('\r\x1b[2K');
    // What stays on screen once the erasures are applied: the lines alone.
    const erase = '\r\u001b[2K';
    const screen = text.split('\n').map((line) => (line.includes(erase) ? line.slice(line.lastIndexOf(erase) + erase.length) : line));
    expect(screen.filter((l) => l !== '')).toEqual(['  api.json: load 12 ms', '  api.json: validate 345 ms']);
  });

  it('draws no bar on a dumb terminal or under CI', () => {
    for (const env of [{ TERM: 'dumb' }, { CI: 'true' }]) {
      const out = stream(true);
      const progress = stageProgress('api.json', out, env);
      progress.onStage('load', 1);
      progress.end();
      expect(out.writes).toEqual(['  api.json: load 1 ms\n']);
    }
  });

  it('shows a control character in the file name escaped: only the bar writes escapes', () => {
    const out = stream(false);
    const progress = stageProgress('a\u001b]0;PWNED\u0007\n\u202e.json', out, {});
    progress.onStage('load', 1);
    expect(out.writes).toEqual(['  a\\u001b]0;PWNED\\u0007\\u000a\\u202e.json: load 1 ms\n']);
  });
});
