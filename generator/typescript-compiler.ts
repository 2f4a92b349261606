/**
 * The TypeScript compiler, loaded with V8's code cache. openapi-typescript builds and prints its types
 * with the compiler's API, and compiling the compiler's 9 MB of JavaScript is the largest part of a
 * small spec's run: with the cache kept from an earlier run, loading it takes a third of the time.
 * Node 22 offers the same for every module (`module.enableCompileCache`); Node 20 does not, so this
 * does it for the one module where it counts. The bundled CLI resolves `typescript` to this module.
 *
 * The cache is keyed by the compiler's version, size and mtime and by the Node.js version, and V8
 * rejects data made by another build of itself; a rejected or unreadable cache only costs the time.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type * as TypeScript from 'typescript';
import { cacheDir } from './cache-dir.js';

const require = createRequire(import.meta.url);
const file = require.resolve('typescript');
const version = (require('typescript/package.json') as { version: string }).version;
const info = statSync(file);
const cacheFile = path.join(cacheDir(), `typescript-${version}-${info.size}-${Math.trunc(info.mtimeMs)}-node${process.versions.node}-${process.arch}.v8`);

function readCache(): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

const cachedData = readCache();
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
const compiled = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
const compilerModule = { exports: {} as typeof TypeScript };
compiled.call(compilerModule.exports, compilerModule.exports, createRequire(file), compilerModule, file, path.dirname(file));

// Written once the process has used the compiler, so the functions it ran are in the cache too.
if (cachedData === undefined || script.cachedDataRejected === true) {
  process.once('beforeExit', () => {
    try {
      mkdirSync(path.dirname(cacheFile), { recursive: true });
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
    } catch {
      // A read-only install runs without the cache.
    }
  });
}

export default compilerModule.exports;
