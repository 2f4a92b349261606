/**
 * Validate: Redocly's structural rules over the loaded document, reported as located issues. Only
 * problems that would make generation wrong are errors here (see classify-findings.ts); style is
 * `tokenkit lint`'s business.
 */
import { createConfig, getLineColLocation, type NormalizedProblem } from '@redocly/openapi-core';
import { SpecError, type SpecIssue } from '../issues.js';
import { isFatal } from './classify-findings.js';
import { hasPrototypeKeys, shadowPrototypeKeys, unshadow } from './prototype-keys.js';
import { restoreExampleRefs } from './example-refs.js';
import type { LoadedSpec } from './load.js';
import { lintSelfContained } from './lint-local-refs.js';
import { placeOf } from './spec-place.js';
import { shownFile } from './locate.js';
import { unresolvedRefMessage } from './unresolved-ref.js';
import { foldWrongKindRefs } from './ref-kinds.js';

/** The rules a spec must pass before generation. */
export const GENERATION_RULES = {
  struct: 'error',
  'no-unresolved-refs': 'error',
  'path-parameters-defined': 'error',
  'operation-parameters-unique': 'error',
  'no-identical-paths': 'warn',
  'no-path-trailing-slash': 'off',
  'spec-components-invalid-map-name': 'error',
} as const;

/**
 * Checks the document can be generated from; throws {@link SpecError} listing every problem (the
 * warnings too when `strict`, which makes them problems), returns the warnings. Warnings carry lines
 * only under `strict`, where they are printed as problems: on a large spec locating needs a syntax
 * tree of the file.
 */
export async function validateSpec(spec: LoadedSpec, options: { strict?: boolean } = {}): Promise<SpecIssue[]> {
  const strict = options.strict === true;
  const problems = await lintProblems(spec, GENERATION_RULES);
  const errors = problems.filter(isFatal);
  const warnings = problems.filter((p) => !isFatal(p)).map((p) => toIssue(spec, p, strict));
  if (errors.length > 0) throw new SpecError([...errors.map((p) => toIssue(spec, p, true)), ...(strict ? warnings : [])]);
  // Redocly is done with the document: examples get their `$ref` keys back for the stages that print them.
  restoreExampleRefs(spec.document);
  return warnings;
}

/** Runs Redocly rules (a rule map, or `recommended`) and returns their problems as issues. */
export async function lintIssues(
  spec: LoadedSpec,
  rules: Record<string, 'error' | 'warn' | 'off'> | 'recommended',
  includeWarnings = false,
): Promise<LintIssue[]> {
  const problems = await lintProblems(spec, rules);
  return problems.filter((p) => includeWarnings || p.severity === 'error').map((p) => ({ ...toIssue(spec, p, true), severity: p.severity }));
}

async function lintProblems(spec: LoadedSpec, rules: Record<string, 'error' | 'warn' | 'off'> | 'recommended'): Promise<NormalizedProblem[]> {
  const config = await createConfig(rules === 'recommended' ? { extends: ['recommended'] } : { extends: [], rules });
  if (!hasPrototypeKeys(spec.redocly.parsed)) {
    const problems = await lintSelfContained(spec.redocly, config.styleguide, spec.resolver);
    return foldWrongKindRefs(problems, spec.redocly, spec.resolver);
  }
  // Keys such as `valueOf` break Redocly's walker: it reads a copy with them renamed, and its pointers are mapped back.
  const document = { source: spec.redocly.source, parsed: shadowPrototypeKeys(spec.redocly.parsed) };
  const problems = await foldWrongKindRefs(await lintSelfContained(document, config.styleguide, spec.resolver), document, spec.resolver);
  return problems.map((p) => ({
    ...p,
    message: unshadow(p.message),
    location: p.location.map((loc) => (loc.pointer === undefined ? loc : { ...loc, pointer: unshadow(loc.pointer) })),
  }));
}

/** A lint finding: an issue with Redocly's severity. */
export type LintIssue = SpecIssue & { severity: string };

function pointerOf(problem: NormalizedProblem): string {
  return (problem.location[0]?.pointer ?? '').replace(/^#\/?$/, '').replace(/^#/, '');
}

// Lines are worked out only when asked: on a large spec Redocly builds a syntax tree of the whole file for it.
function toIssue(spec: LoadedSpec, problem: NormalizedProblem, withLine: boolean): SpecIssue {
  const loc = problem.location[0];
  if (!loc) return { code: problem.ruleId, message: problem.message, file: spec.file, pointer: '' };
  // One code for a reference that does not resolve, whether the bundler or the linter finds it.
  const code = problem.ruleId === 'no-unresolved-refs' ? 'unresolved-ref' : problem.ruleId;
  const pointer = pointerOf(problem);
  const message =
    code === 'unresolved-ref' && loc.source === spec.redocly.source ? unresolvedRefMessage(spec.redocly.parsed, pointer, problem.message) : problem.message;
  if (loc.source !== spec.redocly.source) {
    const issue: SpecIssue = { code, message, file: shownFile(loc.source.absoluteRef), pointer };
    if (!withLine) return issue;
    const start = getLineColLocation(loc).start;
    return { ...issue, line: start.line, column: start.col };
  }
  // The root's document is the bundled one: a node inlined from a referenced file is placed there.
  return { code, message, ...placeOf(spec, pointer, { reportOnKey: loc.reportOnKey === true, withLine }) };
}
