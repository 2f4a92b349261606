/**
 * Emit types: openapi-typescript turns the already-bundled document into `schema.ts`. It is handed
 * the parsed object, never the file, so the spec is read and parsed once per run.
 */
import { createConfig } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenApiDocument } from './load.js';

let quietConfig: ReturnType<typeof createConfig> | undefined;

/** The source of `src/schema.ts` (without the header). */
export async function emitTypes(document: OpenApiDocument): Promise<string> {
  // Our validate stage has already run every rule that matters; openapi-typescript's own lint would repeat it.
  quietConfig ??= createConfig({ extends: [], rules: {} });
  const nodes = await openapiTS(structuredClone(document) as never, { redocly: await quietConfig, silent: true });
  return astToString(nodes);
}
