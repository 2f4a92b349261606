/**
 * Running a child process and measuring it: wall time from this process's clock, peak resident set
 * size from GNU time (`/usr/bin/time -f %M`, the maximum RSS of the child and the children it waited
 * for). Every child has a time limit and is killed with its process group when it passes it.
 */
import { spawn } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Killed after this many milliseconds. */
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
  /** GNU time's own elapsed seconds (2 decimals), for cross-checking wallMs. */
  timeElapsedS: number;
}

const MAX_OUTPUT = 16 * 1024 * 1024;

/** Runs a command to completion (or its time limit), collecting its output. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout, stderr, wallMs: performance.now() - started });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Runs a command under GNU time, adding its peak RSS to the result. */
export async function measure(command: string, args: readonly string[], options: RunOptions): Promise<MeasuredRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-bench-time-'));
  const out = path.join(dir, 'time.txt');
  try {
    const result = await run(GNU_TIME, ['-o', out, '-f', '%e %M', command, ...args], options);
    let elapsed = Number.NaN;
    let rss = Number.NaN;
    try {
      // GNU time writes "Command exited with non-zero status N" before the figures when it fails.
      const lines = (await readFile(out, 'utf8')).trim().split('\n');
      const [e, m] = (lines[lines.length - 1] ?? '').trim().split(/\s+/);
      elapsed = Number(e);
      rss = Number(m);
    } catch {
      // Killed before GNU time wrote anything.
    }
    return { ...result, maxRssKb: rss, timeElapsedS: elapsed };
  } finally {
    await rm(dir, { recursive: true, force: true });
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

/** Whether a file or directory exists. */
export async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}
