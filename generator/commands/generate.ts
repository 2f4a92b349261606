/** `tokenkit generate`: every spec in specs/, or one spec given on the command line. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { packageDirName } from '../model/build-api.js';
import { generatePackage, reportStage, type FileBatchInfo, type GeneratedPackage, type GenerateRequest, type StageListener } from '../pipeline/index.js';
import type { ManifestOverlay, PreviousRelease, ReleasedBaseline } from '../pipeline/release.js';
import { isOverlayFile } from '../pipeline/overlay-files.js';
import type { LoadOptions } from '../pipeline/load.js';
import type { ModelSnapshot } from '../model/snapshot.js';
import { checkPackage, PackageWriter, readManifest, sha256, type ManifestRead, type MergeReport } from '../pipeline/write.js';
import { isStale, type Drift } from '../pipeline/drift.js';
import { outputDigest } from '../pipeline/release.js';
import { isLargeSpec } from '../pipeline/large-spec.js';
import { DriftError, MergeConflicts } from '../errors.js';
import { SpecError } from '../issues.js';
import { stageProgress } from './progress.js';
import { gitRemoteUrl } from './git-remote.js';
import { GENERATOR_VERSION } from '../version.js';

/** Options of `tokenkit generate`. */
export interface GenerateOptions {
  /** One spec to generate instead of all of specs/. */
  spec?: string;
  /** Output directory for --spec (default generated/<name>). */
  out?: string;
  /** npm name for --spec. */
  name?: string;
  /** Compare with disk instead of writing. */
  check?: boolean;
  /** Warnings stop generation too. */
  strict?: boolean;
  /** Write into an output directory tokenkit does not own. */
  force?: boolean;
  /** Project root (default: the working directory). */
  root?: string;
  /** What the specs' references may reach, and the overlays `--spec` gets (`--overlay`). */
  load?: LoadOptions;
  log?: (line: string) => void;
}

/** One package to generate. */
export interface Target {
  specFile: string;
  outDir: string;
  name: string;
  packageName?: string;
}

/** The targets: each spec in specs/ → generated/<spec name>. */
export async function listTargets(root: string): Promise<Target[]> {
  const specsDir = path.join(root, 'specs');
  // An overlay beside a spec is part of that spec, not a spec of its own.
  const names = (await readdir(specsDir)).filter((f) => /\.(ya?ml|json)$/i.test(f) && !isOverlayFile(f)).sort();
  return names.map((f) => ({ specFile: path.join(specsDir, f), outDir: path.join(root, 'generated', packageDirName(f)), name: packageDirName(f) }));
}

/**
 * What the package on disk records, if it is a package tokenkit generated. `read` is its manifest
 * when the caller has read it already (the writer does, under the package's lock).
 */
export async function readPrevious(outDir: string, read?: ManifestRead): Promise<PreviousRelease | undefined> {
  const { value } = read ?? (await readManifest(outDir));
  if (typeof value !== 'object' || value === null) return undefined;
  const manifest = value as {
    version?: unknown;
    specSha256?: unknown;
    model?: unknown;
    overlays?: unknown;
    generatorVersion?: unknown;
    released?: unknown;
    files?: unknown;
  };
  if (typeof manifest.version !== 'string' || typeof manifest.specSha256 !== 'string' || typeof manifest.model !== 'object' || manifest.model === null)
    return undefined;
  const model = manifest.model as ModelSnapshot;
  const changelog = await readFile(path.join(outDir, 'CHANGELOG.md'), 'utf8').catch(() => undefined);
  const overlays = overlayList(manifest.overlays);
  const current = { version: manifest.version, specSha256: manifest.specSha256, overlays, model, changelog };
  const files = typeof manifest.files === 'object' && manifest.files !== null ? new Map(Object.entries(manifest.files as Record<string, string>)) : undefined;
  return { ...current, released: readReleased(manifest.released, { ...manifest, overlays, files }, model) };
}

/**
 * The manifest's last release. A manifest of an older tokenkit has none: what it records was
 * treated as released then, and is now.
 */
