/**
 * Load: read a spec file once, parse it (JSON.parse for JSON, `yaml` for YAML), check its version,
 * and bundle its external `$ref`s with Redocly, which keeps line positions for every later error.
 */
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { MAX_SPEC_BYTES, readInput } from './read-input.js';
import path from 'node:path';
import { Source, bundleDocument, createConfig, getLineColLocation, type Document } from '@redocly/openapi-core';
import type { OpenApiDocument } from '../json.js';
import { SpecError, type SpecIssue } from '../issues.js';
import { locateIn, shownFile } from './locate.js';
import { unresolvedRefMessage } from './unresolved-ref.js';
import { readFailure } from '../os-error.js';
import { scanRefs } from './scan-refs.js';
import { hideExampleRefs } from './example-refs.js';
import { parseText } from './parse.js';
import { DEFAULT_REMOTE_LIMITS, type RemoteLimits } from './fetch-bounded.js';
import { findTooDeep, TOO_DEEP_MESSAGE } from './nesting.js';
import { SpecResolver } from './ref-resolver.js';
import { crossFileCycles } from './cross-file-cycles.js';
import { applyOverlay, MAX_OVERLAY_NODES } from './apply-overlay.js';
import { readOverlay } from './overlay-document.js';
import { siblingOverlay } from './overlay-files.js';
import type { OverlayWrite } from './overlay-provenance.js';

/**
 * What a spec's references may reach. By default file references stay inside the spec's directory
 * and nothing is fetched from the network.
 */
export interface LoadOptions {
  /** A directory that file references may reach anywhere inside, instead of the spec's own directory. */
  refRoot?: string;
  /** Fetch `http(s)://` references (off by default), each within {@link LoadOptions.remoteLimits}. */
  allowRemoteRefs?: boolean;
  /** Bounds on each remote fetch; defaults in {@link DEFAULT_REMOTE_LIMITS}. */
  remoteLimits?: Partial<RemoteLimits>;
  /** Overlay files applied, in order, after the one beside the spec (`<name>.overlay.yaml`), which always applies. */
  overlays?: readonly string[];
  /** Told each file a reference of the spec names, before it is read (`--watch` watches them too). */
  onReference?: (file: string) => void;
}

/** An overlay applied to a spec, as the package's manifest records it. */
export interface AppliedOverlay {
  /** The path as the user gave it (or beside the spec as the user named it). */
  file: string;
  /** The absolute path. */
  absolute: string;
  /** sha256 of the overlay file's bytes. */
  sha256: string;
}

/** A spec read, parsed and bundled, ready for every later stage. */
export interface LoadedSpec {
  /** The path as the user gave it, for messages. */
  file: string;
  /**
   * sha256 of the file's bytes; for a spec that references other files, of the file and of every
   * file it references (an edit in any of them is an edit of the spec).
   */
  sha256: string;
  /**
   * The bundled document: external references inlined, internal ones kept. Until {@link validateSpec}
   * has run, `$ref` keys inside examples are hidden from Redocly (see example-refs.ts).
   */
  document: OpenApiDocument;
  /** Redocly's view of the root file, for locating pointers and linting. */
  redocly: Document;
  /** The resolver the references were read through: what it read, and where each node came from. */
  resolver: SpecResolver;
  /** Set when `document` was converted from Swagger 2.0: pointers then no longer match the file. */
  converted?: boolean;
  /** The overlays applied to the file's document before anything else read it, in order. */
  overlays: AppliedOverlay[];
  /** The nodes the overlays wrote, so problems in them are located in the overlay (see overlay-provenance.ts). */
  overlayWrites: OverlayWrite[];
}

/** Whether the document says it is Swagger 2.0 or OpenAPI 3.0.x or 3.1.x. */
function supportedVersion({ openapi, swagger }: OpenApiDocument): boolean {
  return swagger !== undefined ? swagger === '2.0' && openapi === undefined : typeof openapi === 'string' && /^3\.[01]\.\d+$/.test(openapi);
}

