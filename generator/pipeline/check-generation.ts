/**
 * tokenkit's own checks: what Redocly's rules cannot know but generation depends on. They run on the
 * OpenAPI 3 document (after a Swagger 2.0 conversion, so `securityDefinitions` are already
 * `components/securitySchemes`) and report every problem at once, located in the user's file.
 */
import { packageNameProblem } from '../package-name.js';
import { memberName } from '../escape/identifier.js';
import { pointer, type SpecIssue } from '../issues.js';
import { eachOperation } from '../model/http-methods.js';
import { normalizedOperations } from '../model/normalize-operation.js';
import { isObject, type JsonObject, type OpenApiDocument } from '../json.js';
import { deref } from '../model/resolve.js';
import { checkPagination } from './check-pagination.js';
import { ENV_EXTENSION, envOverride, envOverrideProblem } from '../model/credential-env.js';
import { checkTimeMarks } from './check-time.js';
import { serverUrlIssues } from './check-servers.js';
import { isLicenseExpression } from '../model/package-license.js';
import type { Place } from './spec-place.js';

/**
 * Where the node at a pointer into the checked document is written: the file (the spec, or a file its
 * references read), the pointer there (Swagger 2.0's, for a converted spec), and line and column.
 */
export type Locate = (pointer: string, reportOnKey?: boolean) => Place;

/**
 * Codes of the checks whose findings leave the output right, so they are warnings (errors under
 * `--strict`): a path parameter without `required: true` is sent as required all the same (the URL
 * has no place without it, and openapi-typescript types it so), as a Swagger 2.0 one is; a
 * parameter's `content` with more than its one media type is sent as the first says. A server
 * variable value that makes no URL fails only the calls that choose it, not the defaults; a header
 * name no header may have fails only the calls that send it.
 */
export const LENIENT_CHECKS: ReadonlySet<string> = new Set([
  'path-parameter-not-required',
  'parameter-content',
  'server-variable-value',
  'header-name',
  'security-unsupported',
  'server-credentials',
]);

/** What the checks need besides the document. */
export interface GenerationCheckInput {
  document: OpenApiDocument;
  locate: Locate;
  /** The npm name the caller chose (`--name`); the spec's `x-tokenkit.package` is then not used. */
  packageName?: string | undefined;
}

/** Every problem that would make the generated package wrong, in document order. */
export function checkGeneration({ document, locate, packageName }: GenerationCheckInput): SpecIssue[] {
  const located = (issue: Omit<SpecIssue, 'file'>, reportOnKey = false): SpecIssue => ({ ...issue, ...locate(issue.pointer, reportOnKey) });
  const issues: SpecIssue[] = [];
  const ext = isObject(document['x-tokenkit']) ? document['x-tokenkit'] : {};
  if (packageName === undefined && ext.package !== undefined) {
    const problem = specPackageNameProblem(ext.package);
    if (problem) issues.push(located({ code: 'package-name', message: problem, pointer: pointer('x-tokenkit', 'package') }));
  }
  if (ext.license !== undefined && (typeof ext.license !== 'string' || !isLicenseExpression(ext.license))) {
    const message = `x-tokenkit.license ${JSON.stringify(ext.license)} is not an SPDX license expression (such as "MIT" or "Apache-2.0 OR MIT") nor "UNLICENSED"`;
    issues.push(located({ code: 'package-license', message, pointer: pointer('x-tokenkit', 'license') }));
  }
  if (ext.client !== undefined && (typeof ext.client !== 'string' || !/[A-Za-z]/.test(ext.client))) {
    const message = `x-tokenkit.client ${JSON.stringify(ext.client)} is not a class name: give a string such as "AcmeClient"`;
    issues.push(located({ code: 'client-name', message, pointer: pointer('x-tokenkit', 'client') }));
  }
  issues.push(...serverUrlIssues(document).map((i) => located(i)));
  const schemeNames = new Set(Object.keys(securitySchemes(document)));
  const methods = new Map<string, string>();
  const seenSchemas = new Set<object>();
  // The operations as the model will read them, normalized once here and shared with it.
  const normalized = normalizedOperations(document);
  for (const [index, { route, item, method, operation, operationId }] of [...eachOperation(document)].entries()) {
    const methodName = normalized[index]?.methodName ?? memberName(operationId);
    const clash = methods.get(methodName.toLowerCase());
    if (clash !== undefined) {
      const where = pointer('paths', route, method, ...(operation.operationId === undefined ? [] : ['operationId']));
      issues.push(
        located(
          clash === operationId
            ? { code: 'duplicate-operation-id', message: `operationId "${operationId}" is used by another operation`, pointer: where }
            : { code: 'name-collision', message: `operation "${operationId}" becomes method ${methodName}, which "${clash}" already has`, pointer: where },
        ),
      );
      continue;
    }
    methods.set(methodName.toLowerCase(), operationId);
    issues.push(...unknownSchemes(schemeNames, operation.security, pointer('paths', route, method, 'security')).map((i) => located(i, true)));
    issues.push(...parameterFindings(document, item, operation, route, method).map((i) => located(i)));
    issues.push(...timeMarks(document, item, operation, route, method, seenSchemas).map((i) => located(i)));
    if (operation['x-tokenkit-pagination'] === undefined) continue;
    const base = pointer('paths', route, method, 'x-tokenkit-pagination');
    const op = normalized[index];
    const problem = op && checkPagination(document, op);
    if (problem) {
      issues.push(located({ code: 'pagination', message: problem.message, pointer: `${base}${problem.field ? pointer(problem.field) : ''}` }));
      continue;
    }
    const allName = `${methodName}All`;
    const taken = methods.get(allName.toLowerCase());
    if (taken !== undefined) {
      issues.push(located({ code: 'name-collision', message: `the paginated method ${allName} collides with operation "${taken}"`, pointer: base }));
    }
    methods.set(allName.toLowerCase(), operationId);
  }
  // A model no operation reaches has its marks checked too: a wrong one is a typo wherever it is.
  const components = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  for (const [name, schema] of Object.entries(components))
    issues.push(...checkTimeMarks(document, schema, pointer('components', 'schemas', name), seenSchemas).map((i) => located(i)));
  issues.push(...unknownSchemes(schemeNames, document.security, '/security').map((i) => located(i, true)));
  issues.push(...envOverrides(document).map((i) => located(i)));
  issues.push(...schemeHeaderNames(document).map((i) => located(i)));
  issues.push(...unsupportedSchemes(document).map((i) => located(i, true)));
  return issues;
}

