/**
 * Where a problem is written. Problems are found in the bundled document (and tokenkit's own checks
 * in the OpenAPI 3 document converted from Swagger 2.0); the user wrote neither. A place is the file
 * that holds the node (the root spec, or a file its references read), the pointer in that file, and
 * the line and column there.
 */
import { pointer as joinPointer, pointerTokens } from '../issues.js';
import type { OpenApiDocument } from '../json.js';
import type { LoadedSpec } from './load.js';
import { locateIn, shownFile } from './locate.js';
import type { NodeOrigin } from './ref-origins.js';
import { swaggerTokens } from './swagger-pointer.js';

/** A file, a JSON pointer into it, and its line and column when worked out. */
export interface Place {
  file: string;
  pointer: string;
  line?: number;
  column?: number;
}

/** How to place a pointer. */
export interface PlaceOptions {
  /** Locate the key rather than its value. */
  reportOnKey?: boolean;
  /** Work out line and column (on a large root spec that parses the whole file again). */
  withLine?: boolean;
  /** The pointer is into this document converted from the spec's Swagger 2.0 one. */
  converted?: OpenApiDocument;
}

/** Where the node at `at` in the loaded (bundled) document, or in `converted`, is written. */
export function placeOf(spec: LoadedSpec, at: string, options: PlaceOptions = {}): Place {
  const { reportOnKey = false, withLine = true, converted } = options;
  const written = converted === undefined ? at : joinPointer(...swaggerTokens(spec.document, converted, pointerTokens(at)));
  const found = originOf(spec, written);
  if (found === undefined) return { file: spec.file, pointer: written, ...(withLine ? locateIn(spec.redocly.source, written, reportOnKey) : {}) };
  const { origin, rest } = found;
  const inFile = origin.pointer + joinPointer(...rest);
  return { file: shownFile(origin.source.absoluteRef), pointer: inFile, ...(withLine ? locateIn(origin.source, inFile, reportOnKey) : {}) };
}

/** The deepest node on the pointer's path that a referenced file holds, and the tokens below it. */
function originOf(spec: LoadedSpec, at: string): { origin: NodeOrigin; rest: string[] } | undefined {
  // Only a bundled document holds other files' nodes.
  if (spec.resolver.read.size === 0) return undefined;
  const tokens = pointerTokens(at);
  let node: unknown = spec.document;
  let found: { origin: NodeOrigin; rest: string[] } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, token)) break;
    node = (node as Record<string, unknown>)[token];
    const origin = typeof node === 'object' && node !== null ? spec.resolver.origins.get(node) : undefined;
    if (origin !== undefined) found = { origin, rest: tokens.slice(i + 1) };
  }
  return found;
}
