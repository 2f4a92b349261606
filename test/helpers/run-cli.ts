/** Running the real CLI bin as a child process, for tests of what users see: exit code, output, files. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The project root and the bin users run. */
export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(projectRoot, 'bin/tokenkit.js');

/** What a run ended with; `signal` is set when the process was killed. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `tokenkit ...args` in `cwd` and resolves however it ends. */
export async function runTokenkit(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    return { code: 0, signal: null, stdout, stderr };
  } catch (err) {
    const e = err as { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };
    return { code: e.code, signal: e.signal, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A small spec with two tags, so that dropping one removes files from the package. */
export function twoTagSpec({ withBeta = true, title = 'Two Tags' } = {}): string {
  const beta = `
  /betas:
    get:
      operationId: listBetas
      tags: [beta]
      responses:
        '204':
          description: None.`;
  return `openapi: 3.0.3
info:
  title: ${title}
  version: 1.0.0
servers:
  - url: https://two.example.test
paths:
  /alphas:
    get:
      operationId: listAlphas
      tags: [alpha]
      responses:
        '200':
          description: Alphas.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Alpha'${withBeta ? beta : ''}
components:
  schemas:
    Alpha:
      type: object
      properties:
        id:
          type: string
`;
}
