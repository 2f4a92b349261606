/** Runs the project's TypeScript compiler as a user would, and returns its diagnostics. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TSC = path.resolve(import.meta.dirname, '../../node_modules/typescript/bin/tsc');

/** `tsc -p <project> --noEmit`; resolves with the output, empty when it compiles. */
export async function typecheck(project: string, extra: string[] = []): Promise<string> {
  try {
    await run(process.execPath, [TSC, '-p', project, '--noEmit', '--pretty', 'false', ...extra], { maxBuffer: 64 * 1024 * 1024 });
    return '';
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message;
  }
}
