/**
 * One spec → one package, one stage a line: load, validate, convert, version, model, render, types,
 * manifest. Everything but the types is rendered before them and handed to `onFiles`, so it can be
 * written while they are made. Each stage is timed; `DEBUG=tokenkit` prints the timings.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApi, withVersion, type PackageSettings } from '../model/build-api.js';
import { snapshotModel, type ModelSnapshot } from '../model/snapshot.js';
import type { SpecIssue } from '../issues.js';
import { GENERATOR_VERSION } from '../version.js';
import { collectGarbage } from '../memory.js';
import { emitTypes } from './emit-types.js';
import { splitReadWriteViews } from './read-write-views.js';
import type { LoadOptions } from './load.js';
import { readSpec, type SpecInput } from './read-spec.js';
import { renderPackage, renderTypes } from './render.js';
import { MANIFEST, sha256 } from './write.js';
import { gitBlobId } from './blob-id.js';
import { sortedByPath } from './file-order.js';
import { isLargeSpec } from './large-spec.js';
import { manifestJson } from './manifest-json.js';
import { nextRelease, outputDigest, regeneratedRelease, type PreviousRelease, type Release, type ReleaseInputs } from './release.js';

/** What to generate. */
export interface GenerateRequest {
  specFile: string;
  /** The spec path recorded in the package (relative, posix). */
  specPath: string;
  /** How an applied overlay's absolute path is recorded in the manifest (relative to the project, posix). */
  overlayPath?: (absolute: string) => string;
  name: string;
  packageName?: string;
  /** Warnings stop generation too (`--strict`). */
  strict?: boolean;
  /** The `repository` field of the generated package.json. */
  repository?: { type: string; url: string; directory: string };
  /** What the package on disk records, when there is one: the base of the version bump. */
  previous?: PreviousRelease;
  /** The output directory has the user's `src/custom/index.ts`, which the index then re-exports. */
  hasCustomCode?: boolean;
  /** The shared runtime package to import the runtime from, instead of a copy in `src/runtime/` (see runtime-package.ts). */
  runtimePackage?: string | undefined;
  /** Called after each stage with its time. */
  onStage?: StageListener;
  /** What the spec's references may reach (see {@link LoadOptions}). */
  load?: LoadOptions;
  /**
   * Receives the files in batches as they become final: most of them before the types, the longest
   * stage, are made, so a writer can store them meanwhile; the result holds every file all the same.
   */
  onFiles?: (files: ReadonlyMap<string, string>, more: FileBatchInfo) => Promise<void> | void;
}

/** What comes with a batch of files handed to `onFiles`. */
export interface FileBatchInfo {
  /** More stages run after this batch. */
  stagesLeft: boolean;
  /** The git blob id of each file of the batch the generator has hashed already (the manifest records them). */
  ids: ReadonlyMap<string, string>;
}

/** The rendered package, in memory. */
export interface GeneratedPackage {
  packageName: string;
  files: Map<string, string>;
  /** Findings that did not stop generation. */
  warnings: SpecIssue[];
  /** The version, the changes since the last release, and the changelog. */
  release: Release;
  /** The version the package had before this generation, if it existed. */
  previousVersion: string | undefined;
  /** The version or the changelog differ from the ones the package had. */
  releaseChanged: boolean;
}

/** Reports a finished stage; generation of a large spec takes seconds, so the CLI shows each stage. */
export type StageListener = (stage: string, ms: number) => void;

async function timed<T>(stage: string, run: () => Promise<T> | T, onStage?: StageListener): Promise<T> {
  const start = performance.now();
  const result = await run();
  reportStage(stage, performance.now() - start, onStage);
  return result;
}

/** Prints a finished stage under `DEBUG=tokenkit` (with the memory in use) and tells the listener, in whole milliseconds. */
export function reportStage(stage: string, elapsed: number, onStage?: StageListener): void {
  const ms = Math.round(elapsed);
  if (process.env.DEBUG?.split(',').includes('tokenkit')) {
    const { rss, heapUsed } = process.memoryUsage();
    process.stderr.write(`tokenkit: ${stage} ${ms} ms (heap ${mb(heapUsed)} MB, rss ${mb(rss)} MB)\n`);
  }
  onStage?.(stage, ms);
}

function mb(bytes: number): number {
  return Math.round(bytes / 1048576);
}

