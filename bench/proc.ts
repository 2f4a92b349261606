/**
 * Running a child process and measuring it: wall time from this process's clock, peak resident set
 * size from GNU time (`/usr/bin/time -f %M`, the maximum RSS of the child and the children it waited
 * for). Every child has a time limit, enforced by coreutils `timeout` on its whole process group.
 */
import { execFile, type ExecFileException } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Stopped after this many milliseconds. */
  timeoutMs: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Wall time measured around the child, in milliseconds. */
  wallMs: number;
}

export interface MeasuredRun extends RunResult {
  /** Peak RSS in kilobytes, from GNU time; NaN when it reported none. */
  maxRssKb: number;
}

/** Exit status of `timeout` when the limit passed (after TERM; 137 when KILL was needed). */
const TIMED_OUT = [124, 137];

/** Runs a command to completion (or its time limit), collecting its output. */
export async function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  // `timeout` signals the command's whole process group: killing GNU time alone would leave the tool it runs.
  const limited = ['--kill-after=5', `${options.timeoutMs / 1000}`, command, ...args];
  try {
    const { stdout, stderr } = await execFileAsync('timeout', limited, { cwd: options.cwd, env: options.env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, signal: null, timedOut: false, stdout, stderr, wallMs: performance.now() - started };
  } catch (err) {
    const e = err as ExecFileException & { stdout?: string; stderr?: string };
    if (typeof e.code === 'string' && e.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') throw err;
    const code = typeof e.code === 'number' ? e.code : null;
    const wallMs = performance.now() - started;
    const timedOut = code !== null && TIMED_OUT.includes(code) && wallMs >= options.timeoutMs;
    return { code, signal: e.signal ?? null, timedOut, stdout: e.stdout ?? '', stderr: e.stderr ?? '', wallMs };
  }
}

let timeFiles = 0;

/** Runs a command under GNU time, adding its peak RSS to the result. */
export async function measure(command: string, args: readonly string[], options: RunOptions): Promise<MeasuredRun> {
  const out = path.join(os.tmpdir(), `tokenkit-bench-time-${process.pid}-${timeFiles++}.txt`);
  try {
    const result = await run('/usr/bin/time', ['-o', out, '-f', '%M', command, ...args], options);
    // GNU time writes "Command exited with non-zero status N" before the figure when the command fails.
    const last = (await readFile(out, 'utf8').catch(() => '')).trim().split('\n').pop();
    return { ...result, maxRssKb: last ? Number(last) : Number.NaN };
  } finally {
    await rm(out, { force: true });
  }
}

/** Whether a run succeeded. */
export function ok(result: RunResult): boolean {
  return result.code === 0 && !result.timedOut;
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** A short, one-paragraph account of a failed run: how it ended and the last lines it printed. */
export function describeFailure(result: RunResult, lines = 6): string {
  const how = result.timedOut
    ? `killed after its time limit (${Math.round(result.wallMs / 1000)} s)`
    : result.signal
      ? `killed by ${result.signal}`
      : `exit code ${result.code ?? '?'}`;
  const all = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .map((l) => l.replace(ANSI, '').trimEnd())
    .filter((l) => l.trim() !== '' && !/^Command exited with non-zero status/.test(l));
  // Lines that name an error say more than the last lines, which are often a summary.
  const errors = all.filter((l) => /\berror\b/i.test(l));
  const text = (errors.length > 0 ? errors.slice(0, lines) : all.slice(-lines)).join(' | ');
  return `${how}${text ? `: ${text}` : ''}`;
}
