/** Whether a process of this machine is running: locks and leftovers of dead runs are stale. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // It exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
