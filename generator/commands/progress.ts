/**
 * Progress of a long generation: one line per finished stage with its time, on stderr so stdout keeps
 * one line per package; on a terminal, a bar under those lines shows how many stages are done and
 * which comes next. The bar is redrawn in place and erased at the end, so a log keeps only the lines.
 */
import { visibleControls } from '../escape/controls.js';
import type { StageListener } from '../pipeline/index.js';

/** The stages of one package, in the order they finish. */
export const STAGES = ['load', 'validate', 'convert', 'version', 'model', 'render', 'types', 'manifest', 'write'] as const;

/** Where progress goes: stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

const WIDTH = 24;
const ERASE_LINE = '\r\x1b[2K';

/** `[#########...............] 3/9  next: version` */
export function progressBar(done: number, total: number, next: string | undefined): string {
  const filled = Math.round((WIDTH * Math.min(done, total)) / total);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total}${next ? `  next: ${next}` : ''}`;
}

/** A stage listener printing `  <label>: <stage> <ms> ms` lines, with the bar on a terminal; `end` erases the bar. */
export function stageProgress(label: string, stream: ProgressStream, env: NodeJS.ProcessEnv = process.env): { onStage: StageListener; end: () => void } {
  const bar = stream.isTTY === true && env.TERM !== 'dumb' && env.CI === undefined;
  let done = 0;
  let drawn = false;
  // The bar's own escapes are written raw, so these lines bypass output.ts: the label, a file's name, is escaped here.
  const shown = visibleControls(label);
  return {
    onStage: (stage, ms) => {
      done = Math.max(done, STAGES.indexOf(stage as (typeof STAGES)[number]) + 1);
      const line = `  ${shown}: ${stage} ${ms} ms\n`;
      if (!bar) {
        stream.write(line);
        return;
      }
      stream.write(`${drawn ? ERASE_LINE : ''}${line}  ${progressBar(done, STAGES.length, STAGES[done])}`);
      drawn = true;
    },
    end: () => {
      if (drawn) stream.write(ERASE_LINE);
      drawn = false;
    },
  };
}
