/** Parsing a spec's text into data, every failure located by line and column. */
import { isAlias, isScalar, LineCounter, parseDocument, Scalar, visit, type Document as YamlDocument, type YAMLError } from 'yaml';
import { formatIssue, SpecError, type SpecIssue } from '../issues.js';
import { jsonPointerAt, yamlPointerAt } from './parse-pointer.js';
import { findDuplicateKey, mayRepeatKeys } from './json-duplicates.js';
import type { OpenApiDocument } from '../json.js';

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Where JSON.parse gave up: its own position when it says, else the first character no JSON text may hold there. */
function jsonErrorOffset(text: string, message: string): number | undefined {
  const at = /position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  // V8 sometimes quotes the offending token instead of giving a position.
  const token = /Unexpected token '(.)'/.exec(message)?.[1];
  if (token === undefined) return undefined;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === token) return i;
  }
  return undefined;
}

function firstAliasPosition(doc: YamlDocument, counter: LineCounter): { line: number; column: number } | undefined {
  let found: { line: number; column: number } | undefined;
  visit(doc, (_key, node) => {
    if (isAlias(node) && node.range && (found === undefined || node.resolve(doc) === undefined)) {
      const pos = counter.linePos(node.range[0]);
      found = { line: pos.line, column: pos.col };
      if (node.resolve(doc) === undefined) return visit.BREAK;
    }
    return undefined;
  });
  return found;
}

/**
 * Where a YAML error starts. The parser reports an unterminated quoted string where the file ends
 * (the string swallowed everything after it); the writer needs the opening quote, which is the start
 * of the quoted scalar ending exactly at the reported offset.
 */
function yamlErrorPosition(
  doc: YamlDocument,
  counter: LineCounter,
  error: YAMLError,
): { line: number; column: number; offset: number; note?: string } | undefined {
  const quote = /^Missing closing (["'])quote/.exec(error.message)?.[1];
  if (error.code === 'MISSING_CHAR' && quote !== undefined) {
    const type = quote === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    let start: number | undefined;
    visit(doc, (_key, node) => {
      if (isScalar(node) && node.type === type && node.range?.[1] === error.pos[0]) {
        start = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    });
    if (start !== undefined) {
      const pos = counter.linePos(start);
      return { line: pos.line, column: pos.col, offset: start, note: ': the string opened here is never closed' };
    }
  }
  const pos = error.linePos?.[0];
  return pos === undefined ? undefined : { line: pos.line, column: pos.col, offset: error.pos[0] };
}

function issueAt(file: string, message: string, line = 1, column = 1, at = ''): SpecIssue {
  return { code: 'parse', message, file, pointer: at, line, column };
}

/** Parses JSON or YAML text into an object; throws a located {@link SpecError} otherwise. */
export function parseText(text: string, file: string, utf8?: Uint8Array): OpenApiDocument {
  const value = parseValue(text, file, utf8);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SpecError([issueAt(file, `the document is ${Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`}, not an object`)]);
  }
  return value as OpenApiDocument;
}

/**
 * Parses JSON or YAML text into any value (a referenced file may hold a list or a string), with the
 * root file's limits: YAML aliases expand at most 1000 nodes. Throws a located {@link SpecError}.
 */
export function parseValue(text: string, file: string, utf8?: Uint8Array): unknown {
  const issue = (message: string, line = 1, column = 1, at = ''): SpecIssue => issueAt(file, message, line, column, at);
  if (text.trim() === '') throw new SpecError([issue('the file is empty')]);
  let value: unknown;
  if (/\.json$/i.test(file) || /^\s*[{[]/.test(text)) {
    try {
      value = JSON.parse(text);
    } catch (err) {
      const message = (err as Error).message;
      const offset = jsonErrorOffset(text, message);
      const where = offset === undefined ? undefined : lineColumnAt(text, offset);
      const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/^(Unexpected token '.'),.*$/s, '$1');
      throw new SpecError([issue(`invalid JSON: ${reason}`, where?.line, where?.column, offset === undefined ? '' : jsonPointerAt(text, offset))]);
    }
    const bytes = utf8 ?? Buffer.from(text, 'utf8');
    const duplicate = mayRepeatKeys(value, bytes) ? findDuplicateKey(text, bytes) : undefined;
    if (duplicate) {
      const where = lineColumnAt(text, duplicate.offset);
      throw new SpecError([
        issue(
          `invalid JSON: the key ${JSON.stringify(duplicate.key)} appears twice in one object; keys must be unique`,
          where.line,
          where.column,
          jsonPointerAt(text, duplicate.offset),
        ),
      ]);
    }
  } else {
    const counter = new LineCounter();
    // toJS warns of a collection used as a key through process.emitWarning, which prints the key raw
    // on stderr, past output.ts; the key is made a string either way.
    const doc = parseDocument(text, { uniqueKeys: true, lineCounter: counter, logLevel: 'error' });
    if (doc.errors.length > 0) {
      // The text before the first error is valid YAML, so the keys leading to it are the file's own;
      // after it the parser has recovered as best it could, and a pointer there could mislead.
      const first = Math.min(...doc.errors.map((e) => e.pos[0]));
      const issues = doc.errors.map((e) => {
        const reason = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
        // The parser recurses per level and reports its own stack overflow as an error at that point.
        const said = /Maximum call stack size exceeded/.test(reason) ? 'nested too deeply to parse' : reason;
        const where = yamlErrorPosition(doc, counter, e);
        const at = where !== undefined && e.pos[0] === first ? yamlPointerAt(doc, where.offset) : '';
        return issue(`invalid YAML: ${said}${where?.note ?? ''}`, where?.line, where?.column, at);
      });
      // The parser may report one mistake twice (a bad indentation, from two of its passes).
      const seen = new Set<string>();
      throw new SpecError(issues.filter((i) => !seen.has(formatIssue(i)) && seen.add(formatIssue(i))));
    }
    if (doc.contents === null) throw new SpecError([issue('the file is empty (it holds only comments)')]);
    // YAML writes infinity and NaN (`.inf`, `.nan`); JSON, and so OpenAPI, has no such numbers: in a
    // type they would be names, not values, and in docs and snapshots they would read as null.
    const nonFinite: SpecIssue[] = [];
    visit(doc, {
      Scalar(_key, node) {
        if (typeof node.value !== 'number' || Number.isFinite(node.value) || node.range === undefined || node.range === null) return;
        const { line, col } = counter.linePos(node.range[0]);
        const written = text.slice(node.range[0], node.range[1]).trim();
        nonFinite.push(
          issue(`${written} is not a number JSON can hold (OpenAPI values are JSON): write it as a string`, line, col, yamlPointerAt(doc, node.range[0])),
        );
      },
    });
    if (nonFinite.length > 0) throw new SpecError(nonFinite);
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      if (err instanceof RangeError) throw new SpecError([issue('invalid YAML: nested too deeply to parse')]);
      // Aliases are resolved only here: an undefined alias, or one that expands without bound.
      const pos = firstAliasPosition(doc, counter);
      throw new SpecError([issue(`invalid YAML: ${(err as Error).message}`, pos?.line, pos?.column)]);
    }
  }
  return value;
}
