/**
 * Small documents whose schemas fan out layer by layer: `layers` layers of `fanOut` schemas, each
 * reaching every schema of the next layer. A walk that does not share work between the paths to a
 * schema does fanOut^layers work on a spec of a few kilobytes. Two shapes:
 *
 * - `allOf`: each schema is `allOf` of every schema of the next layer, plus a property of its own;
 * - `properties`: each schema has `fanOut` required properties, each a `$ref` to a next-layer schema.
 *
 * Used by the tests at small sizes; to measure one by hand:
 * `node --import tsx scripts/hostile-layers.ts allOf 8 8 > spec.json`.
 */
import path from 'node:path';

/** Which way a schema reaches the next layer. */
export type LayerShape = 'allOf' | 'properties';

const ref = (layer: number, index: number) => ({ $ref: `#/components/schemas/L${layer}S${index}` });

function layerSchema(shape: LayerShape, fanOut: number, layer: number, last: boolean): unknown {
  const own = { [`own${layer}`]: { type: 'string' } };
  if (last) return { type: 'object', required: Object.keys(own), properties: own };
  const next = Array.from({ length: fanOut }, (_, i) => ref(layer + 1, i));
  if (shape === 'allOf') return { allOf: next, type: 'object', required: Object.keys(own), properties: own };
  const properties = Object.fromEntries(next.map((r, i) => [`p${i}`, r]));
  return { type: 'object', required: Object.keys(properties), properties };
}

/** An OpenAPI document of `layers` layers of `fanOut` schemas, one operation taking and returning the first. */
export function layeredSpec(shape: LayerShape, fanOut: number, layers: number): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (let layer = 0; layer < layers; layer++)
    for (let i = 0; i < fanOut; i++) schemas[`L${layer}S${i}`] = layerSchema(shape, fanOut, layer, layer === layers - 1);
  const content = { 'application/json': { schema: ref(0, 0) } };
  return {
    openapi: '3.1.0',
    info: { title: `Layers ${shape} ${fanOut}x${layers}`, version: '1' },
    paths: {
      '/things': { post: { operationId: 'createThing', requestBody: { required: true, content }, responses: { '200': { description: 'ok', content } } } },
    },
    components: { schemas },
  };
}

function main(args: string[]): void {
  const [shape, fanOut, layers] = args;
  if ((shape !== 'allOf' && shape !== 'properties') || !Number(fanOut) || !Number(layers)) {
    process.stderr.write('usage: hostile-layers.ts allOf|properties FAN_OUT LAYERS > spec.json\n');
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`${JSON.stringify(layeredSpec(shape, Number(fanOut), Number(layers)), null, 1)}\n`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) main(process.argv.slice(2));
