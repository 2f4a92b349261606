/**
 * One spec → one package, one stage a line: load, validate, convert, version, model, render, types,
 * manifest. Everything but the types is rendered before them and handed to `onFiles`, so it can be
 * written while they are made. Each stage is timed; `DEBUG=tokenkit` prints the timings.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApi, type PackageSettings } from '../model/build-api.js';
import { snapshotModel, type ModelSnapshot } from '../model/snapshot.js';
import type { ApiView } from '../model/types.js';
import type { SpecIssue } from '../issues.js';
import { GENERATOR_VERSION } from '../version.js';
import { collectGarbage } from '../memory.js';
import { emitTypes } from './emit-types.js';
import type { LoadOptions } from './load.js';
import { readSpec } from './read-spec.js';
import { renderPackage, renderSchema, SCHEMA_FILE } from './render.js';
import { MANIFEST, sha256 } from './write.js';
import { nextRelease, type PreviousRelease, type Release, type ReleaseInputs } from './release.js';

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
  /** Called after each stage with its time. */
  onStage?: StageListener;
  /** What the spec's references may reach (see {@link LoadOptions}). */
  load?: LoadOptions;
  /**
   * Receives the files in batches as they become final: most of them before the types, the longest
   * stage, are made, so a writer can store them meanwhile; the result holds every file all the same.
   */
  onFiles?: (files: ReadonlyMap<string, string>, more: { stagesLeft: boolean }) => Promise<void> | void;
}

/** The rendered package, in memory. */
export interface GeneratedPackage {
  packageName: string;
  files: Map<string, string>;
  timings: Record<string, number>;
  /** Findings that did not stop generation. */
  warnings: SpecIssue[];
  /** The version, the changes since the previous one, and the changelog. */
  release: Release;
}

/** Reports a finished stage; generation of a large spec takes seconds, so the CLI shows each stage. */
export type StageListener = (stage: string, ms: number) => void;

async function timed<T>(timings: Record<string, number>, stage: string, run: () => Promise<T> | T, onStage?: StageListener): Promise<T> {
  const start = performance.now();
  const result = await run();
  timings[stage] = reportStage(stage, performance.now() - start, onStage);
  return result;
}

/** Prints a finished stage under `DEBUG=tokenkit` (with the memory in use) and tells the listener; returns the whole milliseconds. */
export function reportStage(stage: string, elapsed: number, onStage?: StageListener): number {
  const ms = Math.round(elapsed);
  if (process.env.DEBUG?.split(',').includes('tokenkit')) {
    const { rss, heapUsed } = process.memoryUsage();
    process.stderr.write(`tokenkit: ${stage} ${ms} ms (heap ${mb(heapUsed)} MB, rss ${mb(rss)} MB)\n`);
  }
  onStage?.(stage, ms);
  return ms;
}

function mb(bytes: number): number {
  return Math.round(bytes / 1048576);
}

/** Specs from this size up get a full garbage collection before and after the types (see memory.ts). */
const COLLECT_AROUND_TYPES_BYTES = 1024 * 1024;

/** Renders one package in memory. Throws SpecError for problems in the spec. */
export async function generatePackage(req: GenerateRequest): Promise<GeneratedPackage> {
  const timings: Record<string, number> = {};
  // The document lives only inside compile(): once it returns, it is garbage with the types' syntax tree.
  const { api, rendered, schemaSource, snapshot, release, inputs, large, warnings } = await compile(req, timings);
  if (large) collectGarbage();
  const late = new Map([
    [SCHEMA_FILE, await renderSchema(api, schemaSource)],
    ['CHANGELOG.md', release.changelog],
  ]);
  const files = new Map([...rendered, ...late].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const manifest = await timed(timings, 'manifest', () => renderManifest(req, files, api, snapshot, inputs), req.onStage);
  files.set(MANIFEST, manifest);
  late.set(MANIFEST, manifest);
  await req.onFiles?.(late, { stagesLeft: false });
  return { packageName: api.packageName, files, timings, warnings, release };
}

/** The manifest: what generated the package from which spec, each file's hash, and the model snapshot `diff` compares. */
function renderManifest(req: GenerateRequest, files: ReadonlyMap<string, string>, api: ApiView, snapshot: ModelSnapshot, inputs: ReleaseInputs): string {
  const manifest = {
    generator: 'tokenkit',
    generatorVersion: GENERATOR_VERSION,
    spec: req.specPath,
    specSha256: inputs.specSha256,
    // Only when there are overlays, so a package generated without one keeps its manifest byte for byte.
    ...(inputs.overlays.length > 0 ? { overlays: inputs.overlays } : {}),
    packageName: api.packageName,
    version: api.version,
    files: Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rel, content]) => [rel, sha256(content)])),
    model: snapshot,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Load, validate, convert, version, model, render and types: everything that reads the document. */
async function compile(req: GenerateRequest, timings: Record<string, number>) {
  const spec = await readSpec(req.specFile, {
    strict: req.strict,
    packageName: req.packageName,
    load: req.load,
    timed: (stage, run) => timed(timings, stage, run, req.onStage),
  });
  const { warnings } = spec;
  const snapshot = snapshotModel(spec.document);
  const recordPath = req.overlayPath ?? ((absolute: string) => path.basename(absolute));
  const inputs: ReleaseInputs = { specSha256: spec.sha256, overlays: spec.loaded.overlays.map((o) => ({ path: recordPath(o.absolute), sha256: o.sha256 })) };
  const release = await timed(timings, 'version', () => nextRelease(req.previous, inputs, snapshot, req.specPath), req.onStage);
  const settings: PackageSettings = {
    name: req.name,
    packageName: req.packageName,
    version: release.version,
    generatorVersion: GENERATOR_VERSION,
    specPath: req.specPath,
    repository: req.repository,
  };
  const api = await timed(timings, 'model', () => buildApi(spec, settings), req.onStage);
  const large = spec.loaded.redocly.source.body.length >= COLLECT_AROUND_TYPES_BYTES;
  const rendered = await timed(timings, 'render', () => renderPackage(api), req.onStage);
  await req.onFiles?.(rendered, { stagesLeft: true });
  // Validation's and the model's scratch is garbage by now: collected, the types' syntax tree reuses its room.
  if (large) collectGarbage();
  const schemaSource = await timed(timings, 'types', () => emitTypes(spec.document), req.onStage);
  return { api, rendered, schemaSource, snapshot, release, inputs, large, warnings };
}
