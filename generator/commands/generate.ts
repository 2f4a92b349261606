/** `tokenkit generate`: every spec in specs/, or one spec given on the command line. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { reportStage, type FileBatchInfo, type GeneratedPackage } from '../pipeline/index.js';
import type { LoadOptions } from '../pipeline/load.js';
import { readPrevious } from '../pipeline/previous-release.js';
import { checkPackage, PackageWriter, readManifest, type ManifestRead, type MergeReport } from '../pipeline/write.js';
import { isStale, type Drift } from '../pipeline/drift.js';
import { isLargeSpec } from '../pipeline/large-spec.js';
import { DriftError, MergeConflicts, OutputDirError } from '../errors.js';
import { formatIssue, SpecError } from '../issues.js';
import { stageProgress } from './progress.js';
import { projectRepository, renderRuntimeTarget, renderTarget, type ProjectRepository } from './render-target.js';
import { isListed, listTargets, packagesWithoutSpec, projectPath, runtimeTarget, specTarget, type RuntimeTarget, type Target } from './targets.js';
import { GENERATOR_VERSION } from '../version.js';
import { printLine } from '../output.js';

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

type Log = (line: string) => void;

/**
 * Generates (or checks) every target, one line each. Throws {@link MergeConflicts} when edits of
 * generated files conflicted with the new output, and {@link DriftError} when `--check` found stale
 * packages.
 */
export async function generate(options: GenerateOptions): Promise<void> {
  const root = path.resolve(options.root ?? process.cwd());
  const log = options.log ?? printLine;
  const targets = options.spec ? [await specTarget(root, options.spec, options.out, options.name)] : await listTargets(root);
  // Looked up once for every target: it may ask git, a process of its own.
  const repositoryUrl = projectRepository(root);
  // The shared runtime package first: the packages on it are generated against this one.
  const runtime = targets.some((t) => t.runtimePackage !== undefined) ? await runtimeTarget(root) : undefined;
  const run: Run = { root, options, log, targets, runtime, repositoryUrl };
  // Said first: a --check that fails still says it.
  if (!options.spec) {
    for (const dir of await packagesWithoutSpec(root, targets, runtime))
      log(
        `note: ${projectPath(root, dir)} has no spec in specs/ any more (deleted or renamed?); tokenkit leaves it as it is: delete it if it is gone for good`,
      );
  }
  await (options.check ? checkAll(run) : writeAll(run));
}

/** What one `generate` works through. */
interface Run {
  root: string;
  options: GenerateOptions;
  log: Log;
  targets: Target[];
  runtime: RuntimeTarget | undefined;
  repositoryUrl: Promise<ProjectRepository | undefined>;
}

/** `--check`: every package compared with what generation would write; nothing is written. */
async function checkAll({ root, options, log, targets, runtime, repositoryUrl }: Run): Promise<void> {
  const drift: Record<string, Drift> = {};
  if (runtime) {
    const outRel = projectPath(root, runtime.outDir);
    const found = await checkPackage(runtime.outDir, await renderRuntimeTarget(root, runtime, repositoryUrl), await readManifest(runtime.outDir));
    if (isStale(found)) drift[outRel] = found;
    logDrift(log, runtime.packageName, outRel, found);
  }
  for (const target of targets) {
    const { pkg, manifest } = await renderForRun(root, target, options, repositoryUrl);
    for (const line of warningsNote(root, target, pkg)) log(line);
    const outRel = outLabel(root, target);
    const found = await checkPackage(target.outDir, pkg.files, manifest);
    if (isStale(found)) drift[outRel] = found;
    logDrift(log, pkg.packageName, outRel, found);
  }
  if (Object.keys(drift).length > 0) throw new DriftError(drift);
}

/**
 * Every package is rendered and staged before any replaces its files: a spec that fails leaves every
 * package as it was, not the ones before it in the list regenerated.
 */
