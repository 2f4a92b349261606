/**
 * The resolver Redocly reads referenced documents through. A spec is untrusted: its file references
 * stay inside one directory (the spec's, or a root the user names), judged by real path so `..`,
 * absolute paths and symbolic links cannot leave it; it names no URL tokenkit will fetch unless the
 * user allows remote references, and then each fetch is bounded. Referenced documents are parsed with
 * the root file's parser and limits (YAML aliases, nesting), not Redocly's own.
 */
import { realpath } from 'node:fs/promises';
import { MAX_SPEC_BYTES, readInput } from './read-input.js';
import { readFailure } from '../os-error.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseResolver, ResolveError, Source, YamlParseError, type Document } from '@redocly/openapi-core';
import { SpecError } from '../issues.js';
import { fetchBounded, FetchRefused, type RemoteLimits } from './fetch-bounded.js';
import { findTooDeep, MAX_NESTING } from './nesting.js';
import { parseValue } from './parse.js';
import { locateIn, shownFile } from './locate.js';
import { NodeOrigins } from './ref-origins.js';

/** What references may reach. */
export interface RefPolicy {
  /** Real path of the directory file references must stay inside. */
  root: string;
  /** Whether http(s) references are fetched at all. */
  allowRemote: boolean;
  remoteLimits: RemoteLimits;
  /** Told each file inside the root a reference names, before it is read (whether or not it exists). */
  onFile?: ((file: string) => void) | undefined;
}

/** Issue codes of references refused by policy, as opposed to ones that fail to resolve. */
export type RefusalCode = 'ref-outside-root' | 'ref-remote' | 'ref-fetch';

class RefusedRef extends ResolveError {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(new Error(message));
  }
}

function isUrl(ref: string): boolean {
  return ref.startsWith('http://') || ref.startsWith('https://');
}

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

function shown(file: string): string {
  return shownFile(file) || '.';
}

/** The real path of the longest existing prefix of `file`, with the rest appended as written. */
async function realpathAsFarAsItExists(file: string): Promise<string> {
  const rest: string[] = [];
  for (let at = path.resolve(file); ; at = path.dirname(at)) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined) return path.join(real, ...rest);
    if (path.dirname(at) === at) return path.resolve(file);
    rest.unshift(path.basename(at));
  }
}

/** Where a referenced file nests too deep: the file (absolute), and the pointer, line and column in it. */
export interface TooDeepFile {
  file: string;
  pointer: string;
  line: number | undefined;
  column: number | undefined;
}

/** A Redocly resolver that enforces a {@link RefPolicy}. */
export class SpecResolver extends BaseResolver {
  private readonly refusals = new Map<string, RefusalCode>();
  /** Every file or URL a reference was read from, with the text read. */
  readonly read = new Map<string, string>();
  /** Referenced files that nest too deep, by the message their parse failed with: where, in the file. */
  private readonly tooDeep = new Map<string, TooDeepFile>();
  /** Where each node of the referenced files was written, for locating problems found after bundling. */
  readonly origins = new NodeOrigins();
  /** `file:` URLs that documents fetched from a server reference: refused, never read. */
  private readonly fromRemote = new Set<string>();
  /** The referenced files parsed, in the order they were read. */
  readonly documents: Document[] = [];

  /** The place in a referenced file a too-deep problem's message stands for; undefined for other messages. */
  tooDeepAt(message: string): TooDeepFile | undefined {
    for (const [said, at] of this.tooDeep) if (message.includes(said)) return at;
    return undefined;
  }

  constructor(private readonly policy: RefPolicy) {
    super();
  }

  /** The code of a refusal this resolver made, found in a problem's message; undefined for other problems. */
  refusalCode(message: string): RefusalCode | undefined {
    for (const [said, code] of this.refusals) if (message.includes(said)) return code;
    return undefined;
  }

  private refuse(code: RefusalCode, message: string): RefusedRef {
    this.refusals.set(message, code);
    return new RefusedRef(code, message);
  }

