#!/usr/bin/env node
import { pathToFileURL } from 'node:url';
import { ensureBundle } from './bundle.js';

// The bundle is JavaScript built at run time, so the checker sees its module as `any`; the type
// names its one export.
/** @type {{ main: (argv: string[]) => Promise<number> }} */
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
const { main } = await import(pathToFileURL(await ensureBundle()).href);
process.exitCode = await main(process.argv.slice(2));
