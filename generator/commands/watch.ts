/**
 * `tokenkit generate --watch`: generate, then regenerate whenever a spec or an overlay of it changes,
 * debounced. Problems are printed and the watch goes on; it ends on SIGINT or SIGTERM (or when
 * `signal` aborts).
 */
import { watch as watchFiles } from 'node:fs';
import path from 'node:path';
import { reportError } from '../report-error.js';
import { siblingOverlayNames } from '../pipeline/overlay-files.js';
import { generate, type GenerateOptions } from './generate.js';

/** How long to wait after the last change before regenerating: editors write a file in several steps. */
const DEBOUNCE_MS = 150;

/** The files one spec is generated from, by directory: the spec, the overlay beside it (whichever name it takes), the `--overlay` files. */
function watchedFiles(specFile: string, overlays: readonly string[]): Map<string, Set<string>> {
  const byDir = new Map<string, Set<string>>();
  for (const file of [specFile, ...siblingOverlayNames(specFile), ...overlays.map((o) => path.resolve(o))]) {
    const names = byDir.get(path.dirname(file)) ?? new Set<string>();
    names.add(path.basename(file));
    byDir.set(path.dirname(file), names);
  }
  return byDir;
}

/** Watches and regenerates until stopped. */
export async function watchAndGenerate(options: GenerateOptions & { signal?: AbortSignal }): Promise<void> {
  const root = path.resolve(options.root ?? process.cwd());
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const target = options.spec ? path.resolve(options.spec) : path.join(root, 'specs');
  let running = Promise.resolve();
  const runOnce = () => {
    running = running.then(() => generate(options).catch((e: unknown) => void reportError(e, err)));
    return running;
  };
  await runOnce();
  log(`watching ${path.relative(root, target) || target} for changes (Ctrl-C to stop)`);
  let timer: NodeJS.Timeout | undefined;
  const onChange = (name: string | null) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      log(`change in ${name ?? 'specs'}: regenerating`);
      void runOnce();
    }, DEBOUNCE_MS);
  };
  const watchers = options.spec
    ? [...watchedFiles(target, options.load?.overlays ?? [])].map(([dir, names]) =>
        watchFiles(dir, (_event, name) => {
          if (name && names.has(name)) onChange(name);
        }),
      )
    : [
        // specs/ holds the specs and the overlays beside them alike.
        watchFiles(target, (_event, name) => {
          if (!name || /\.(ya?ml|json)$/i.test(name)) onChange(name);
        }),
      ];
  await new Promise<void>((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      resolve();
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running;
}
