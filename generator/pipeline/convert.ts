/**
 * Convert: a Swagger 2.0 document becomes OpenAPI 3.0 (with swagger2openapi) after it has been
 * validated as Swagger 2.0, so every problem is still reported against the file the user wrote.
 */
import { SpecError } from '../issues.js';
import type { OpenApiDocument } from '../json.js';
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
    return { ...spec, document: openapi as unknown as OpenApiDocument, converted: true };
  } catch (err) {
    throw new SpecError([{ code: 'swagger2-conversion', message: `cannot convert from Swagger 2.0: ${(err as Error).message}`, file: spec.file, pointer: '' }]);
  }
}