  /**
   * A `file:` URL names a file by its absolute path: it is read as that path, under the same policy
   * as any other (Redocly would join it to the spec's directory as a relative path).
   */
  override resolveExternalRef(base: string | null, ref: string): string {
    // A document fetched from a server names no file on this machine: kept as written, and refused.
    if (/^file:/i.test(ref) && base !== null && isUrl(base)) {
      this.fromRemote.add(ref.replace(/#.*$/, ''));
      return ref.replace(/#.*$/, '');
    }
    if (/^file:/i.test(ref)) {
      try {
        return fileURLToPath(new URL(ref.replace(/#.*$/, '')));
      } catch {
        // One with a host, or malformed: kept as written, for loadExternalRef to refuse by name.
        return ref;
      }
    }
    return super.resolveExternalRef(base, ref);
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (this.fromRemote.has(absoluteRef))
      throw this.refuse('ref-outside-root', `${absoluteRef}: a document fetched from a server may not reference files on this machine`);
    if (/^file:/i.test(absoluteRef))
      throw new ResolveError(new Error(`${absoluteRef} names no file on this machine (a file: URL must be file:///absolute/path)`));
    if (isUrl(absoluteRef)) {
      if (!this.policy.allowRemote)
        throw this.refuse('ref-remote', `${absoluteRef} is a URL; tokenkit fetches what a spec names only with --allow-remote-refs`);
      try {
        const { body, mimeType } = await fetchBounded(absoluteRef, this.policy.remoteLimits);
        this.read.set(absoluteRef, body);
        return new Source(absoluteRef, body.replace(/\r\n/g, '\n'), mimeType);
      } catch (err) {
        if (err instanceof FetchRefused) throw this.refuse('ref-fetch', err.message);
        throw err;
      }
    }
    const { root } = this.policy;
    const outside = `references stay inside ${shown(root)} (the spec's directory, or --ref-root DIR)`;
    // A missing file outside the root is refused as outside too: its absence is not the problem.
    const real = await realpathAsFarAsItExists(absoluteRef);
    if (!inside(real, root)) {
      const via = real === path.resolve(absoluteRef) ? '' : ` (it resolves to ${real})`;
      throw this.refuse('ref-outside-root', `${shown(absoluteRef)}${via} is outside: ${outside}`);
    }
    this.policy.onFile?.(path.resolve(absoluteRef));
    let content: string;
    try {
      content = (await readInput(real, MAX_SPEC_BYTES)).toString('utf8');
    } catch (err) {
      // The file the reference names, in words: not fs's `ENOENT: …, stat '<path>'`.
      throw new ResolveError(new Error(`${shown(absoluteRef)}: ${readFailure(err)}`));
    }
    this.read.set(absoluteRef, content);
    return new Source(absoluteRef, content.replace(/\r\n/g, '\n'));
  }

  override parseDocument(source: Source, isRoot = false): Document {
    const ext = path.extname(source.absoluteRef.replace(/[?#].*$/, '')).toLowerCase();
    // As Redocly does: a file that is neither JSON nor YAML (an example's text) is kept as a string.
    if (!['.json', '.yml', '.yaml'].includes(ext) && !/(json|yaml|openapi)/.test(source.mimeType ?? '') && !isRoot) return { source, parsed: source.body };
    try {
      const parsed = parseValue(source.body, source.absoluteRef);
      const deep = findTooDeep(parsed);
      if (deep !== undefined) {
        const at = locateIn(source, deep.pointer);
        // The message names the file, not the pointer (which runs to kilobytes); the pointer is kept for the problem.
        const message = `${shown(source.absoluteRef)} nests more than ${MAX_NESTING} levels deep (counting through $refs)`;
        this.tooDeep.set(message, { file: source.absoluteRef, pointer: deep.pointer, line: at.line, column: at.column });
        throw located(source, message, at.line, at.column);
      }
      if (isRoot) return { source, parsed };
      this.origins.record(source, parsed);
      const document = { source, parsed };
      this.documents.push(document);
      return document;
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      const issue = err.issues[0];
      throw located(source, issue?.message ?? err.message, issue?.line, issue?.column);
    }
  }
}

/** A parse problem Redocly reports at its own line in the referenced file (and again at the `$ref`). */
function located(source: Source, message: string, line = 1, column = 1): YamlParseError {
  const error = new YamlParseError(new Error(message), source);
  error.line = line;
  error.col = column;
  return error;
}
