#!/usr/bin/env node
import { pathToFileURL } from 'node:url';
import { ensureBundle } from './bundle.js';

const { main } = await import(pathToFileURL(await ensureBundle()).href);
process.exitCode = await main(process.argv.slice(2));