function readReleased(
  released: unknown,
  manifest: {
    version?: unknown;
    specSha256?: unknown;
    generatorVersion?: unknown;
    overlays: ManifestOverlay[] | undefined;
    files: Map<string, string> | undefined;
  },
  model: ModelSnapshot,
): ReleasedBaseline | null {
  if (released === null) return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  if (typeof released !== 'object') {
    return {
      version: String(manifest.version),
      specSha256: String(manifest.specSha256),
      overlays: manifest.overlays,
      documentSha256: model.documentSha256,
      generatorVersion: text(manifest.generatorVersion) ?? '',
      // Its files' sha256 hashes: a new tokenkit whose output differs is seen as an upgrade.
      ...(manifest.files === undefined ? {} : { outputSha256: outputDigest(manifest.files, sha256), outputIds: 'sha256' as const }),
      model,
    };
  }
  const r = released as Record<string, unknown>;
  const version = text(r.version);
  const specSha256 = text(r.specSha256);
  if (version === undefined || specSha256 === undefined) return null;
  return {
    version,
    specSha256,
    overlays: overlayList(r.overlays),
    documentSha256: text(r.documentSha256),
    generatorVersion: text(r.generatorVersion) ?? '',
    outputSha256: text(r.outputSha256),
    outputIds: r.outputIds === 'sha256' ? 'sha256' : undefined,
    model: typeof r.model === 'object' && r.model !== null ? (r.model as ModelSnapshot) : model,
  };
}