/** Renders one package in memory. Throws SpecError for problems in the spec. */
export async function generatePackage(req: GenerateRequest): Promise<GeneratedPackage> {
  // The document lives only inside compile(): once it returns, it is garbage with the types' syntax tree.
  const compiled = await compile(req);
  const { api, rendered, ids, types, snapshot, inputs, large, warnings } = compiled;
  let { release } = compiled;
  if (large) collectGarbage();
  const late = await renderTypes(api, types);
  for (const [rel, content] of late) ids.set(rel, gitBlobId(content));
  const outputSha256 = release.released?.outputSha256;
  const legacy = release.released?.outputIds === 'sha256';
  const digest = outputDigest(legacy ? new Map([...rendered, ...late].map(([rel, content]) => [rel, sha256(content)])) : ids, sha256);
  // The spec is the released one but the output is not: tokenkit changed. A patch, and the files
  // that carry the version are rendered again (after the others were handed over, so they go late).
  if (release.bump === 'none' && outputSha256 !== undefined && outputSha256 !== digest) {
    release = regeneratedRelease(release, req.specPath, GENERATOR_VERSION);
    const again = await timed('render again', () => renderPackage(withVersion(api, release.version)), req.onStage);
    for (const [rel, content] of again) {
      if (rendered.get(rel) === content) continue;
      rendered.set(rel, content);
      late.set(rel, content);
      ids.set(rel, gitBlobId(content));
    }
  }
  late.set('CHANGELOG.md', release.changelog);
  ids.set('CHANGELOG.md', gitBlobId(release.changelog));
  const files = sortedByPath([...rendered, ...late]);
  // The output of a release being recorded (or of one an older manifest did not digest) is this one.
  const releasedDigest = outputSha256 ?? (release.released?.version === release.version ? digest : undefined);
  const manifest = await timed(
    'manifest',
    () => renderManifest(req, api.packageName, files.keys(), ids, release, releasedDigest, snapshot, inputs),
    req.onStage,
  );
  files.set(MANIFEST, manifest);
  late.set(MANIFEST, manifest);
  await req.onFiles?.(late, { stagesLeft: false, ids });
  return {
    packageName: api.packageName,
    files,
    warnings,
    release,
    previousVersion: req.previous?.version,
    releaseChanged: req.previous?.version !== release.version || req.previous.changelog !== release.changelog,
  };
}

/**
 * The manifest: what generated the package from which spec, each file's git blob id (what the
 * generator wrote, whatever the user made of it since), the last release, and the model snapshot
 * `diff` compares.
 */
function renderManifest(
  req: GenerateRequest,
  packageName: string,
  paths: Iterable<string>,
  ids: ReadonlyMap<string, string>,
  release: Release,
  releasedDigest: string | undefined,
  snapshot: ModelSnapshot,
  inputs: ReleaseInputs,
): string {
  const base = release.released;
  const manifest = {
    generator: 'tokenkit',
    generatorVersion: GENERATOR_VERSION,
    spec: req.specPath,
    specSha256: inputs.specSha256,
    // Only when there are overlays, so a package generated without one keeps its manifest byte for byte.
    ...(inputs.overlays.length > 0 ? { overlays: inputs.overlays } : {}),
    packageName,
    version: release.version,
    files: Object.fromEntries([...paths].map((rel) => [rel, ids.get(rel)])),
    released:
      base === null
        ? null
        : {
            version: base.version,
            specSha256: base.specSha256,
            overlays: base.overlays,
            documentSha256: base.documentSha256,
            generatorVersion: base.generatorVersion,
            outputSha256: releasedDigest,
            outputIds: base.outputIds,
            // The released model only when it is not the package's own: a manifest stays small.
            model: sameModel(base.model, snapshot) ? undefined : base.model,
          },
    model: snapshot,
  };
  return manifestJson(manifest);
}

function sameModel(a: ModelSnapshot, b: ModelSnapshot): boolean {
  if (a.documentSha256 !== undefined && b.documentSha256 !== undefined) return a.documentSha256 === b.documentSha256;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Load, validate, convert, version, model, render and types: everything that reads the document. */
async function compile(req: GenerateRequest) {
  const spec = await readSpec(req.specFile, {
    strict: req.strict,
    packageName: req.packageName,
    load: req.load,
    timed: (stage, run) => timed(stage, run, req.onStage),
  });
  const built = await build(req, spec, req.onStage);
  const { api, rendered, ids } = built;
  await req.onFiles?.(rendered, { stagesLeft: true, ids });
  // No collection here, though validation's and the model's scratch is garbage: on GitHub's spec one
  // lowered the peak by about 35 MB (to 0.84x openapi-typescript's) and cost about 0.15 s of 4.8.
  const types = await timed('types', () => emitTypes(built.document, api.models), req.onStage);
  return { ...built, types, warnings: spec.warnings };
}

/** Version, model, render and the files' ids: what is built on the document. */
async function build(req: GenerateRequest, spec: SpecInput, onStage: StageListener | undefined) {
  const snapshot = snapshotModel(spec.document);
  const recordPath = req.overlayPath ?? ((absolute: string) => path.basename(absolute));
  const inputs: ReleaseInputs = { specSha256: spec.sha256, overlays: spec.loaded.overlays.map((o) => ({ path: recordPath(o.absolute), sha256: o.sha256 })) };
  const release = await timed('version', () => nextRelease(req.previous, inputs, snapshot, req.specPath, GENERATOR_VERSION), onStage);
  const settings: PackageSettings = {
    name: req.name,
    packageName: req.packageName,
    version: release.version,
    generatorVersion: GENERATOR_VERSION,
    specPath: req.specPath,
    repository: req.repository,
    hasCustomCode: req.hasCustomCode,
    runtimePackage: req.runtimePackage,
  };
  // Models, docs and types see request and response views of readOnly/writeOnly properties; the snapshot, the spec as written.
  const viewed = { ...spec, document: splitReadWriteViews(spec.document) };
  const api = await timed('model', () => buildApi(viewed, settings), onStage);
  const large = isLargeSpec(spec.loaded.redocly.source.body.length);
  const rendered = await timed('render', () => renderPackage(api), onStage);
  // Hashed once: the manifest records these ids, and the writer compares them with the files on disk.
  const ids = new Map([...rendered].map(([rel, content]) => [rel, gitBlobId(content)]));
  return { api, rendered, ids, snapshot, release, inputs, large, document: viewed.document };
}
