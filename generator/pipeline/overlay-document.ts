/**
 * Reading an OpenAPI Overlay 1.0 document: parsed under the same limits as a spec (YAML aliases,
 * duplicate keys, nesting) plus a size bound, and checked against the Overlay 1.0 structure, every
 * problem located in the overlay file. The actions' JSONPath targets are compiled here, so a target
 * that is not RFC 9535 JSONPath is a located problem before anything is applied.
 *
 * @see https://spec.openapis.org/overlay/v1.0.0.html
 */
import { createHash } from 'node:crypto';
import { InputRefused, readInput } from './read-input.js';
import { readFailure } from '../os-error.js';
import path from 'node:path';
import { Source } from '@redocly/openapi-core';
import { JSONPathEnvironment, JSONPathError, type JSONPathQuery } from 'json-p3';
import { pointer, SpecError, type SpecIssue } from '../issues.js';
import { isObject } from '../json.js';
import { locateIn } from './locate.js';
import { findTooDeep, MAX_NESTING } from './nesting.js';
import { parseText } from './parse.js';

/** The largest overlay file read: the bound a remote reference has too. */
export const MAX_OVERLAY_BYTES = 20 * 1024 * 1024;

/** The most actions one overlay may hold. */
export const MAX_OVERLAY_ACTIONS = 10_000;

/** One action, checked, with its target compiled. */
export interface OverlayAction {
  /** JSON pointer of the action in the overlay file, `/actions/<i>`. */
  pointer: string;
  /** The target as written. */
  target: string;
  query: JSONPathQuery;
  /** The value to merge or append; absent for a removal. */
  update?: unknown;
  remove: boolean;
}

/** An overlay read and checked, ready to apply. */
export interface OverlayDocument {
  /** The path as the user gave it (or relative to the working directory), for messages. */
  file: string;
  /** The absolute path, for the manifest and the watcher. */
  absolute: string;
  /** sha256 of the file's bytes. */
  sha256: string;
  /** The file's text, for locating pointers in it. */
  source: Source;
  actions: OverlayAction[];
}

// Strict RFC 9535; a descendant query on the deepest document accepted still fits under the bound.
const jsonpath = new JSONPathEnvironment({ strict: true, maxRecursionDepth: MAX_NESTING + 10 });
answerNonStringsAtOnce(jsonpath, 'match');
answerNonStringsAtOnce(jsonpath, 'search');

/**
 * `match()` and `search()` are false for a value that is not a string (RFC 9535, 2.4.6 and 2.4.7).
 * json-p3 gets there by calling `String.prototype.match` on it and catching the TypeError, so a
 * filter such as `search(@['$ref'], 'per-page$')` over parameters that have no `$ref` built an
 * exception, stack trace and all, per node: two thirds of applying GitHub's overlay. The answer is
 * the same, given before the call.
 */
function answerNonStringsAtOnce(environment: JSONPathEnvironment, name: string): void {
  const builtIn = environment.functionRegister.get(name);
  if (builtIn === undefined) return;
  environment.functionRegister.set(name, {
    argTypes: builtIn.argTypes,
    returnType: builtIn.returnType,
    call: (value: unknown, pattern: unknown) => typeof value === 'string' && builtIn.call(value, pattern),
  });
}

const ROOT_FIELDS = new Set(['overlay', 'info', 'extends', 'actions']);
const INFO_FIELDS = new Set(['title', 'version']);
const ACTION_FIELDS = new Set(['target', 'description', 'update', 'remove']);

