/**
 * One spec → one package, one stage a line: load, validate, model, types, render, manifest.
 * Each stage is timed; `DEBUG=tokenkit` prints the timings.
 */
import { performance } from 'node:perf_hooks';
import { buildApi, type PackageSettings } from '../model/build-api.js';
import { snapshotModel } from '../model/snapshot.js';
import type { SpecIssue } from '../issues.js';
import { GENERATOR_VERSION } from '../version.js';
import { emitTypes } from './emit-types.js';
import { convertSpec } from './convert.js';
import { loadSpec } from './load.js';
import { renderPackage } from './render.js';
import { validateSpec } from './validate.js';
import { MANIFEST, sha256 } from './write.js';
import { nextRelease, type PreviousRelease, type Release } from './release.js';

/** What to generate. */
export interface GenerateRequest {
  specFile: string;
  /** The spec path recorded in the package (relative, posix). */
  specPath: string;
  name: string;
  packageName?: string;
  /** The `repository` field of the generated package.json. */
  repository?: { type: string; url: string; directory: string };
  /** What the package on disk records, when there is one: the base of the version bump. */
  previous?: PreviousRelease;
  /** Called after each stage with its time. */
  onStage?: StageListener;
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
  const ms = Math.round(performance.now() - start);
  timings[stage] = ms;
  if (process.env.DEBUG?.split(',').includes('tokenkit')) process.stderr.write(`tokenkit: ${stage} ${ms} ms\n`);
  onStage?.(stage, ms);
  return result;
}

/** Renders one package in memory. Throws SpecError for problems in the spec. */
export async function generatePackage(req: GenerateRequest): Promise<GeneratedPackage> {
  const timings: Record<string, number> = {};
  const loaded = await timed(timings, 'load', () => loadSpec(req.specFile), req.onStage);
  const warnings = await timed(timings, 'validate', () => validateSpec(loaded), req.onStage);
  const spec = await timed(timings, 'convert', () => convertSpec(loaded), req.onStage);
  const snapshot = snapshotModel(spec.document);
  const release = await timed(timings, 'version', () => nextRelease(req.previous, spec.sha256, snapshot, req.specPath), req.onStage);
  const settings: PackageSettings = {
    name: req.name,
    packageName: req.packageName,
    version: release.version,
    generatorVersion: GENERATOR_VERSION,
    specPath: req.specPath,
    repository: req.repository,
  };
  const api = await timed(timings, 'model', () => buildApi(spec, settings), req.onStage);
  const schemaSource = await timed(timings, 'types', () => emitTypes(spec.document), req.onStage);
  const files = await timed(timings, 'render', () => renderPackage(api, schemaSource), req.onStage);
  files.set('CHANGELOG.md', release.changelog);
  const manifest = {
    generator: 'tokenkit',
    generatorVersion: GENERATOR_VERSION,
    spec: req.specPath,
    specSha256: spec.sha256,
    packageName: api.packageName,
    version: api.version,
    files: Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rel, content]) => [rel, sha256(content)])),
    model: snapshot,
  };
  files.set(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  return { packageName: api.packageName, files, timings, warnings, release };
}
