/**
 * Redocly's lint without its reference pass, for a self-contained document. `lintDocument` first
 * walks the whole document to resolve every `$ref` (about a fifth of validating GitHub's spec, which
 * is 13 MB), then walks it again with the rules. When every reference is a plain pointer into the
 * same document that reaches a value directly, the answer of that first pass is known without it:
 * the value at the pointer. This module builds that map with Redocly's own pointer functions and
 * runs the rules' walk as `lintDocument` does; any other reference (to a file or URL, an anchor, a
 * chain through another `$ref`, a dangling one, an example's `externalValue`) leaves the whole job to
 * `lintDocument`, so its findings and messages stay Redocly's own.
 *
 * The steps mirror `lintDocument` of @redocly/openapi-core 1.34.6 (pinned exactly in package.json);
 * test/unit/lint-local-refs.test.ts compares both on every spec the tests hold.
 */
import {
  detectSpec,
  getMajorSpecVersion,
  getTypes,
  lintDocument,
  normalizeTypes,
  normalizeVisitors,
  walkDocument,
  type BaseResolver,
  type Document,
  type NormalizedProblem,
  type StyleguideConfig,
} from '@redocly/openapi-core';
import { initRules } from '@redocly/openapi-core/lib/config/rules.js';
import { escapePointer, joinPointer, parseRef } from '@redocly/openapi-core/lib/ref-utils.js';
import { makeRefId, type ResolvedRefMap } from '@redocly/openapi-core/lib/resolve.js';
import { releaseAjvInstance } from '@redocly/openapi-core/lib/rules/ajv.js';

/**
 * Every reference in `document` with what it resolves to, as Redocly's resolver records it; undefined
 * when one of them is not a plain pointer into the document reaching a value that is not a `$ref`.
 */
export function localRefMap(document: Document): ResolvedRefMap | undefined {
  const map: ResolvedRefMap = new Map();
  const root: unknown = document.parsed;
  const absoluteRef = document.source.absoluteRef;
  // Every object, as Redocly's resolver visits every object whatever its type; no recursion, since a
  // deep document must not exhaust the stack here.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node as unknown[]) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.externalValue === 'string') return undefined;
    // A discriminator's mapping values are references too (Redocly resolves them as `{ $ref: value }`).
    const refs = [record.$ref, ...mappingValues(record.discriminator)];
    for (const ref of refs) {
      if (typeof ref !== 'string' || map.has(makeRefId(absoluteRef, ref))) continue;
      const resolved = ref.startsWith('#/') ? resolveLocal(root, ref) : undefined;
      if (resolved === undefined) return undefined;
      map.set(makeRefId(absoluteRef, ref), { resolved: true, isRemote: false, document, node: resolved.node, nodePointer: resolved.nodePointer });
    }
    for (const key in record) {
      const child = record[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return map;
}

function mappingValues(discriminator: unknown): unknown[] {
  if (typeof discriminator !== 'object' || discriminator === null) return [];
  const mapping = (discriminator as { mapping?: unknown }).mapping;
  return typeof mapping === 'object' && mapping !== null ? Object.values(mapping) : [];
}

/** The value a `#/…` pointer names through own properties, with the pointer Redocly records for it. */
function resolveLocal(root: unknown, ref: string): { node: unknown; nodePointer: string } | undefined {
  let parsed: ReturnType<typeof parseRef>;
  try {
    parsed = parseRef(ref);
  } catch {
    // A malformed percent-escape: Redocly's resolver reports it.
    return undefined;
  }
  if (parsed.uri !== null) return undefined;
  let node = root;
  let nodePointer = '#/';
  for (const segment of parsed.pointer) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
    const next: unknown = (node as Record<string, unknown>)[segment];
    if (next === undefined) return undefined;
    node = next;
    nodePointer = joinPointer(nodePointer, escapePointer(segment));
  }
  if (typeof node === 'object' && node !== null && typeof (node as { $ref?: unknown }).$ref === 'string') return undefined;
  return { node, nodePointer };
}

/** `lintDocument`, skipping its reference pass when {@link localRefMap} answers it. */
export async function lintSelfContained(document: Document, config: StyleguideConfig, externalRefResolver: BaseResolver): Promise<NormalizedProblem[]> {
  const specVersion = detectSpec(document.parsed);
  const rules = config.getRulesForSpecVersion(getMajorSpecVersion(specVersion));
  // Preprocessors may change the document, after which Redocly resolves it again.
  const resolvedRefMap = initRules(rules, config, 'preprocessors', specVersion).length === 0 ? localRefMap(document) : undefined;
  if (resolvedRefMap === undefined) return lintDocument({ document, config, externalRefResolver });
  releaseAjvInstance();
  const types = normalizeTypes(config.extendTypes(getTypes(specVersion), specVersion), config);
  const rootType = types.Root;
  if (rootType === undefined) return lintDocument({ document, config, externalRefResolver });
  const ctx = { problems: [] as NormalizedProblem[], oasVersion: specVersion, visitorsData: {} };
  const normalizedVisitors = normalizeVisitors(initRules(rules, config, 'rules', specVersion), types);
  walkDocument({ document, rootType, normalizedVisitors, resolvedRefMap, ctx });
  return ctx.problems.map((problem) => config.addProblemToIgnore(problem));
}
