/**
 * Validation of a large spec on a second thread. Redocly's rules walk the whole document, resolving
 * every reference, and take about a fifth of a large generation; nothing but the decision to go on
 * depends on them. So for a large, self-contained spec a worker thread (validate-worker.ts) loads the
 * file itself and runs them on the other core, while the main thread converts, checks, models and
 * renders its own copy; nothing is written or printed before the worker has answered, and a spec it
 * finds invalid fails with the same problems as when validated in turn. Its answer counts only for
 * the very bytes the main thread read (spec and overlays); otherwise the spec is validated in turn.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { SpecError, type SpecErrorNotes, type SpecIssue } from '../issues.js';
import type { LoadedSpec, LoadOptions } from './load.js';

/** Specs from this size up are validated on a second thread: below it, starting one costs more than it saves. */
export const BACKGROUND_VALIDATION_BYTES = 1024 * 1024;

/**
 * When a second thread is used: `auto` when a core is free (fewer runnable tasks over the last
 * minute than cores: on a machine busy with other work the second thread only adds the cost of its
 * own load of the spec), `always` whatever the machine is doing (tests).
 */
export type BackgroundMode = 'auto' | 'always';

/** Whether validating in the background is likely to save time now. */
export function useBackground(mode: BackgroundMode | undefined): boolean {
  if (mode === 'always') return true;
  const cores = os.availableParallelism();
  return mode === 'auto' && cores >= 2 && (os.loadavg()[0] ?? 0) < cores;
}

/** What the worker is asked. */
export interface ValidationRequest {
  file: string;
  load: LoadOptions | undefined;
  warningLines: boolean;
}

/** What the worker read: the spec's and each overlay's sha256, and whether nothing needed bundling. */
interface ReadFingerprint {
  sha256: string;
  overlays: string[];
  selfContained: boolean;
}

/** The worker's one answer. */
export type ValidationReply =
  | { kind: 'unread' }
  | { kind: 'valid'; read: ReadFingerprint; warnings: SpecIssue[] }
  | { kind: 'invalid'; read: ReadFingerprint; issues: SpecIssue[]; notes: SpecErrorNotes }
  | { kind: 'failed' };

/** Validation under way on another thread. */
export interface BackgroundValidation {
  /**
   * The warnings, or a thrown {@link SpecError} with every problem that stops generation, for the
   * spec as `loaded` holds it; undefined when the worker's answer does not apply to it (another
   * file's bytes, a bundled spec, a worker that failed), and the caller must validate in turn.
   */
  result(loaded: LoadedSpec): Promise<SpecIssue[] | undefined>;
  /** Stops the worker; its answer is not wanted. */
  cancel(): void;
}

/** The worker: the bundled entry, or from the TypeScript sources (the tests) the source through tsx. */
function startWorker(request: ValidationRequest): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./validate-worker.js', import.meta.url), { workerData: request });
  const source = new URL('./validate-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData: request });
}

function sameRead(read: ReadFingerprint, loaded: LoadedSpec): boolean {
  const overlays = loaded.overlays.map((o) => o.sha256);
  return (
    read.selfContained &&
    loaded.document === loaded.redocly.parsed &&
    read.sha256 === loaded.sha256 &&
    read.overlays.length === overlays.length &&
    read.overlays.every((sha, i) => sha === overlays[i])
  );
}

/** Starts validating `file` on a worker thread, as {@link validateSpec} would on this one. */
export function validateInBackground(request: ValidationRequest): BackgroundValidation {
  const worker = startWorker(request);
  const reply = new Promise<ValidationReply | undefined>((resolve) => {
    worker.once('message', (message: ValidationReply) => resolve(message));
    // A worker that dies without answering leaves the work to this thread.
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  const stop = () => void worker.terminate();
  return {
    async result(loaded) {
      const answer = await reply;
      stop();
      // A bug, or a spec the worker could not read as this thread did: validated in turn, it fails (or not) as it would have.
      if (answer === undefined || answer.kind === 'unread' || answer.kind === 'failed' || !sameRead(answer.read, loaded)) return undefined;
      if (answer.kind === 'invalid') throw new SpecError(answer.issues, answer.notes);
      return answer.warnings;
    },
    cancel: stop,
  };
}
