/** Rendering one target in memory, as every command that needs a package's files does. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { generatePackage, type GeneratedPackage, type GenerateRequest, type StageListener } from '../pipeline/index.js';
import type { LoadOptions } from '../pipeline/load.js';
import { readPrevious } from '../pipeline/previous-release.js';
import type { PreviousRelease } from '../pipeline/release.js';
import { gitRemoteUrl } from './git-remote.js';
import { projectPath, type RuntimeTarget, type Target } from './targets.js';
import { renderRuntimePackage } from '../pipeline/runtime-package.js';

/**
 * The project's own repository, for the generated packages' `repository`: its package.json's, else
 * the URL of its git remote `origin`. A remote that is a local path names no public repository.
 */
export async function projectRepository(root: string): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { repository?: unknown };
    const repo = manifest.repository;
    if (typeof repo === 'string') return repo;
    if (typeof repo === 'object' && repo !== null && typeof (repo as { url?: unknown }).url === 'string') return (repo as { url: string }).url;
  } catch {
    // No package.json at the root: the git remote may still say.
  }
  return gitRemoteUrl(root);
}

/** Renders one target in memory, keeping the version its manifest already records. */
export async function renderTarget(
  root: string,
  target: Target,
  options: {
    onStage?: StageListener | undefined;
    onFiles?: GenerateRequest['onFiles'];
    strict?: boolean | undefined;
    /** The package's previous release (default: read from its manifest); null when there is none. */
    previous?: PreviousRelease | null;
    load?: LoadOptions | undefined;
    /** The project's repository URL, when the caller has looked it up already (see {@link projectRepository}). */
    repositoryUrl?: Promise<string | undefined>;
  } = {},
): Promise<GeneratedPackage> {
  const { onStage, onFiles, strict, load } = options;
  const relSpec = projectPath(root, target.specFile);
  const relOut = projectPath(root, target.outDir);
  const repositoryUrl = await (options.repositoryUrl ?? projectRepository(root));
  return generatePackage({
    specFile: path.relative(process.cwd(), target.specFile) || target.specFile,
    specPath: relSpec.startsWith('..') ? path.basename(target.specFile) : relSpec,
    overlayPath: (absolute) => {
      const rel = projectPath(root, absolute);
      return rel.startsWith('..') ? path.basename(absolute) : rel;
    },
    name: target.name,
    packageName: target.packageName,
    strict,
    previous: options.previous === null ? undefined : (options.previous ?? (await readPrevious(target.outDir))),
    hasCustomCode: await hasCustomCode(target.outDir),
    runtimePackage: target.runtimePackage,
    repository: repositoryUrl && !relOut.startsWith('..') ? { type: 'git', url: repositoryUrl, directory: relOut } : undefined,
    onStage,
    onFiles,
    load,
  });
}

/** The directory a package keeps the user's own code in, which generation never touches. */
const CUSTOM_DIR = 'src/custom';

/** Whether the package has the user's own code, which its index then re-exports. */
async function hasCustomCode(outDir: string): Promise<boolean> {
  return stat(path.join(outDir, CUSTOM_DIR, 'index.ts')).then(
    (st) => st.isFile(),
    () => false,
  );
}

/** Renders the project's shared runtime package in memory, with the project's repository as the others have it. */
export async function renderRuntimeTarget(root: string, runtime: RuntimeTarget, repositoryUrl?: Promise<string | undefined>): Promise<Map<string, string>> {
  const url = await (repositoryUrl ?? projectRepository(root));
  return renderRuntimePackage({
    packageName: runtime.packageName,
    repository: url ? { type: 'git', url, directory: projectPath(root, runtime.outDir) } : undefined,
  });
}
