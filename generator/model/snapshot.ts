/**
 * The model snapshot recorded in each package's manifest: the API surface a later regeneration
 * compares against to tell breaking changes from additions.
 */
import { createHash } from 'node:crypto';
import { isObject, type OpenApiDocument } from '../json.js';
import { normalizedOperations } from './normalize-operation.js';
import { pathResources, resourceKey } from './resource-groups.js';

/** One operation as the snapshot records it. */
export interface OperationSnapshot {
  method: string;
  path: string;
  summary: string | null;
  description: string | null;
  parameters: { name: string; in: string; required: boolean; description: string | null; schema: unknown }[];
  requestBody: { required: boolean; content: Record<string, unknown> } | null;
  responses: Record<string, unknown>;
  security: unknown;
  /**
   * What the package makes of it beside the wire: the resource it is a method of, and its
   * `x-tokenkit-pagination` declaration (the `…All` method), or null. Absent in manifests of older versions.
   */
  resource?: string;
  pagination?: unknown;
}

/** The whole surface: operations by id, and the component schemas they refer to. */
export interface ModelSnapshot {
  operations: Record<string, OperationSnapshot>;
  schemas: Record<string, unknown>;
  securitySchemes: Record<string, unknown>;
  /** What the README and docs print about the API as a whole (absent in manifests of older versions). */
  documentation?: { info: unknown; tags: unknown; servers: unknown; externalDocs: unknown };
  /**
   * sha256 of the document as data: equal for two files that differ only in comments, layout or
   * quoting, which change nothing generated (absent in manifests of older versions).
   */
  documentSha256?: string;
}

/** Takes the snapshot of a bundled document. */
export function snapshotModel(document: OpenApiDocument): ModelSnapshot {
  const operations: Record<string, OperationSnapshot> = {};
  const resourceOf = pathResources(isObject(document.paths) ? document.paths : {});
  for (const op of normalizedOperations(document)) {
    const body = op.requestBody;
    operations[op.operationId] = {
      method: op.method,
      path: op.route,
      summary: op.summary ?? null,
      description: op.description ?? null,
      // A parameter declared with `content` is recorded with its media type's schema, the one it is typed and sent by.
      parameters: op.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, description: p.description ?? null, schema: p.schema ?? null })),
      requestBody: body ? { required: body.required, content: body.content } : null,
      responses: Object.fromEntries(op.responses.map((r) => [r.status, r.declared])),
      security: op.security ?? null,
      resource: resourceKey(op.tags, op.route, resourceOf),
      pagination: op.pagination ?? null,
    };
  }
  const components = isObject(document.components) ? document.components : {};
  return {
    operations,
    schemas: isObject(components.schemas) ? components.schemas : {},
    securitySchemes: isObject(components.securitySchemes) ? components.securitySchemes : {},
    documentation: {
      info: document.info ?? null,
      tags: document.tags ?? null,
      servers: document.servers ?? null,
      externalDocs: document.externalDocs ?? null,
    },
    documentSha256: createHash('sha256').update(JSON.stringify(document)).digest('hex'),
  };
}

/** An operation as it is on the wire: without the resource and the pagination, which only the package makes of it. */
export function wireOperation(op: OperationSnapshot): Omit<OperationSnapshot, 'resource' | 'pagination'> {
  const { resource: _resource, pagination: _pagination, ...wire } = op;
  return wire;
}