/** The version check, before anything that only understands supported versions looks at the document. */
function checkVersion(parsed: OpenApiDocument, source: Source, file: string): void {
  const { openapi, swagger } = parsed;
  if (openapi === undefined && swagger === undefined && parsed.overlay !== undefined) {
    const message = 'this is an Overlay document, not a spec: pass it with --overlay, or name it <spec name>.overlay.yaml beside its spec';
    throw new SpecError([{ code: 'version', message, file, pointer: '', line: 1, column: 1 }]);
  }
  if (supportedVersion(parsed)) return;
  const where = swagger !== undefined ? '/swagger' : openapi !== undefined ? '/openapi' : '';
  // No version, info or paths: most likely parts that specs reference, put where specs are looked for.
  const fragment = openapi === undefined && swagger === undefined && parsed.paths === undefined && parsed.info === undefined;
  const message =
    swagger !== undefined
      ? `unsupported "swagger" version ${JSON.stringify(swagger)}; expected "2.0"`
      : fragment
        ? 'no "openapi" version, and no info or paths: if this file holds parts that specs reference, put it in a directory of its own (specs/<name>/), not beside the specs'
        : `unsupported or missing "openapi" version ${JSON.stringify(openapi ?? null)}; expected a string 3.0.x or 3.1.x (or swagger: "2.0")`;
  const at = where === '' ? { line: 1, column: 1 } : locateIn(source, where);
  throw new SpecError([{ code: 'version', message, file, pointer: where, ...at }]);
}

async function bundle(redocly: Document, resolver: SpecResolver, file: string): Promise<OpenApiDocument> {
  const config = await createConfig({ extends: [] });
  let bundled: Awaited<ReturnType<typeof bundleDocument>>;
  try {
    bundled = await bundleDocument({ document: redocly, config: config.styleguide, externalRefResolver: resolver, dereference: false });
  } catch (err) {
    // A chain of references through other files that never reaches a value: each $ref on it, located.
    // A reference back into the root file reads it again through the resolver: it is scanned once.
    const others = resolver.documents.filter((d) => d.source.absoluteRef !== redocly.source.absoluteRef);
    const cycles = crossFileCycles([redocly, ...others], resolver);
    if (cycles.length > 0)
      throw new SpecError(
        cycles.map(({ document, pointer }) => refCycleIssue(document === redocly ? file : shownFile(document.source.absoluteRef), document.source, pointer)),
      );
    // Redocly throws for what it cannot walk at all; that is the spec's problem, not a bug.
    throw new SpecError([{ code: 'bundle', message: (err as Error).message, file, pointer: '', line: 1, column: 1 }]);
  }
  const unresolved = bundled.problems.filter((p) => p.ruleId === 'bundler' || p.ruleId === 'no-unresolved-refs');
  if (unresolved.length > 0) {
    const deep = new Set<string>();
    throw new SpecError(
      unresolved.flatMap((p): SpecIssue[] => {
        // A referenced file that nests too deep is one problem at its deepest node, not a parse
        // failure and again an unresolved reference to it.
        const tooDeep = resolver.tooDeepAt(p.message);
        if (tooDeep !== undefined) {
          if (deep.has(tooDeep.file)) return [];
          deep.add(tooDeep.file);
          return [
            {
              code: 'too-deep',
              message: TOO_DEEP_MESSAGE,
              file: shownFile(tooDeep.file),
              pointer: tooDeep.pointer,
              line: tooDeep.line,
              column: tooDeep.column,
            },
          ];
        }
        const loc = p.location[0];
        const where = loc ? getLineColLocation(loc).start : undefined;
        const pointer = loc?.pointer?.replace(/^#/, '') ?? '';
        return [
          {
            code: resolver.refusalCode(p.message) ?? 'unresolved-ref',
            message: loc?.source === redocly.source ? unresolvedRefMessage(redocly.parsed, pointer, p.message) : p.message,
            file: loc ? shownFile(loc.source.absoluteRef) || file : file,
            pointer,
            line: where?.line,
            column: where?.col,
          },
        ];
      }),
    );
  }
  return bundled.bundle.parsed as OpenApiDocument;
}

/** A `$ref` on a chain of references that leads back onto itself. */
function refCycleIssue(file: string, source: Source, pointer: string): SpecIssue {
  return { code: 'ref-cycle', message: 'this $ref leads back to itself and names no schema', file, pointer, ...locateIn(source, pointer) };
}

/** Throws a located {@link SpecError} when the document nests deeper than every stage can follow. */
function checkNesting(document: unknown, source: Source, file: string): void {
  const deep = findTooDeep(document);
  if (deep === undefined) return;
  throw new SpecError([
    {
      code: 'too-deep',
      message: TOO_DEEP_MESSAGE,
      file,
      pointer: deep.pointer,
      ...locateIn(source, deep.pointer),
    },
  ]);
}

/**
 * Reads, parses and bundles one spec. Throws {@link SpecError} on anything unreadable, and on
 * references that leave the allowed directory or name a URL when remote references are not allowed.
 */
export async function loadSpec(file: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const absolute = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = await readInput(absolute, MAX_SPEC_BYTES);
  } catch (err) {
    throw new SpecError([{ code: 'read', message: `cannot read the file: ${readFailure(err)}`, file, pointer: '' }]);
  }
  const text = bytes.toString('utf8');
  const parsed = parseText(text, file, bytes);
  const source = new Source(absolute, text);
  // Before anything that recurses over the document, this function's own walkers and JSONPath included.
  checkNesting(parsed, source, file);
  // Before validation, so every later stage (and every command) sees the overlaid document.
  const versionBefore = supportedVersion(parsed);
  const { overlays, writes: overlayWrites } = await applyOverlays(parsed, file, options.overlays ?? []);
  // An overlay may mend a vendor's version; one that breaks a good one is what the problem names.
  if (versionBefore && !supportedVersion(parsed) && overlays.length > 0) {
    const names = overlays.map((o) => o.file).join(', ');
    const message = `the overlays (${names}) leave the document without a supported version: an action removed or changed "openapi" (or "swagger")`;
    throw new SpecError([{ code: 'version', message, file: overlays.at(-1)?.file ?? file, pointer: '/actions', line: 1, column: 1 }]);
  }
  checkVersion(parsed, source, file);
  if (overlays.length > 0) checkNesting(parsed, source, file);
  // Examples first: a `$ref` key inside one is data, neither a cycle nor a file to bundle.
  hideExampleRefs(parsed);
  const { cycles, hasExternal } = scanRefs(parsed);
  if (cycles.length > 0) {
    throw new SpecError(cycles.map((pointer) => refCycleIssue(file, source, pointer)));
  }
  const redocly: Document = { source, parsed };
  const rootDir = path.resolve(options.refRoot ?? path.dirname(absolute));
  const resolver = new SpecResolver({
    root: await realpath(rootDir).catch(() => rootDir),
    allowRemote: options.allowRemoteRefs === true,
    remoteLimits: { ...DEFAULT_REMOTE_LIMITS, ...options.remoteLimits },
    onFile: options.onReference,
  });
  // Bundling inlines external files; a self-contained document (the common case, and every large
  // published spec) has nothing to inline, and internal references are checked by validation.
  const document = hasExternal ? await bundle(redocly, resolver, file) : parsed;
  // Files each within the limit can nest past it together.
  if (hasExternal) checkNesting(document, source, file);
  return {
    file,
    sha256: inputsSha256(bytes, rootDir, resolver.read),
    document,
    redocly,
    resolver,
    overlays,
    overlayWrites,
  };
}

