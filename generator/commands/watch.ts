/**
 * `tokenkit generate --watch`: generate, then regenerate whenever a spec changes, debounced. Problems
 * are printed and the watch goes on; it ends on SIGINT or SIGTERM (or when `signal` aborts).
 */
import { watch as watchFiles } from 'node:fs';
import path from 'node:path';
import { reportError } from '../report-error.js';
import { generate, type GenerateOptions } from './generate.js';

/** How long to wait after the last change before regenerating: editors write a file in several steps. */
const DEBOUNCE_MS = 150;

/** Watches and regenerates until stopped. */
export async function watchAndGenerate(options: GenerateOptions & { signal?: AbortSignal }): Promise<void> {
  const root = path.resolve(options.root ?? process.cwd());
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const target = options.spec ? path.resolve(options.spec) : path.join(root, 'specs');
  let running = Promise.resolve();
  const runOnce = () => {
    running = running.then(() => generate({ ...options, watch: false }).catch((e: unknown) => void reportError(e, err)));
    return running;
  };
  await runOnce();
  log(`watching ${path.relative(root, target) || target} for changes (Ctrl-C to stop)`);
  let timer: NodeJS.Timeout | undefined;
  const watcher = watchFiles(options.spec ? path.dirname(target) : target, (_event, name) => {
    if (options.spec && name !== path.basename(target)) return;
    if (!options.spec && name && !/\.(ya?ml|json)$/i.test(name)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      log(`change in ${name ?? 'specs'}: regenerating`);
      void runOnce();
    }, DEBOUNCE_MS);
  });
  await new Promise<void>((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      watcher.close();
      resolve();
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running;
}