/** Why the spec's `x-tokenkit.package` is not a name npm would accept for a new package, or undefined. */
function specPackageNameProblem(name: unknown): string | undefined {
  const problem = typeof name === 'string' ? packageNameProblem(name) : 'it is not a string';
  return problem === undefined ? undefined : `${JSON.stringify(name)} is not a valid npm package name: ${problem}`;
}

function securitySchemes(document: OpenApiDocument): JsonObject {
  const components = isObject(document.components) ? document.components : {};
  return isObject(components.securitySchemes) ? components.securitySchemes : {};
}

/**
 * Parameters OpenAPI calls invalid that are generated all the same: a path parameter not marked
 * `required: true` (sent as required), and a `content` map of more than the one media type allowed
 * (the first is used).
 */
function parameterFindings(document: OpenApiDocument, pathItem: JsonObject, operation: JsonObject, route: string, method: string): Omit<SpecIssue, 'file'>[] {
  const lists: [unknown, (string | number)[]][] = [
    [pathItem.parameters, ['paths', route, 'parameters']],
    [operation.parameters, ['paths', route, method, 'parameters']],
  ];
  return lists.flatMap(([list, base]) =>
    (Array.isArray(list) ? list : []).flatMap((raw: unknown, i) => {
      const param = deref(document, raw);
      const findings: Omit<SpecIssue, 'file'>[] = [];
      const inline = isObject(raw) && raw.$ref === undefined;
      if (param.in === 'path' && param.required !== true) {
        findings.push({
          code: 'path-parameter-not-required',
          message: `path parameter "${String(param.name)}" must have required: true; it is sent as required`,
          pointer: pointer(...base, i, ...(inline && 'required' in raw ? ['required'] : [])),
        });
      }
      if (param.in === 'header' && typeof param.name === 'string' && !HTTP_TOKEN.test(param.name))
        findings.push({ code: 'header-name', message: headerNameProblem(param.name), pointer: pointer(...base, i, ...(inline ? ['name'] : [])) });
      const types = isObject(param.content) ? Object.keys(param.content) : [];
      if (types.length > 1) {
        findings.push({
          code: 'parameter-content',
          message: `parameter "${String(param.name)}" declares ${types.length} media types in content, where OpenAPI allows one; the first, ${types[0] ?? ''}, is used`,
          pointer: pointer(...base, i, ...(inline ? ['content'] : [])),
        });
      }
      return findings;
    }),
  );
}

/** A header name as HTTP defines it (RFC 9110 §5.1): fetch refuses any other, on every call. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function headerNameProblem(name: string): string {
  return `header name ${JSON.stringify(name)} is not an HTTP token (letters, digits and !#$%&'*+-.^_\`|~ only): a call that sends it fails`;
}

/**
 * Security schemes whose credential the client cannot send (HTTP Digest or Negotiate, mutual TLS,
 * an unknown type): a call needing one goes without it, and the server will refuse it.
 */
