/**
 * A full garbage collection at the one point of a large run where it pays. Once the types of a large
 * spec are printed, their syntax tree and the parsed document (a few hundred MB on GitHub's spec)
 * are garbage that V8 has no reason yet to collect, and rendering and writing the package would
 * otherwise allocate on top of them: collecting there lowers the run's peak memory by about a tenth
 * for a few tens of milliseconds. The `gc` function comes from a fresh context once `--expose-gc` is
 * set, as test runners obtain it.
 *
 * The flag is set when the CLI starts, before any module is compiled: V8 ties its code cache
 * (typescript-compiler.ts) to the flags, so they must be the same on every run.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let exposed = false;
let gc: (() => void) | undefined;

/** Makes a collection available; called first thing by the CLI. */
export function exposeCollector(): void {
  if (exposed) return;
  v8.setFlagsFromString('--expose-gc');
  exposed = true;
}

/** Runs a full collection. */
export function collectGarbage(): void {
  exposeCollector();
  gc ??= vm.runInNewContext('gc') as () => void;
  gc();
}
