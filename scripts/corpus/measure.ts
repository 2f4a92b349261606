/**
 * Runs a child process with a time limit and measures its wall time and peak resident set size: from
 * GNU time (`/usr/bin/time -f %M`, the largest RSS of the child and of the children it waited for)
 * when it is installed, else by sampling `VmHWM` in `/proc/<pid>/status` until the child exits.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';
const MAX_OUTPUT = 4 * 1024 * 1024;

/** How a measured child ended. */
export interface Measured {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak RSS in kilobytes; NaN when it could not be read. */
  peakRssKb: number;
}

/** What to run and within which bounds. */
export interface MeasureOptions {
  cwd: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

/** Runs `command` to its end or its time limit (then kills its process group). */
export async function measure(command: string, args: readonly string[], options: MeasureOptions): Promise<Measured> {
  if (!existsSync(GNU_TIME)) return spawnMeasured(command, args, options);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-corpus-time-'));
  const out = path.join(dir, 'time.txt');
  try {
    const result = await spawnMeasured(GNU_TIME, ['-o', out, '-f', '%M', command, ...args], options);
    const text = await readFile(out, 'utf8').catch(() => '');
    // GNU time writes "Command exited with non-zero status N" before the figure when the child fails.
    const last = text.trim().split('\n').pop() ?? '';
    return { ...result, peakRssKb: /^\d+$/.test(last) ? Number(last) : Number.NaN };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function spawnMeasured(command: string, args: readonly string[], options: MeasureOptions): Promise<Measured> {
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
    let peakRssKb = Number.NaN;
    const sampler =
      command === GNU_TIME ? undefined : setInterval(() => (peakRssKb = Math.max(readHighWaterKb(child.pid), Number.isNaN(peakRssKb) ? 0 : peakRssKb)), 25);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      resolve({ code, signal, timedOut, stdout, stderr, wallMs: performance.now() - started, peakRssKb });
    });
  });
}

/** `VmHWM` of a live process in kB, or 0 once it is gone (or on a system without /proc). */
function readHighWaterKb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    // Synchronous on purpose: the interval must read the figure before the process is reaped.
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
