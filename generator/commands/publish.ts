/**
 * `tokenkit publish`: build every package and publish the ones that are fresh and new. A package whose
 * generated output is stale, or whose version the registry already has, is refused with the reason;
 * one npm cannot publish is reported with what to do; the others are still attempted, and a summary
 * ends the run. The registry named is the one npm reports it uses, never the flag echoed back.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkPackage } from '../pipeline/write.js';
import { isStale } from '../pipeline/drift.js';
import { RUNTIME_DIGEST_FIELD } from '../pipeline/runtime-package.js';
import { readPrevious } from '../pipeline/previous-release.js';
import { listTargets, runtimeTarget } from './targets.js';
import { assertRuntimeLinked, buildPackage } from './build.js';
import { renderRuntimeTarget, renderTarget } from './render-target.js';
import { GENERATOR_VERSION } from '../version.js';
import { recordRelease } from './record-release.js';
import { BuildError, PublishRefused } from '../errors.js';
import { withoutCredentials } from '../url-credentials.js';
import { UsageError } from '../usage-error.js';
import { explainNpmFailure, NpmFailure } from './npm-failure.js';
import { printLine } from '../output.js';

const run = promisify(execFile);

/** Options of `tokenkit publish`. */
export interface PublishOptions {
  registry?: string | undefined;
  dryRun?: boolean;
  root?: string;
  log?: (line: string) => void;
}

/** Refuses anything but an absolute http(s) URL: npm warns about others and publishes to its default registry. */
export function checkRegistryUrl(registry: string): void {
  let url: URL;
  try {
    url = new URL(registry);
  } catch {
    throw new UsageError(`--registry ${JSON.stringify(registry)} is not a URL; give the registry's full http(s) URL, such as https://registry.npmjs.org/`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`--registry ${JSON.stringify(registry)} must be an http or https URL, not ${url.protocol}`);
}

async function npm(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
    return stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
    if (e.code === 'ENOENT' && e.stderr === undefined) throw new NpmFailure(args[0] ?? 'npm', 'npm is not installed or not on PATH');
    throw new NpmFailure(args[0] ?? 'npm', `${e.stderr ?? ''}\n${e.stdout ?? ''}`);
  }
}

/** The registry npm will use in `cwd`, with `--registry` when given: what its config resolves to. */
async function resolvedRegistry(registry: string | undefined, cwd: string): Promise<string> {
  // Inside an npm workspace (a project on a shared runtime links its packages so) `npm config` refuses
  // to run unless told to leave the workspaces out.
  return withoutCredentials((await npm(['config', 'get', 'registry', '--workspaces=false', ...(registry ? ['--registry', registry] : [])], cwd)).trim());
}

async function isPublished(name: string, version: string, registryArgs: string[], cwd: string): Promise<boolean> {
  try {
    const out = await npm(['view', `${name}@${version}`, 'version', '--json', ...registryArgs], cwd);
    return out.trim() !== '';
  } catch (err) {
    if (err instanceof NpmFailure && /E404|404 Not Found|is not in this registry/.test(err.output)) return false;
    throw err;
  }
}

