/**
 * Named points in the lock and the swap where the crash tests kill a run: with
 * `TOKENKIT_TEST_CRASH_AT=<point>` in its environment, the process sends itself SIGKILL on reaching
 * that point, as a `kill -9` or a power cut would stop it there. Nothing sets the variable but the
 * tests.
 */
export function crashPoint(point: string): void {
  if (process.env.TOKENKIT_TEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
