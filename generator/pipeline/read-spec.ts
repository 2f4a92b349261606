/**
 * The one spec front-end. Every command reads a spec through {@link readSpec}: load (parse, bundle),
 * validate as written (Redocly's rules, so problems point into the user's file, Swagger 2.0 included),
 * convert Swagger 2.0 to OpenAPI 3, then tokenkit's own generation checks on the OpenAPI 3 document.
 * generate, `--check`, watch, lint, diff and compare therefore see the same document and the same
 * problems.
 */
import { SpecError, type SpecIssue } from '../issues.js';
import { checkGeneration, LENIENT_CHECKS } from './check-generation.js';
import { withoutServerCredentials } from './check-servers.js';
import { convertSpec } from './convert.js';
import type { OpenApiDocument } from '../json.js';
import { loadSpec, type LoadedSpec, type LoadOptions } from './load.js';
import { relocateIssues } from './overlay-provenance.js';
import { validateSpec } from './validate.js';
import { placeOf } from './spec-place.js';

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
  /** sha256 of the spec: its file and the files its references read (see {@link LoadedSpec.sha256}). */
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
  const timed = options.timed ?? untimed;
  return readLoadedSpec(await timed('load', () => loadSpec(file, options.load)), options);
}

/**
 * {@link readSpec} for a spec already loaded: validation, conversion and tokenkit's checks. Throws
 * {@link SpecError} listing every problem that stops it.
 */
export async function readLoadedSpec(loaded: LoadedSpec, options: Omit<ReadSpecOptions, 'load'> = {}): Promise<SpecInput> {
  const timed = options.timed ?? untimed;
  // A problem in a node an overlay wrote is located in the overlay.
  const relocate = (issues: SpecIssue[]) => relocateIssues(issues, loaded.file, loaded.overlayWrites);
  const warnings = relocate(
    await timed('validate', () =>
      validateSpec(loaded, { strict: options.strict === true }).catch((err: unknown) => {
        throw err instanceof SpecError ? new SpecError(relocate(err.issues), err.notes) : err;
      }),
    ),
  );
  const converted = await timed('convert', () => convertSpec(loaded));
  if ((options.checks ?? 'generation') === 'generation') {
    const found = checkGeneration({
      document: converted.document,
      locate: (pointer, reportOnKey) =>
        placeOf(loaded, pointer, { reportOnKey: reportOnKey === true, ...(converted.converted === true ? { converted: converted.document } : {}) }),
      packageName: options.packageName,
    });
    const problems = relocate(found.filter((i) => !LENIENT_CHECKS.has(i.code)));
    warnings.push(...relocate(found.filter((i) => LENIENT_CHECKS.has(i.code))));
    // Under --strict the warnings are problems too, listed with these rather than hidden behind them.
    if (problems.length > 0) throw new SpecError([...problems, ...(options.strict ? warnings : [])]);
  }
  if (options.strict && warnings.length > 0) throw new SpecError(warnings);
  withoutServerCredentials(converted.document);
  return { file: loaded.file, sha256: loaded.sha256, document: converted.document, loaded, converted: converted.converted === true, warnings };
}