function unsupportedSchemes(document: OpenApiDocument): Omit<SpecIssue, 'file'>[] {
  return Object.entries(securitySchemes(document)).flatMap(([name, raw]) => {
    const scheme = deref(document, raw);
    const http = scheme.type === 'http' && typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : undefined;
    const sent = ['apiKey', 'oauth2', 'openIdConnect'].includes(String(scheme.type)) || http === 'basic' || http === 'bearer';
    if (sent) return [];
    const kind = http === undefined ? `type ${JSON.stringify(scheme.type)}` : `HTTP ${JSON.stringify(scheme.scheme)}`;
    return [
      {
        code: 'security-unsupported',
        message: `security scheme "${name}" (${kind}) has no credential the client can send: calls that need it go without it; add it with middleware`,
        pointer: pointer('components', 'securitySchemes', name),
      },
    ];
  });
}

/** API key schemes sent in a header whose name no header may have. */
function schemeHeaderNames(document: OpenApiDocument): Omit<SpecIssue, 'file'>[] {
  return Object.entries(securitySchemes(document)).flatMap(([name, raw]) => {
    const scheme = deref(document, raw);
    if (scheme.type !== 'apiKey' || scheme.in !== 'header' || typeof scheme.name !== 'string' || HTTP_TOKEN.test(scheme.name)) return [];
    return [{ code: 'header-name', message: headerNameProblem(scheme.name), pointer: pointer('components', 'securitySchemes', name, 'name') }];
  });
}

/** Security schemes whose `x-tokenkit-env` is not a valid variable name (or pair), or repeats another's. */
function envOverrides(document: OpenApiDocument): Omit<SpecIssue, 'file'>[] {
  const issues: Omit<SpecIssue, 'file'>[] = [];
  const seen = new Map<string, string>();
  for (const [name, raw] of Object.entries(securitySchemes(document))) {
    const scheme = deref(document, raw);
    if (scheme[ENV_EXTENSION] === undefined) continue;
    const where = pointer('components', 'securitySchemes', name, ENV_EXTENSION);
    const basic = scheme.type === 'http' && typeof scheme.scheme === 'string' && scheme.scheme.toLowerCase() === 'basic';
    const problem = envOverrideProblem(scheme[ENV_EXTENSION], basic);
    if (problem) {
      issues.push({ code: 'security-env', message: problem, pointer: where });
      continue;
    }
    for (const variable of envOverride(scheme, basic) ?? []) {
      const other = seen.get(variable);
      if (other !== undefined)
        issues.push({ code: 'security-env', message: `${variable} is already the variable of security scheme "${other}"`, pointer: where });
      seen.set(variable, name);
    }
  }
  return issues;
}

/**
 * The `x-tokenkit-time` problems in the schemas of an operation's parameters, request body and
 * responses. The docs read the marks of requests; one in a response does nothing yet, and a wrong
 * one there is a typo all the same.
 */
function timeMarks(
  document: OpenApiDocument,
  pathItem: JsonObject,
  operation: JsonObject,
  route: string,
  method: string,
  seen: Set<object>,
): Omit<SpecIssue, 'file'>[] {
  const roots: [unknown, string][] = [];
  // Where a node is written: where its $ref points, or where it stands.
  const writtenAt = (raw: unknown, here: string) => (isObject(raw) && typeof raw.$ref === 'string' ? raw.$ref.slice(1) : here);
  // The schema of each media type of a request body or response.
  const contentRoots = (raw: unknown, here: string) => {
    const content = deref(document, raw).content;
    if (!isObject(content)) return;
    const at = writtenAt(raw, here);
    for (const [media, value] of Object.entries(content))
      roots.push([isObject(value) ? value.schema : undefined, `${at}${pointer('content', media, 'schema')}`]);
  };
  for (const [list, base] of [
    [pathItem.parameters, pointer('paths', route, 'parameters')],
    [operation.parameters, pointer('paths', route, method, 'parameters')],
  ] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw: unknown, i) => roots.push([deref(document, raw).schema, `${writtenAt(raw, `${base}/${i}`)}/schema`]));
  }
  contentRoots(operation.requestBody, pointer('paths', route, method, 'requestBody'));
  const responses = isObject(operation.responses) ? operation.responses : {};
  for (const [status, raw] of Object.entries(responses)) contentRoots(raw, pointer('paths', route, method, 'responses', status));
  return roots.flatMap(([schema, at]) => checkTimeMarks(document, schema, at, seen));
}

/** Requirements that name a scheme components/securitySchemes does not define. */
function unknownSchemes(known: ReadonlySet<string>, requirements: unknown, base: string): Omit<SpecIssue, 'file'>[] {
  if (!Array.isArray(requirements)) return [];
  return requirements.flatMap((req: unknown, i) =>
    Object.keys(isObject(req) ? req : {})
      .filter((name) => !known.has(name))
      .map((name) => ({
        code: 'unknown-security-scheme',
        message: `security scheme "${name}" is not defined in components/securitySchemes`,
        pointer: `${base}/${i}${pointer(name)}`,
      })),
  );
}