/** Reads and checks one overlay; throws a {@link SpecError} located in the overlay file. */
export async function readOverlay(file: string): Promise<OverlayDocument> {
  const absolute = path.resolve(file);
  const issue = (code: string, message: string, at: string, source?: Source, reportOnKey = false): SpecIssue => ({
    code,
    message,
    file,
    pointer: at,
    ...(source ? locateIn(source, at, reportOnKey) : {}),
  });
  let bytes: Buffer;
  try {
    bytes = await readInput(absolute, MAX_OVERLAY_BYTES);
  } catch (err) {
    if (err instanceof InputRefused && err.reason === 'too-large')
      throw new SpecError([issue('overlay-too-large', `the overlay is too large: ${err.message}`, '')]);
    throw new SpecError([issue('read', `cannot read the overlay: ${readFailure(err)}`, '')]);
  }
  const text = bytes.toString('utf8');
  const parsed = parseText(text, file, bytes);
  const source = new Source(absolute, text);
  const deep = findTooDeep(parsed);
  if (deep !== undefined) throw new SpecError([issue('too-deep', `nests more than ${MAX_NESTING} levels deep`, deep.pointer, source)]);
  const problems: SpecIssue[] = [];
  const struct = (message: string, at: string, reportOnKey = false) => problems.push(issue('overlay-struct', message, at, source, reportOnKey));
  checkFields(parsed, '', ROOT_FIELDS, struct);
  const version = parsed.overlay;
  if (version === undefined) struct('the overlay has no "overlay" field; an Overlay 1.0 document starts with `overlay: 1.0.0`', '');
  else if (typeof version !== 'string' || !/^1\.0\.\d+$/.test(version))
    problems.push(issue('overlay-version', `unsupported "overlay" version ${JSON.stringify(version)}; expected a string 1.0.x`, '/overlay', source));
  checkInfo(parsed.info, struct);
  if (parsed.extends !== undefined && typeof parsed.extends !== 'string')
    struct('"extends" must be a string (the URL of the document this overlay is for)', '/extends');
  const actions: OverlayAction[] = [];
  const list = parsed.actions;
  if (list === undefined) struct('the overlay has no "actions" list', '');
  else if (!Array.isArray(list)) struct('"actions" must be a list of actions', '/actions');
  else if (list.length === 0) struct('"actions" must hold at least one action', '/actions');
  else if (list.length > MAX_OVERLAY_ACTIONS) struct(`"actions" holds ${list.length} actions, more than the limit of ${MAX_OVERLAY_ACTIONS}`, '/actions');
  else
    list.forEach((raw: unknown, i) => {
      const action = checkAction(raw, pointer('actions', i), struct, (message, at) => problems.push(issue('overlay-jsonpath', message, at, source)));
      if (action) actions.push(action);
    });
  if (problems.length > 0) throw new SpecError(problems);
  return { file, absolute, sha256: createHash('sha256').update(bytes).digest('hex'), source, actions };
}

type Report = (message: string, at: string, reportOnKey?: boolean) => void;

/** Fields outside the fixed ones are refused unless they are `x-` extensions, as the Overlay schema says. */
function checkFields(node: Record<string, unknown>, at: string, fixed: ReadonlySet<string>, report: Report): void {
  for (const key of Object.keys(node)) {
    if (!fixed.has(key) && !key.startsWith('x-'))
      report(`unknown field ${JSON.stringify(key)}; expected ${[...fixed].join(', ')} or an x- extension`, `${at}${pointer(key)}`, true);
  }
}

function checkInfo(info: unknown, report: Report): void {
  if (info === undefined) return report('the overlay has no "info" object (with a title and a version)', '');
  if (!isObject(info)) return report('"info" must be an object with a title and a version', '/info');
  checkFields(info, '/info', INFO_FIELDS, report);
  for (const field of ['title', 'version'] as const) {
    if (typeof info[field] !== 'string') report(`"info.${field}" is required and must be a string`, info[field] === undefined ? '/info' : `/info/${field}`);
  }
}

function checkAction(raw: unknown, at: string, report: Report, badPath: (message: string, at: string) => void): OverlayAction | undefined {
  if (!isObject(raw)) {
    report('an action must be an object with a target and either update or remove: true', at);
    return undefined;
  }
  checkFields(raw, at, ACTION_FIELDS, report);
  const { target, update, remove } = raw;
  if (raw.description !== undefined && typeof raw.description !== 'string') report('"description" must be a string', `${at}/description`);
  if (remove !== undefined && typeof remove !== 'boolean') report('"remove" must be true or false', `${at}/remove`);
  const removes = remove === true;
  const updates = Object.hasOwn(raw, 'update');
  if (removes && updates) report('the action has both "update" and "remove: true"; an action does one of them', at);
  if (!removes && !updates) report('the action has neither "update" nor "remove: true", so it would do nothing', at);
  let query: JSONPathQuery | undefined;
  if (target === undefined) report('the action has no "target" (a JSONPath such as $.paths[\'/items\'].get)', at);
  else if (typeof target !== 'string') report('"target" must be a JSONPath string', `${at}/target`);
  else if (!target.startsWith('$')) badPath(`the target ${JSON.stringify(target)} is not a JSONPath query: it must start with $`, `${at}/target`);
  else {
    try {
      query = jsonpath.compile(target);
    } catch (err) {
      if (!(err instanceof JSONPathError)) throw err;
      badPath(`the target ${JSON.stringify(target)} is not RFC 9535 JSONPath: ${err.message}`, `${at}/target`);
    }
  }
  if (query === undefined || typeof target !== 'string' || removes === updates) return undefined;
  return removes ? { pointer: at, target, query, remove: true } : { pointer: at, target, query, update, remove: false };
}
