/**
 * Worker-thread entry: writes batches of files into a staging directory for {@link PackageWriter},
 * synchronously, since this thread has nothing else to do.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { WriteReply, WriteRequest } from './write.js';

parentPort?.on('message', ({ id, dir, files }: WriteRequest) => {
  let reply: WriteReply = { id };
  try {
    for (const folder of new Set(files.map(([rel]) => path.dirname(path.join(dir, rel))))) mkdirSync(folder, { recursive: true });
    for (const [rel, content] of files) writeFileSync(path.join(dir, rel), content);
  } catch (err) {
    const { code, syscall, path: file } = err as NodeJS.ErrnoException;
    reply = { id, error: err instanceof Error ? err.message : String(err), code, syscall, path: file };
  }
  parentPort?.postMessage(reply);
});
