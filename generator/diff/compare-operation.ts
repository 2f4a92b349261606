/**
 * Two versions of one operation compared: its method and path, parameters, request body, responses
 * (statuses, headers, media types and their schemas) and security requirements.
 */
import { isObject } from '../json.js';
import type { OperationSnapshot } from '../model/snapshot.js';
import { own, same, type Change, type ChangeClass } from './change.js';
import { compareSchemas, schemaState, type SchemaContext, type Side } from './compare-schemas.js';

/** Records a change of the operation being compared. */
type Report = (cls: ChangeClass, rule: string, message: string) => void;

/** The schema comparison context of the operation, before a location and direction are given. */
type OperationSchemas = Omit<SchemaContext, 'where' | 'direction'>;

function paramKey(p: { name: string; in: string }): string {
  return `${p.in} ${p.name}`;
}

/**
 * Parameters by location and name: one removed, or added as required, or become required breaks;
 * one become optional or added as optional does not. Kept ones have their schemas compared as requests.
 */
function compareParameters(report: Report, schemas: OperationSchemas, a: OperationSnapshot['parameters'], b: OperationSnapshot['parameters']): void {
  const paramsA = new Map(a.map((p) => [paramKey(p), p]));
  const paramsB = new Map(b.map((p) => [paramKey(p), p]));
  for (const [key, p] of paramsA) {
    const q = paramsB.get(key);
    if (!q) {
      report('breaking', 'parameter-removed', `${p.in} parameter \`${p.name}\` removed`);
      continue;
    }
    if (!p.required && q.required) report('breaking', 'parameter-became-required', `${p.in} parameter \`${p.name}\` became required`);
    if (p.required && !q.required) report('non-breaking', 'parameter-became-optional', `${p.in} parameter \`${p.name}\` became optional`);
    compareSchemas({ ...schemas, where: `${p.in} parameter \`${p.name}\``, direction: 'request' }, p.schema, q.schema);
  }
  for (const [key, q] of paramsB) {
    if (paramsA.has(key)) continue;
    if (q.required) report('breaking', 'parameter-added-required', `required ${q.in} parameter \`${q.name}\` added`);
    else report('non-breaking', 'parameter-added', `optional ${q.in} parameter \`${q.name}\` added`);
  }
}

/**
 * The request body: removed, added (breaking when required), become required, a media type removed;
 * the schemas of the media types both accept compared as requests.
 */
function compareRequestBody(report: Report, schemas: OperationSchemas, a: OperationSnapshot['requestBody'], b: OperationSnapshot['requestBody']): void {
  if (a && !b) report('breaking', 'request-body-removed', 'request body removed');
  else if (!a && b) report(b.required ? 'breaking' : 'non-breaking', 'request-body-added', `${b.required ? 'required' : 'optional'} request body added`);
  else if (a && b) {
    if (!a.required && b.required) report('breaking', 'request-body-became-required', 'request body became required');
    for (const [type, media] of Object.entries(a.content)) {
      const other = own(b.content, type);
      if (other === undefined) report('breaking', 'request-media-type-removed', `request media type ${type} removed`);
      else
        compareSchemas(
          { ...schemas, where: 'request body', direction: 'request' },
          isObject(media) ? media.schema : undefined,
          isObject(other) ? other.schema : undefined,
        );
    }
  }
}

/**
 * A response's headers by name, case-insensitively as on the wire: one removed breaks, one added
 * does not; the schemas of those kept are compared as responses.
 */
function compareResponseHeaders(report: Report, schemas: OperationSchemas, status: string, response: unknown, other: unknown): void {
  const ha = isObject(response) && isObject(response.headers) ? response.headers : {};
  const hb = isObject(other) && isObject(other.headers) ? other.headers : {};
  const lower = (headers: Record<string, unknown>) => new Set(Object.keys(headers).map((h) => h.toLowerCase()));
  const [namesA, namesB] = [lower(ha), lower(hb)];
  for (const name of Object.keys(ha).filter((h) => !namesB.has(h.toLowerCase())))
    report('breaking', 'response-header-removed', `${status} response header \`${name}\` removed`);
  for (const [name, header] of Object.entries(ha)) {
    const match = Object.keys(hb).find((h) => h.toLowerCase() === name.toLowerCase());
    if (match === undefined) continue;
    const kept = own(hb, match);
    const schemaOf = (h: unknown) => (isObject(h) ? h.schema : undefined);
    compareSchemas({ ...schemas, where: `${status} response header \`${name}\``, direction: 'response' }, schemaOf(header), schemaOf(kept));
  }
  for (const name of Object.keys(hb).filter((h) => !namesA.has(h.toLowerCase())))
    report('non-breaking', 'response-header-added', `${status} response header \`${name}\` added`);
}

