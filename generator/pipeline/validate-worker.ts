/**
 * Worker-thread entry: validates a large spec on the other core while the main thread builds the
 * package from its own copy (see background-validation.ts). It loads the spec as the main thread
 * does, so Redocly's rules see the same document, and answers once: the warnings, or every problem
 * that stops generation, with what it read so the main thread can tell it read the same files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SpecError } from '../issues.js';
import type { ValidationReply, ValidationRequest } from './background-validation.js';
import { loadSpec } from './load.js';
import { validateSpec } from './validate.js';

async function run({ file, load, warningLines }: ValidationRequest): Promise<ValidationReply> {
  let loaded;
  try {
    // The main thread makes the checks that only refuse; this answer counts only for the bytes it read.
    loaded = await loadSpec(file, load, true);
  } catch {
    // The main thread loads the spec too and reports what stops it; this thread's copy is only a hint.
    return { kind: 'unread' };
  }
  const read = { sha256: loaded.sha256, overlays: loaded.overlays.map((o) => o.sha256), selfContained: loaded.document === loaded.redocly.parsed };
  // A bundled spec is validated by the main thread, which holds the bundler's resolved files.
  if (!read.selfContained) return { kind: 'unread' };
  try {
    const warnings = await validateSpec(loaded, { warningLines, restoreExamples: false });
    return { kind: 'valid', read, warnings };
  } catch (err) {
    if (err instanceof SpecError) return { kind: 'invalid', read, issues: err.issues, notes: err.notes };
    return { kind: 'failed' };
  }
}

parentPort?.postMessage(await run(workerData as ValidationRequest));
