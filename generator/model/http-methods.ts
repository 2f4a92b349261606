import { isObject, str, type JsonObject, type OpenApiDocument } from '../json.js';

/** The operation methods of a Path Item Object, in the order the OpenAPI specification lists them. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One operation of the document, where it sits, and the id tokenkit knows it by. */
export interface OperationEntry {
  route: string;
  item: JsonObject;
  method: (typeof HTTP_METHODS)[number];
  operation: JsonObject;
  /** The operationId, or `<method> <route>` for an operation without one. */
  operationId: string;
}

/** Every operation in document order: paths as listed, methods in the specification's order. */
export function* eachOperation(document: OpenApiDocument): Generator<OperationEntry> {
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [route, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) yield { route, item, method, operation, operationId: str(operation.operationId) ?? `${method} ${route}` };
    }
  }
}