/**
 * The hash of what the spec is made of: its own bytes, then each referenced file's path (relative to
 * the reference root, so a moved checkout hashes the same) and text, in path order. A spec that
 * references nothing hashes as its bytes alone, as manifests have always recorded it.
 */
function inputsSha256(bytes: Buffer, rootDir: string, referenced: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256').update(bytes);
  const files = [...referenced].map(([ref, text]) => [/^https?:/i.test(ref) ? ref : path.relative(rootDir, ref).split(path.sep).join('/'), text] as const);
  for (const [name, text] of files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) hash.update(`\0${name}\0`).update(text);
  return hash.digest('hex');
}

/** Applies the overlay beside the spec, then the given ones, in order; returns what was applied. */
async function applyOverlays(
  document: OpenApiDocument,
  file: string,
  given: readonly string[],
): Promise<{ overlays: AppliedOverlay[]; writes: OverlayWrite[] }> {
  const beside = await siblingOverlay(file);
  // Naming the overlay beside the spec again on the command line does not apply it twice.
  const files = beside === undefined ? given : [beside, ...given.filter((f) => path.resolve(f) !== path.resolve(beside))];
  const applied: AppliedOverlay[] = [];
  const writes: OverlayWrite[] = [];
  const budget = { nodes: MAX_OVERLAY_NODES };
  for (const overlayFile of files) {
    const overlay = await readOverlay(overlayFile);
    writes.push(...applyOverlay(document, overlay, file, budget));
    applied.push({ file: overlay.file, absolute: overlay.absolute, sha256: overlay.sha256 });
  }
  return { overlays: applied, writes };
}