/** The digest the runtime package on disk names (see runtime-package.ts). */
async function readRuntimeDigest(dir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const digest = manifest[RUNTIME_DIGEST_FIELD];
  if (typeof digest !== 'string') throw new PublishRefused([`${path.basename(dir)}/package.json names no ${RUNTIME_DIGEST_FIELD}: run \`tokenkit generate\``]);
  return digest;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Builds and publishes every generated package; throws {@link PublishRefused} listing every package that was not published. */
export async function publish(options: PublishOptions): Promise<void> {
  if (options.registry !== undefined) checkRegistryUrl(options.registry);
  const root = path.resolve(options.root ?? process.cwd());
  const log = options.log ?? printLine;
  const registryArgs = options.registry ? ['--registry', options.registry] : [];
  const refused: string[] = [];
  const done: string[] = [];
  const targets = await listTargets(root);
  // The shared runtime goes first: a package on it cannot be installed before the runtime it names.
  const runtime = targets.some((t) => t.runtimePackage !== undefined) ? await runtimeTarget(root) : undefined;
  if (runtime) {
    const id = `${runtime.packageName}@${GENERATOR_VERSION}`;
    let registry = options.registry === undefined ? 'the registry' : withoutCredentials(options.registry);
    try {
      registry = await resolvedRegistry(options.registry, runtime.outDir);
      const drift = await checkPackage(runtime.outDir, await renderRuntimeTarget(root, runtime));
      if (isStale(drift)) {
        // Nothing on it can be published either: they would name a runtime that is not the one on disk.
        throw new PublishRefused([`${id}: the generated runtime is stale (run \`tokenkit generate\` and commit it first); nothing was published`]);
      }
      if (drift.edited.length > 0) {
        // It is versioned with tokenkit, so an edit could never be published under a version of its own.
        throw new PublishRefused([
          `${id}: ${drift.edited.join(', ')} differ from what tokenkit generates; the runtime is tokenkit's own (run \`tokenkit generate\` to restore it); nothing was published`,
        ]);
      }
      for (const target of targets) if (target.runtimePackage !== undefined) await assertRuntimeLinked(root, runtime, target);
      // Built whether or not it is published already: the packages on it compile against its declarations.
      await buildPackage(runtime.outDir);
      const local = await readRuntimeDigest(runtime.outDir);
      if (await isPublished(runtime.packageName, GENERATOR_VERSION, registryArgs, runtime.outDir)) {
        // Versioned with tokenkit: the same runtime is on the registry when its digest is this one's.
        const published = (await npm(['view', id, RUNTIME_DIGEST_FIELD, '--json', ...registryArgs], runtime.outDir)).trim();
        if (published !== JSON.stringify(local)) {
          throw new PublishRefused([
            `${id}: ${registry} has this name and version with other contents (another package of that name, or a runtime generated differently); nothing was published. Name a package you own in "runtimePackage"`,
          ]);
        }
        log(`${id} is already on ${registry}`);
      } else {
        if (options.dryRun) log(`would publish ${id} to ${registry}`);
        else {
          await npm(['publish', '--ignore-scripts', ...registryArgs], runtime.outDir);
          log(`published ${id} to ${registry}`);
        }
        done.push(id);
      }
    } catch (err) {
      if (err instanceof BuildError) {
        for (const line of err.lines) log(line);
        throw new PublishRefused([`${id}: it does not compile (the errors are above); the packages on it were not published`]);
      }
      if (!(err instanceof NpmFailure)) throw err;
      throw new PublishRefused([`${id}: ${explainNpmFailure(err, registry)}; the packages on it were not published`]);
    }
  }
  for (const target of targets) {
    const manifest = JSON.parse(await readFile(path.join(target.outDir, 'package.json'), 'utf8')) as { name: string; version: string };
    const id = `${manifest.name}@${manifest.version}`;
    let registry = options.registry === undefined ? 'the registry' : withoutCredentials(options.registry);
    try {
      registry = await resolvedRegistry(options.registry, target.outDir);
      const drift = await checkPackage(target.outDir, (await renderTarget(root, target)).files);
      if (drift.conflicted.length > 0) {
        refused.push(`${id}: ${drift.conflicted.join(', ')} still hold merge conflict markers; resolve them first`);
        continue;
      }
      if (isStale(drift)) {
        refused.push(`${id}: the generated output is stale (run \`tokenkit generate\` and commit it first)`);
        continue;
      }
      if (await isPublished(manifest.name, manifest.version, registryArgs, target.outDir)) {
        refused.push(
          `${id}: this version is already on ${registry}; run \`tokenkit version ${target.name} patch\` (or minor, major) to cut a new one, or change the spec`,
        );
        continue;
      }
      await buildPackage(target.outDir);
      if (options.dryRun) {
        const [packed] = JSON.parse(await npm(['pack', '--dry-run', '--json', '--ignore-scripts'], target.outDir)) as {
          files: { path: string; size: number }[];
          size: number;
          unpackedSize: number;
        }[];
        log(
          `would publish ${id} to ${registry}  ${packed?.files.length ?? 0} files, ${kib(packed?.size ?? 0)} packed, ${kib(packed?.unpackedSize ?? 0)} unpacked`,
        );
        for (const f of packed?.files ?? []) log(`  ${f.path}  ${kib(f.size)}`);
        done.push(id);
        continue;
      }
      await npm(['publish', '--ignore-scripts', ...registryArgs], target.outDir);
      log(`published ${id} to ${registry}`);
      // Published: later bumps count from here (the manifest is not part of the published files).
      const previous = await readPrevious(target.outDir);
      if (previous) await recordRelease(root, target, previous, previous.version, previous.changelog);
      done.push(id);
    } catch (err) {
      // A package that does not compile is refused like one npm refuses: the others are still tried.
      if (err instanceof BuildError) {
        for (const line of err.lines) log(line);
        refused.push(`${id}: it does not compile (the errors are above); fix them, then publish again`);
        continue;
      }
      if (!(err instanceof NpmFailure)) throw err;
      refused.push(`${id}: ${explainNpmFailure(err, registry)}`);
    }
  }
  log(`${options.dryRun ? 'would publish' : 'published'} ${done.length}, refused ${refused.length}`);
  if (refused.length > 0) throw new PublishRefused(refused);
}