/** The overlays a manifest lists, when it lists any. */
function overlayList(overlays: unknown): ManifestOverlay[] | undefined {
  return Array.isArray(overlays) ? (overlays as ManifestOverlay[]) : undefined;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * The project's own repository, for the generated packages' `repository`: its package.json's, else
 * the URL of its git remote `origin`. A remote that is a local path names no public repository.
 */
async function projectRepository(root: string): Promise<string | undefined> {
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
  const relSpec = toPosix(path.relative(root, target.specFile));
  const relOut = toPosix(path.relative(root, target.outDir));
  const repositoryUrl = await (options.repositoryUrl ?? projectRepository(root));
  return generatePackage({
    specFile: path.relative(process.cwd(), target.specFile) || target.specFile,
    specPath: relSpec.startsWith('..') ? path.basename(target.specFile) : relSpec,
    overlayPath: (absolute) => {
      const rel = toPosix(path.relative(root, absolute));
      return rel.startsWith('..') ? path.basename(absolute) : rel;
    },
    name: target.name,
    packageName: target.packageName,
    strict,
    previous: options.previous === null ? undefined : (options.previous ?? (await readPrevious(target.outDir))),
    hasCustomCode: await hasCustomCode(target.outDir),
    repository: repositoryUrl && !relOut.startsWith('..') ? { type: 'git', url: repositoryUrl, directory: relOut } : undefined,
    onStage,
    onFiles,
    load,
  });
}

/** The directory a package keeps the user's own code in, which generation never touches. */
export const CUSTOM_DIR = 'src/custom';

/** Whether the package has the user's own code, which its index then re-exports. */
async function hasCustomCode(outDir: string): Promise<boolean> {
  return stat(path.join(outDir, CUSTOM_DIR, 'index.ts')).then(
    (st) => st.isFile(),
    () => false,
  );
}

/** Whether a spec is one of the project's targets (in specs/), which every other command handles. */
function isListed(root: string, specFile: string): boolean {
  return path.dirname(path.resolve(specFile)) === path.join(root, 'specs') && /\.(ya?ml|json)$/i.test(specFile) && !isOverlayFile(specFile);
}

/** What a generation did to the version, when it changed it: counted from the last release. */
function versionNote({ release, previousVersion, releaseChanged }: GeneratedPackage): string {
  if (previousVersion === undefined || !releaseChanged) return '';
  const since = release.released ? ` since ${release.released.version}` : '';
  if (release.bump === 'none') return `  ${previousVersion} → ${release.version} (no changes${since})`;
  if (release.byGenerator) return `  patch → ${release.version} (the output of tokenkit ${GENERATOR_VERSION} differs; the spec is unchanged${since})`;
  return `  ${release.bump} → ${release.version} (${release.changes.length} change${release.changes.length === 1 ? '' : 's'}${since})`;
}

/** Generates (or checks) every target; returns the drift found by --check. */
export async function generate(options: GenerateOptions): Promise<void> {
  const root = path.resolve(options.root ?? process.cwd());
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const targets: Target[] = options.spec
    ? [
        {
          specFile: path.resolve(options.spec),
          outDir: path.resolve(options.out ?? path.join(root, 'generated', packageDirName(options.spec))),
          name: packageDirName(options.spec),
          packageName: options.name,
        },
      ]
    : await listTargets(root);
  const drift: Record<string, Drift> = {};
  const conflicts: string[] = [];
  // Looked up once for every target: it may ask git, a process of its own.
  const repositoryUrl = projectRepository(root);
  for (const target of targets) {
    const started = performance.now();
    // A large spec takes seconds: one line per stage (and a bar on a terminal), see progress.ts.
    const large = isLargeSpec((await stat(target.specFile)).size);
    const progress = large ? stageProgress(path.basename(target.specFile), process.stderr) : undefined;
    const onStage: StageListener | undefined = progress?.onStage;
    // The package's lock is taken (and a run killed mid-write rolled back) before the previous
    // release is read. Files go to a staging directory as the pipeline hands them over (most before
    // the types are made) and replace the package's own files only once all are written.
    const writer = options.check ? undefined : await PackageWriter.open(target.outDir, { force: options.force ?? false });
    const stage = async (batch: ReadonlyMap<string, string>, { stagesLeft, ids }: FileBatchInfo): Promise<void> => {
      writer?.add(batch, { background: stagesLeft, ids });
    };
    // The manifest is read once: the writer read it under the lock, and --check reads it here.
    const manifest = writer?.manifest ?? (await readManifest(target.outDir));
    let pkg: GeneratedPackage;
    try {
      const previous = await readPrevious(target.outDir, manifest);
      pkg = await renderTarget(root, target, {
        onStage,
        onFiles: options.check ? undefined : stage,
        strict: options.strict,
        load: options.load,
        previous: previous ?? null,
        repositoryUrl,
      });
    } catch (err) {
      progress?.end();
      await writer?.abort();
      throw err instanceof SpecError ? new SpecError(err.issues, { ...err.notes, wroteNothing: !options.check }) : err;
    }
    progress?.end();
    if (pkg.warnings.length > 0)
      log(
        `warning: ${pkg.warnings.length} finding(s) in ${path.relative(root, target.specFile) || target.specFile} did not stop generation; \`tokenkit lint\` lists them, \`--strict\` makes them fatal`,
      );
    const relOut = toPosix(path.relative(root, target.outDir));
    const outRel = relOut === '' ? '.' : relOut.startsWith('..') ? target.outDir : relOut;
    if (options.check) {
      const d = await checkPackage(target.outDir, pkg.files, manifest);
      const stale = d.missing.length + d.stale.length + d.conflicted.length + d.stray.length;
      if (isStale(d)) drift[outRel] = d;
      const edits = d.edited.length === 0 ? '' : `  (${d.edited.length} file${d.edited.length === 1 ? '' : 's'} edited by hand, kept)`;
      log(`${stale === 0 ? 'ok   ' : 'stale'} ${pkg.packageName}  ${outRel}${stale === 0 ? edits : `  (${stale} file${stale === 1 ? '' : 's'} differ)`}`);
      for (const f of d.missing) log(`  missing   ${outRel}/${f}`);
      for (const f of d.stale) log(`  stale     ${outRel}/${f}`);
      for (const f of d.conflicted) log(`  conflict  ${outRel}/${f}`);
      for (const f of d.edited) log(`  edited    ${outRel}/${f}`);
      for (const f of d.stray) log(`  stray     ${outRel}/${f}`);
    } else {
      const writeStarted = performance.now();
      let report: MergeReport | undefined;
      try {
        report = await writer?.commit();
        reportStage('write', performance.now() - writeStarted, onStage);
      } finally {
        progress?.end();
      }
      const bumped = versionNote(pkg);
      log(`wrote ${pkg.packageName}  ${outRel}  ${pkg.files.size} files  ${Math.round(performance.now() - started)} ms${bumped}`);
      for (const f of report?.merged ?? []) log(`  merged    ${outRel}/${f}  (your edits kept)`);
      for (const f of report?.conflicted ?? []) log(`  conflict  ${outRel}/${f}`);
      conflicts.push(...(report?.conflicted ?? []).map((f) => `${outRel}/${f}`));
      if (options.spec && isListed(root, target.specFile) && (options.load?.overlays?.length ?? 0) > 0)
        log(
          `note: --overlay is not applied by \`generate --check\`, \`--watch\` or \`diff\` of the package; put the overlay beside the spec as ${toPosix(path.relative(root, target.specFile)).replace(/\.(ya?ml|json)$/i, '.overlay.yaml')} so every command applies it`,
        );
      if (options.spec && !isListed(root, target.specFile))
        log(
          `note: ${outRel} is not among the packages \`generate --check\`, \`build\` and \`publish\` handle, which come from the specs in specs/; put the spec there to include it`,
        );
    }
  }
  if (conflicts.length > 0) throw new MergeConflicts(conflicts);
  if (Object.keys(drift).length > 0) throw new DriftError(drift);
}