async function writeAll({ root, options, log, targets, runtime, repositoryUrl }: Run): Promise<void> {
  const staged: Staged[] = [];
  try {
    if (runtime) {
      const started = performance.now();
      const files = await renderRuntimeTarget(root, runtime, repositoryUrl);
      const writer = await PackageWriter.open(runtime.outDir, { force: options.force ?? false });
      staged.push({
        writer,
        outRel: projectPath(root, runtime.outDir),
        renderMs: performance.now() - started,
        line: (outRel, ms) => `wrote ${runtime.packageName}  ${outRel}  ${files.size} files  ${Math.round(ms)} ms`,
      });
      writer.add(files);
    }
    for (const target of targets) {
      const started = performance.now();
      const rendered = await renderForRun(root, target, options, repositoryUrl);
      const { pkg } = rendered;
      for (const line of warningsNote(root, target, pkg)) log(line);
      const outRel = outLabel(root, target);
      staged.push({
        writer: rendered.writer,
        progress: rendered.progress,
        outRel,
        renderMs: performance.now() - started,
        // Not the package itself: its files are staged, and only this line is left to tell.
        line: writtenLine(pkg),
        notes: specNotes(root, target, outRel, options),
      });
    }
  } catch (err) {
    await Promise.all(staged.map(async (s) => s.writer?.abort()));
    throw err instanceof SpecError ? new SpecError(err.issues, { ...err.notes, wroteNothing: true }) : err;
  }
  const conflicts: string[] = [];
  for (const [i, item] of staged.entries()) {
    const started = performance.now();
    let report: MergeReport | undefined;
    try {
      report = await commit(item);
    } catch (err) {
      // This package is as it was; the ones not yet swapped in stay so too, and give up their locks.
      await Promise.all(staged.slice(i + 1).map(async (s) => s.writer?.abort()));
      throw err;
    }
    log(item.line(item.outRel, item.renderMs + performance.now() - started));
    for (const f of report?.merged ?? []) log(`  merged    ${item.outRel}/${f}  (your edits kept)`);
    for (const f of report?.conflicted ?? []) log(`  conflict  ${item.outRel}/${f}`);
    for (const f of report?.orphaned ?? [])
      log(`  kept      ${item.outRel}/${f}  (no longer generated; you edited it, so it is yours now: delete it when done)`);
    conflicts.push(...(report?.conflicted ?? []).map((f) => `${item.outRel}/${f}`));
    for (const note of item.notes ?? []) log(note);
  }
  if (conflicts.length > 0) throw new MergeConflicts(conflicts);
}

/** A package staged by `generate`, waiting for every other to be staged too before it is swapped in. */
interface Staged {
  writer: PackageWriter | undefined;
  progress?: ReturnType<typeof stageProgress>;
  outRel: string;
  /** How long rendering and staging it took. */
  renderMs: number;
  /** Its `wrote …` line, given the time it took in all. */
  line: (outRel: string, ms: number) => string;
  notes?: string[];
}

/** A target rendered for `generate`: its files staged by the writer (none under --check), ready to check or commit. */
interface RenderedTarget {
  pkg: GeneratedPackage;
  writer: PackageWriter | undefined;
  /** The package's manifest on disk, read once for the whole run. */
  manifest: ManifestRead;
  progress: ReturnType<typeof stageProgress> | undefined;
}

/** Renders one target; unless checking, under the package's lock, staging each batch of files as it comes. */
async function renderForRun(
  root: string,
  target: Target,
  options: GenerateOptions,
  repositoryUrl: Promise<ProjectRepository | undefined>,
): Promise<RenderedTarget> {
  // A large spec takes seconds: one line per stage (and a bar on a terminal), see progress.ts.
  const large = isLargeSpec((await stat(target.specFile)).size);
  const progress = large ? stageProgress(path.basename(target.specFile), process.stderr) : undefined;
  // The package's lock is taken (and a run killed mid-write rolled back) before the previous
  // release is read. Files go to a staging directory as the pipeline hands them over (most before
  // the types are made) and replace the package's own files only once all are written.
  let writer = options.check ? undefined : await PackageWriter.open(target.outDir, { force: options.force ?? false });
  const stage = (batch: ReadonlyMap<string, string>, { stagesLeft, ids }: FileBatchInfo): void => {
    writer?.add(batch, { background: stagesLeft, ids });
  };
  // The manifest is read once: the writer read it under the lock, and --check reads it here.
  const manifest = writer?.manifest ?? (await readManifest(target.outDir));
  let pkg: GeneratedPackage;
  try {
    const render = async (previous: Awaited<ReturnType<typeof readPrevious>>) =>
      renderTarget(root, target, {
        onStage: progress?.onStage,
        onFiles: options.check ? undefined : stage,
        strict: options.strict,
        load: options.load,
        previous: previous ?? null,
        repositoryUrl,
      });
    pkg = await render(await readPrevious(target.outDir, manifest));
    // An --out holding another package: generating there would replace it and carry on its version
    // history as this package's. (A project's own package renamed in its spec is the same package.)
    const holds = recordedPackageName(manifest);
    if (options.spec !== undefined && holds !== undefined && holds !== pkg.packageName) {
      if (!options.force || options.check) {
        throw new OutputDirError(
          `${projectPath(root, target.outDir)} holds the package ${holds}, not ${pkg.packageName}; nothing was changed`,
          `Choose another output directory, or pass --force to replace that package (${pkg.packageName} then starts at its first version).`,
        );
      }
      // Rendered again as a new package, into a fresh staging directory.
      await writer?.abort();
      writer = await PackageWriter.open(target.outDir, { force: true });
      pkg = await render(undefined);
    }
  } catch (err) {
    progress?.end();
    await writer?.abort();
    throw err instanceof SpecError ? new SpecError(err.issues, { ...err.notes, wroteNothing: !options.check }) : err;
  }
  progress?.end();
  return { pkg, writer, manifest, progress };
}

