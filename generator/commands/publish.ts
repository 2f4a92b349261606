/**
 * `tokenkit publish`: build every package and publish the ones that are fresh and new. A package whose
 * generated output is stale, or whose version the registry already has, is refused with the reason;
 * the rest are published. `--dry-run` lists what would be published.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkPackage } from '../pipeline/write.js';
import { buildPackage } from './build.js';
import { listTargets, renderTarget } from './generate.js';
import { PublishRefused } from '../errors.js';

const run = promisify(execFile);

/** Options of `tokenkit publish`. */
export interface PublishOptions {
  registry?: string;
  dryRun?: boolean;
  root?: string;
  log?: (line: string) => void;
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
  return stdout;
}

async function isPublished(name: string, version: string, registry: string | undefined, cwd: string): Promise<boolean> {
  try {
    const out = await npm(['view', `${name}@${version}`, 'version', '--json', ...(registry ? ['--registry', registry] : [])], cwd);
    return out.trim() !== '';
  } catch (err) {
    if (/E404|404 Not Found|is not in this registry/.test(String((err as { stderr?: string }).stderr ?? err))) return false;
    throw err;
  }
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Builds and publishes every generated package. */
export async function publish(options: PublishOptions): Promise<void> {
  const root = path.resolve(options.root ?? process.cwd());
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const registryArgs = options.registry ? ['--registry', options.registry] : [];
  const refused: string[] = [];
  for (const target of await listTargets(root)) {
    const manifest = JSON.parse(await readFile(path.join(target.outDir, 'package.json'), 'utf8')) as { name: string; version: string };
    const id = `${manifest.name}@${manifest.version}`;
    const drift = await checkPackage(target.outDir, (await renderTarget(root, target)).files);
    if (drift.missing.length + drift.edited.length + drift.stray.length > 0) {
      refused.push(`${id}: the generated output is stale (run \`npm run generate\` and commit it first)`);
      continue;
    }
    if (await isPublished(manifest.name, manifest.version, options.registry, target.outDir)) {
      refused.push(`${id}: this version is already on ${options.registry ?? 'the registry'}; change the spec so generation bumps it, or bump it by hand`);
      continue;
    }
    await buildPackage(target.outDir);
    if (options.dryRun) {
      const [packed] = JSON.parse(await npm(['pack', '--dry-run', '--json', '--ignore-scripts'], target.outDir)) as {
        files: { path: string; size: number }[];
        size: number;
        unpackedSize: number;
      }[];
      log(`would publish ${id}  ${packed?.files.length ?? 0} files, ${kib(packed?.size ?? 0)} packed, ${kib(packed?.unpackedSize ?? 0)} unpacked`);
      for (const f of packed?.files ?? []) log(`  ${f.path}  ${kib(f.size)}`);
      continue;
    }
    await npm(['publish', '--ignore-scripts', ...registryArgs], target.outDir);
    log(`published ${id}${options.registry ? ` to ${options.registry}` : ''}`);
  }
  if (refused.length > 0) throw new PublishRefused(refused);
}
