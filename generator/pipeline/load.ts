/**
 * Load: read a spec file once, parse it (JSON.parse for JSON, `yaml` for YAML), and bundle its
 * external `$ref`s with Redocly, which keeps line positions for every later error message.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BaseResolver, Source, bundleDocument, createConfig, getLineColLocation, type Document } from '@redocly/openapi-core';
import { parseDocument } from 'yaml';
import { SpecError, type SpecIssue } from '../issues.js';

/** An OpenAPI document as plain data. */
export type OpenApiDocument = Record<string, unknown>;

/** A spec read, parsed and bundled, ready for every later stage. */
export interface LoadedSpec {
  /** The path as the user gave it, for messages. */
  file: string;
  /** sha256 of the file's bytes. */
  sha256: string;
  /** The bundled document: external references inlined, internal ones kept. */
  document: OpenApiDocument;
  /** Redocly's view of the root file, for locating pointers and linting. */
  redocly: Document;
  resolver: BaseResolver;
}

/** Reads, parses and bundles one spec. Throws {@link SpecError} on anything unreadable. */
export async function loadSpec(file: string): Promise<LoadedSpec> {
  const absolute = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (err) {
    throw new SpecError([{ code: 'read', message: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, file, pointer: '' }]);
  }
  const text = bytes.toString('utf8');
  const parsed = parseText(text, file);
  const redocly: Document = { source: new Source(absolute, text), parsed };
  const resolver = new BaseResolver();
  const config = await createConfig({ extends: [] });
  const bundled = await bundleDocument({ document: redocly, config: config.styleguide, externalRefResolver: resolver, dereference: false });
  const unresolved = bundled.problems.filter((p) => p.ruleId === 'bundler' || p.ruleId === 'no-unresolved-refs');
  if (unresolved.length > 0) {
    throw new SpecError(
      unresolved.map((p) => {
        const loc = p.location[0];
        const where = loc ? getLineColLocation(loc).start : undefined;
        return {
          code: 'unresolved-ref',
          message: p.message,
          file: loc ? path.relative(process.cwd(), loc.source.absoluteRef) || file : file,
          pointer: loc?.pointer?.replace(/^#/, '') ?? '',
          line: where?.line,
          column: where?.col,
        };
      }),
    );
  }
  return {
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    document: bundled.bundle.parsed as OpenApiDocument,
    redocly,
    resolver,
  };
}

function parseText(text: string, file: string): OpenApiDocument {
  const issue = (message: string, line?: number, column?: number): SpecIssue => ({ code: 'parse', message, file, pointer: '', line, column });
  if (text.trim() === '') throw new SpecError([issue('the file is empty')]);
  let value: unknown;
  if (/\.json$/i.test(file) || /^\s*[{[]/.test(text)) {
    try {
      value = JSON.parse(text);
    } catch (err) {
      const message = (err as Error).message;
      const at = /position (\d+)/.exec(message);
      const { line, column } = at ? lineColumnAt(text, Number(at[1])) : { line: undefined, column: undefined };
      throw new SpecError([issue(`invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, line, column)]);
    }
  } else {
    const doc = parseDocument(text, { uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new SpecError(doc.errors.map((e) => issue(`invalid YAML: ${e.message.split('\n')[0]}`, e.linePos?.[0].line, e.linePos?.[0].col)));
    }
    value = doc.toJS({ maxAliasCount: 1000 });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SpecError([issue('the document is not an object')]);
  }
  return value as OpenApiDocument;
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