/** A response's media types: one removed breaks; the schemas of those both send are compared as responses. */
function compareResponseContent(report: Report, schemas: OperationSchemas, status: string, response: unknown, other: unknown): void {
  const ca = isObject(response) && isObject(response.content) ? response.content : {};
  const cb = isObject(other) && isObject(other.content) ? other.content : {};
  for (const [type, media] of Object.entries(ca)) {
    const m = own(cb, type);
    if (m === undefined) report('breaking', 'response-media-type-removed', `${status} media type ${type} removed`);
    else
      compareSchemas(
        { ...schemas, where: `${status} response`, direction: 'response' },
        isObject(media) ? media.schema : undefined,
        isObject(m) ? m.schema : undefined,
      );
  }
}

/** The responses by status: one removed breaks, one added does not; kept ones have their headers and content compared. */
function compareResponses(report: Report, schemas: OperationSchemas, a: OperationSnapshot['responses'], b: OperationSnapshot['responses']): void {
  for (const [status, response] of Object.entries(a)) {
    const other = own(b, status);
    if (other === undefined) {
      report('breaking', 'response-status-removed', `response status ${status} removed`);
      continue;
    }
    compareResponseHeaders(report, schemas, status, response, other);
    compareResponseContent(report, schemas, status, response, other);
  }
  for (const status of Object.keys(b).filter((s) => !Object.hasOwn(a, s))) report('non-breaking', 'response-status-added', `response status ${status} added`);
}

/** Every change of operation `id` from `a` to `b`, appended to `out` in the order of the parts compared. */
export function compareOperation(old: Side, next: Side, id: string, a: OperationSnapshot, b: OperationSnapshot, out: Change[]): void {
  const schemas: OperationSchemas = { old, new: next, operation: id, out, ...schemaState() };
  const report: Report = (cls, rule, message) => out.push({ class: cls, rule, operation: id, message });
  if (a.method !== b.method || a.path !== b.path)
    report('breaking', 'operation-moved', `moved from ${a.method.toUpperCase()} ${a.path} to ${b.method.toUpperCase()} ${b.path}`);
  compareParameters(report, schemas, a.parameters, b.parameters);
  compareRequestBody(report, schemas, a.requestBody, b.requestBody);
  compareResponses(report, schemas, a.responses, b.responses);
  compareSecurity(report, a.security, b.security);
  comparePackageSurface(report, a, b);
}

/** A security requirement as a key: its schemes and their scopes, in no particular order. */
function requirementKey(requirement: unknown): string {
  if (!isObject(requirement)) return JSON.stringify(requirement);
  return JSON.stringify(
    Object.keys(requirement)
      .sort()
      .map((name) => [name, Array.isArray(requirement[name]) ? [...(requirement[name] as unknown[])].map(String).sort() : requirement[name]]),
  );
}

/**
 * Security requirements are alternatives: one removed breaks a client that used it, one added gives
 * another way in, and their order means nothing. A list replaced by none or by one (the document's)
 * is compared as its alternatives too.
 */
function compareSecurity(report: Report, a: unknown, b: unknown): void {
  if (same(a, b)) return;
  if (!Array.isArray(a) || !Array.isArray(b)) {
    report('breaking', 'security-changed', 'security requirements changed');
    return;
  }
  const before = new Set(a.map(requirementKey));
  const after = new Set(b.map(requirementKey));
  if ([...before].some((k) => !after.has(k))) report('breaking', 'security-changed', 'a security requirement was removed or changed');
  else if ([...after].some((k) => !before.has(k))) report('non-breaking', 'security-requirement-added', 'a security requirement was added');
}

/**
 * What the package makes of the operation beside the wire: the resource it is a method of (a new
 * first tag moves `client.items.get` to `client.things.get`), and its `…All` method, which a
 * pagination declaration adds. Snapshots of older versions record neither, and are not compared.
 */
function comparePackageSurface(report: Report, a: OperationSnapshot, b: OperationSnapshot): void {
  if (a.resource !== undefined && b.resource !== undefined && a.resource !== b.resource)
    report('breaking', 'operation-resource-changed', `moved from resource \`${a.resource}\` to \`${b.resource}\``);
  if (a.pagination === undefined || b.pagination === undefined) return;
  if (a.pagination !== null && b.pagination === null)
    report('breaking', 'pagination-removed', 'pagination removed, and with it the method that walks every page');
  else if (a.pagination === null && b.pagination !== null) report('non-breaking', 'pagination-added', 'pagination added: a method that walks every page');
  else if (!same(a.pagination, b.pagination)) report('breaking', 'pagination-changed', 'pagination declaration changed');
}
