/**
 * The one spec front-end. Every command reads a spec through {@link readSpec}: load (parse, bundle),
 * validate as written (Redocly's rules, so problems point into the user's file, Swagger 2.0 included),
 * convert Swagger 2.0 to OpenAPI 3, then tokenkit's own generation checks on the OpenAPI 3 document.
 * generate, `--check`, watch, lint, diff and compare therefore see the same document and the same
 * problems.
 */
import { stat } from 'node:fs/promises';
import { SpecError, type SpecIssue } from '../issues.js';
import { BACKGROUND_VALIDATION_BYTES, useBackground, validateInBackground, type BackgroundMode } from './background-validation.js';
import { restoreExampleRefs } from './example-refs.js';
import { checkGeneration } from './check-generation.js';
import { convertSpec } from './convert.js';
import type { OpenApiDocument } from '../json.js';
import { loadSpec, type LoadedSpec, type LoadOptions } from './load.js';
import { relocateIssues } from './overlay-provenance.js';
import { locate, validateSpec } from './validate.js';

/** How strictly to read. */
export interface ReadSpecOptions {
  /** Warnings are errors too (`--strict`, `tokenkit lint`). */
  strict?: boolean | undefined;
  /**
   * `generation` (the default) runs tokenkit's own checks as well; `structure` stops after Redocly's
   * rules, for a vendor's definition that is compared with, not generated from.
   */
  checks?: 'generation' | 'structure';
  /** The npm name the caller chose; the spec's `x-tokenkit.package` is then not checked. */
  packageName?: string | undefined;
  /** Where references may lead (the spec's directory, URLs on request). */
  load?: LoadOptions | undefined;
  /** Times each stage (load, validate, convert); the pipeline reports them. */
  timed?: <T>(stage: string, run: () => Promise<T> | T) => Promise<T>;
}

/** A spec read and accepted: the OpenAPI 3 document every later stage works on. */
export interface SpecInput {
  /** The path as the user gave it, for messages. */
  file: string;
  /** sha256 of the file's bytes. */
  sha256: string;
  /** The bundled OpenAPI 3 document (converted from Swagger 2.0 where needed), examples as written. */
  document: OpenApiDocument;
  /** The spec as loaded, for locating pointers in the user's file. */
  loaded: LoadedSpec;
  /** Whether the document was converted from Swagger 2.0. */
  converted: boolean;
  /** Findings that do not change what is generated; errors under `strict`. */
  warnings: SpecIssue[];
}

const untimed = <T>(_stage: string, run: () => Promise<T> | T): Promise<T> => Promise.resolve(run());

/** Reads one spec; throws {@link SpecError} listing every problem that stops it. */
export async function readSpec(file: string, options: ReadSpecOptions = {}): Promise<SpecInput> {
  const { spec, checked } = await openSpec(file, options);
  return { ...spec, warnings: await checked };
}

/** A spec read as far as this thread goes; its validation may still be running on another. */
export interface OpenedSpec {
  /** The document, to be built on but not written or printed from before `checked` settles. */
  spec: Omit<SpecInput, 'warnings'>;
  /**
   * The warnings, once every check has passed; rejects with the {@link SpecError} {@link readSpec}
   * throws, or with {@link ValidateInTurn} when the spec must be read again without a second thread.
   */
  checked: Promise<SpecIssue[]>;
}

/** The second thread's answer does not apply to the spec this thread read (see background-validation.ts). */
export class ValidateInTurn extends Error {
  constructor() {
    super('the spec changed while it was validated; reading it again');
    this.name = 'ValidateInTurn';
  }
}

/**
 * Reads one spec. With `background` (see {@link BackgroundMode}), a large self-contained spec is validated on a worker thread
 * meanwhile, and `checked` settles when it answers; otherwise it has settled by the time this returns.
 */
export async function openSpec(file: string, options: ReadSpecOptions & { background?: BackgroundMode | undefined } = {}): Promise<OpenedSpec> {
  const timed = options.timed ?? untimed;
  const warningLines = options.strict === true;
  let background =
    useBackground(options.background) && (await sizeOf(file)) >= BACKGROUND_VALIDATION_BYTES
      ? validateInBackground({ file, load: options.load, warningLines })
      : undefined;
  let loaded: LoadedSpec;
  try {
    loaded = await timed('load', () => loadSpec(file, options.load));
  } catch (err) {
    background?.cancel();
    throw err;
  }
  // A bundled spec is validated here, with the files the bundler resolved.
  if (background !== undefined && loaded.document !== loaded.redocly.parsed) {
    background.cancel();
    background = undefined;
  }
  // A problem in a node an overlay wrote is located in the overlay.
  const relocate = (issues: SpecIssue[]) => relocateIssues(issues, loaded.file, loaded.overlayWrites);
  const relocated = (err: unknown) => {
    throw err instanceof SpecError ? new SpecError(relocate(err.issues), err.notes) : err;
  };
  const validation = background;
  const validating =
    validation === undefined
      ? timed('validate', () => validateSpec(loaded, { warningLines }))
      : timed('validate', async () => (await validation.result(loaded)) ?? Promise.reject(new ValidateInTurn()));
  const validated = validating.then(relocate, relocated);
  if (validation === undefined) await validated;
  // The worker validates a copy of its own: this one gets its examples' `$ref` keys back now.
  else restoreExampleRefs(loaded.document);
  let problems: SpecIssue[];
  let converted: LoadedSpec;
  try {
    converted = await timed('convert', () => convertSpec(loaded));
    problems =
      (options.checks ?? 'generation') === 'generation'
        ? checkGeneration({
            document: converted.document,
            file: loaded.file,
            locate: (pointer, reportOnKey) => locate(loaded, pointer, reportOnKey),
            packageName: options.packageName,
          })
        : [];
  } catch (err) {
    // What validation would have refused first is reported first.
    await validated;
    throw err;
  }
  const checked = validated.then((warnings) => {
    if (problems.length > 0) throw new SpecError(relocate(problems));
    if (options.strict && warnings.length > 0) throw new SpecError(warnings);
    return warnings;
  });
  // Settled already when validated here; a rejection from the worker is the caller's to await.
  checked.catch(() => undefined);
  // Nothing is built on a spec tokenkit's own checks refuse.
  if (problems.length > 0) await checked;
  const spec = { file: loaded.file, sha256: loaded.sha256, document: converted.document, loaded, converted: converted.converted === true };
  return { spec, checked };
}

async function sizeOf(file: string): Promise<number> {
  return (await stat(file).catch(() => undefined))?.size ?? 0;
}
