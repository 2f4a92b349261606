/** Rendering one target in memory, as every command that needs a package's files does. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { generatePackage, type GeneratedPackage, type GenerateRequest, type StageListener } from '../pipeline/index.js';
import type { LoadOptions } from '../pipeline/load.js';
import { readPrevious } from '../pipeline/previous-release.js';
import type { PreviousRelease } from '../pipeline/release.js';
import { gitRemoteUrl, pathInRepository } from './git-remote.js';
import { withoutCredentials } from '../url-credentials.js';
import { projectPath, type RuntimeTarget, type Target } from './targets.js';
import { renderRuntimePackage } from '../pipeline/runtime-package.js';

/** The project's repository: its URL, and where the project sits in it (a posix path, '' at the top). */
export interface ProjectRepository {
  url: string;
  base: string;
}

/**
 * The repository the packages' package.json names: the project's own package.json `repository`
 * (credentials removed; its `directory` is where the project sits), else the git remote `origin`.
 * Without a `directory`, the project's place in its git work tree.
 */
export async function projectRepository(root: string): Promise<ProjectRepository | undefined> {
  let declared: { url: string; directory?: string } | undefined;
  try {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { repository?: unknown };
    const repo = manifest.repository;
    if (typeof repo === 'string') declared = { url: repo };
    else if (typeof repo === 'object' && repo !== null && typeof (repo as { url?: unknown }).url === 'string') {
      const { url, directory } = repo as { url: string; directory?: unknown };
      declared = typeof directory === 'string' ? { url, directory } : { url };
    }
  } catch {
    // No package.json at the root: the git remote may still say.
  }
  if (declared?.directory !== undefined) return { url: withoutCredentials(declared.url), base: repositoryDirectory(declared.directory) };
  const url = declared === undefined ? await gitRemoteUrl(root) : withoutCredentials(declared.url);
  return url === undefined ? undefined : { url, base: await pathInRepository(root) };
}

/** A package.json `repository.directory` as a posix path from the repository's top: `./sdk/` is `sdk`, `.` is ''. */
function repositoryDirectory(directory: string): string {
  const normal = path.posix.normalize(directory.split(path.sep).join('/')).replace(/\/+$/, '');
  return normal === '.' ? '' : normal.replace(/^\.\//, '');
}

/** The `repository` field of the package in `outDir`: the project's repository, at the package's place in it. */
function repositoryField(repo: ProjectRepository | undefined, root: string, outDir: string): { type: string; url: string; directory: string } | undefined {
  const rel = projectPath(root, outDir);
  if (repo === undefined || rel.startsWith('..')) return undefined;
  return { type: 'git', url: repo.url, directory: repo.base === '' ? rel : path.posix.join(repo.base, rel) };
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
    /** The project's repository, when the caller has looked it up already (see {@link projectRepository}). */
    repositoryUrl?: Promise<ProjectRepository | undefined>;
  } = {},
): Promise<GeneratedPackage> {
  const { onStage, onFiles, strict, load } = options;
  const relSpec = projectPath(root, target.specFile);
  const repository = repositoryField(await (options.repositoryUrl ?? projectRepository(root)), root, target.outDir);
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
    repository,
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
export async function renderRuntimeTarget(
  root: string,
  runtime: RuntimeTarget,
  repositoryUrl?: Promise<ProjectRepository | undefined>,
): Promise<Map<string, string>> {
  return renderRuntimePackage({
    packageName: runtime.packageName,
    repository: repositoryField(await (repositoryUrl ?? projectRepository(root)), root, runtime.outDir),
  });
}