/** The npm name a package's manifest records, if it records one. */
function recordedPackageName({ value }: ManifestRead): string | undefined {
  const name = typeof value === 'object' && value !== null ? (value as { packageName?: unknown }).packageName : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** Swaps the staged files in: the last stage the progress lines report. */
async function commit({ writer, progress }: { writer: PackageWriter | undefined; progress?: RenderedTarget['progress'] }): Promise<MergeReport | undefined> {
  const started = performance.now();
  try {
    const report = await writer?.commit();
    reportStage('write', performance.now() - started, progress?.onStage);
    return report;
  } finally {
    progress?.end();
  }
}

/** The package directory as the output names it: relative to the project when inside it. */
function outLabel(root: string, target: Target): string {
  const rel = projectPath(root, target.outDir);
  return rel === '' ? '.' : rel.startsWith('..') ? target.outDir : rel;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** How many of a spec's warnings are shown; the rest are counted. */
const SHOWN_WARNINGS = 5;

/**
 * The warnings of a generation: a line saying how many there are, then the first few, each with its
 * pointer (lines are found only under `--strict`: on a large spec that takes a syntax tree).
 */
function warningsNote(root: string, target: Target, pkg: GeneratedPackage): string[] {
  const count = pkg.warnings.length;
  if (count === 0) return [];
  const spec = path.relative(root, target.specFile) || target.specFile;
  const more = count > SHOWN_WARNINGS ? [`  … and ${count - SHOWN_WARNINGS} more`] : [];
  return [
    `warning: ${plural(count, 'finding')} in ${spec} did not stop generation; \`--strict\` lists every one with its line, and makes them fatal:`,
    ...pkg.warnings.slice(0, SHOWN_WARNINGS).map((w) => `  ${formatIssue(w)}`),
    ...more,
  ];
}

/** `--check`: one line for the package, then one for each file that differs or was edited by hand. */
function logDrift(log: Log, packageName: string, outRel: string, drift: Drift): void {
  const stale = drift.missing.length + drift.stale.length + drift.conflicted.length + drift.stray.length;
  const edits = drift.edited.length === 0 ? '' : `  (${plural(drift.edited.length, 'file')} edited by hand, kept)`;
  log(`${stale === 0 ? 'ok   ' : 'stale'} ${packageName}  ${outRel}${stale === 0 ? edits : `  (${plural(stale, 'file')} differ)`}`);
  for (const f of drift.missing) log(`  missing   ${outRel}/${f}`);
  for (const f of drift.stale) log(`  stale     ${outRel}/${f}`);
  for (const f of drift.conflicted) log(`  conflict  ${outRel}/${f}`);
  for (const f of drift.edited) log(`  edited    ${outRel}/${f}`);
  for (const f of drift.stray) log(`  stray     ${outRel}/${f}`);
}

/** A written package's line, given where it went and the time it took: its name, size and version change. */
function writtenLine(pkg: GeneratedPackage): (outRel: string, ms: number) => string {
  const { packageName } = pkg;
  const count = pkg.files.size;
  const version = versionNote(pkg);
  return (outRel, ms) => `wrote ${packageName}  ${outRel}  ${count} files  ${Math.round(ms)} ms${version}`;
}

/** What a generation did to the version, when it changed it: counted from the last release. */
function versionNote({ release, previousVersion, releaseChanged }: GeneratedPackage): string {
  if (previousVersion === undefined || !releaseChanged) return '';
  const since = release.released ? ` since ${release.released.version}` : '';
  if (release.bump === 'none') return `  ${previousVersion} → ${release.version} (no changes${since})`;
  if (release.byGenerator) return `  patch → ${release.version} (the output of tokenkit ${GENERATOR_VERSION} differs; the spec is unchanged${since})`;
  return `  ${release.bump} → ${release.version} (${plural(release.changes.length, 'change')}${since})`;
}

/** `--spec`: what the other commands will not do for this package, and how to make them. */
function specNotes(root: string, target: Target, outRel: string, options: GenerateOptions): string[] {
  if (!options.spec) return [];
  if (!isListed(root, target.specFile))
    return [
      `note: ${outRel} is not among the packages \`generate --check\`, \`build\` and \`publish\` handle, which come from the specs in specs/; put the spec there to include it`,
    ];
  if ((options.load?.overlays?.length ?? 0) === 0) return [];
  const beside = projectPath(root, target.specFile).replace(/\.(ya?ml|json)$/i, '.overlay.yaml');
  return [
    `note: --overlay is not applied by \`generate --check\`, \`--watch\` or \`diff\` of the package; put the overlay beside the spec as ${beside} so every command applies it`,
  ];
}
