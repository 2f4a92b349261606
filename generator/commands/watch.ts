/**
 * `tokenkit generate --watch`: generate, then regenerate whenever a spec, an overlay of it or a file
 * its references read changes, debounced. Problems are printed and the watch goes on; it ends on
 * SIGINT or SIGTERM (or when `signal` aborts).
 */
import { watch as watchFiles, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { reportError } from '../report-error.js';
import { siblingOverlayNames } from '../pipeline/overlay-files.js';
import { generate, type GenerateOptions } from './generate.js';
import { printErrorLine, printLine } from '../output.js';

/** How long to wait after the last change before regenerating: editors write a file in several steps. */
const DEBOUNCE_MS = 150;

/** The files one spec is generated from before its references: the spec, the overlay beside it (whichever name it takes), the `--overlay` files. */
function specFiles(specFile: string, overlays: readonly string[]): string[] {
  return [specFile, ...siblingOverlayNames(specFile), ...overlays.map((o) => path.resolve(o))];
}

/** Watches and regenerates until stopped. */
export async function watchAndGenerate(options: GenerateOptions & { signal?: AbortSignal }): Promise<void> {
  const root = path.resolve(options.root ?? process.cwd());
  const log = options.log ?? printLine;
  const err = printErrorLine;
  const target = options.spec ? path.resolve(options.spec) : path.join(root, 'specs');
  let timer: NodeJS.Timeout | undefined;
  const onChange = (name: string | null) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      log(`change in ${name ?? 'specs'}: regenerating`);
      void runOnce();
    }, DEBOUNCE_MS);
  };
  // The files watched, by directory; each directory has one watcher, made when its first file is named.
  const watched = new Map<string, { names: Set<string>; watcher: FSWatcher }>();
  const follow = (file: string): void => {
    const dir = path.dirname(file);
    // specs/ is watched whole in project mode.
    if (!options.spec && dir === target) return;
    const known = watched.get(dir);
    if (known) return void known.names.add(path.basename(file));
    const names = new Set([path.basename(file)]);
    try {
      const watcher = watchFiles(dir, (_event, name) => {
        if (name && names.has(name)) onChange(name);
      });
      watched.set(dir, { names, watcher });
    } catch {
      // A directory that does not exist (a reference to a missing one) has nothing to watch yet.
    }
  };
  // Files a spec's references read are watched too, as each generation names them.
  const run: GenerateOptions = { ...options, load: { ...options.load, onReference: follow } };
  let running = Promise.resolve();
  const runOnce = () => {
    running = running.then(() => generate(run).catch((e: unknown) => void reportError(e, err)));
    return running;
  };
  if (options.spec) for (const file of specFiles(target, options.load?.overlays ?? [])) follow(file);
  // specs/ holds the specs and the overlays beside them alike.
  const whole = options.spec
    ? undefined
    : watchFiles(target, (_event, name) => {
        if (!name || /\.(ya?ml|json)$/i.test(name)) onChange(name);
      });
  await runOnce();
  log(`watching ${path.relative(root, target) || target} for changes (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      whole?.close();
      for (const { watcher } of watched.values()) watcher.close();
      resolve();
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running;
}
