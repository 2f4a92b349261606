#!/usr/bin/env node
import { pathToFileURL } from 'node:url';
import { ensureBundle } from './bundle.js';

// A reader that goes away (`tokenkit generate --check | head -1`) is no failure of the command's: it
// finishes as it would have, exit code included, and what it still prints goes nowhere.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (/** @type {NodeJS.ErrnoException} */ err) => {
    if (err.code !== 'EPIPE') throw err;
    stream.write = () => true;
  });
}

// The bundle is JavaScript built at run time, so the checker sees its module as `any`; the type
// names its one export.
/** @type {{ main: (argv: string[]) => Promise<number> }} */
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
const { main } = await import(pathToFileURL(await ensureBundle()).href);
process.exitCode = await main(process.argv.slice(2));
