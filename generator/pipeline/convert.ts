/**
 * Convert: a Swagger 2.0 document becomes OpenAPI 3.0 (with swagger2openapi) after it has been
 * validated as Swagger 2.0, so every problem is still reported against the file the user wrote.
 */
import { SpecError } from '../issues.js';
import { isObject, type OpenApiDocument } from '../json.js';
import type { LoadedSpec } from './load.js';

/** Whether the document is Swagger 2.0. */
export function isSwagger2(document: OpenApiDocument): boolean {
  return document.swagger === '2.0';
}

/** The spec with an OpenAPI 3 document; an OpenAPI 3 spec is returned as it is. */
export async function convertSpec(spec: LoadedSpec): Promise<LoadedSpec> {
  if (!isSwagger2(spec.document)) return spec;
  try {
    // patch: repair the small mistakes real Swagger files carry instead of refusing them.
    // Loaded only for Swagger input: most runs never need it.
    const { default: converter } = await import('swagger2openapi');
    const { openapi } = await converter.convertObj(structuredClone(spec.document) as never, { patch: true, warnOnly: true, direct: false });
    const document = openapi as unknown as OpenApiDocument;
    moveSchemaMarks(document);
    return { ...spec, document, converted: true };
  } catch (err) {
    throw new SpecError([{ code: 'swagger2-conversion', message: `cannot convert from Swagger 2.0: ${(err as Error).message}`, file: spec.file, pointer: '' }]);
  }
}

/**
 * Extensions that mark a value's schema, which a Swagger 2.0 parameter other than `body` carries on
 * itself (its type is written inline). swagger2openapi builds the parameter's `schema` from the
 * inline keywords but leaves every `x-` key on the parameter, where nothing reads a schema mark.
 */
const SCHEMA_MARKS = ['x-tokenkit-time'] as const;

/** Moves each {@link SCHEMA_MARKS} key of a converted parameter into its schema (one it lacks). */
function moveSchemaMarks(document: OpenApiDocument): void {
  const components = isObject(document.components) && isObject(document.components.parameters) ? document.components.parameters : {};
  const lists: unknown[] = [Object.values(components)];
  for (const item of Object.values(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue;
    lists.push(item.parameters);
    for (const operation of Object.values(item)) if (isObject(operation)) lists.push(operation.parameters);
  }
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const parameter of list) {
      if (!isObject(parameter) || !isObject(parameter.schema)) continue;
      for (const mark of SCHEMA_MARKS) {
        if (!(mark in parameter) || mark in parameter.schema) continue;
        parameter.schema[mark] = parameter[mark];
        Reflect.deleteProperty(parameter, mark);
      }
    }
  }
}
