/**
 * The manifest's layout: the same data as JSON.stringify writes, laid out as it lays out two-space
 * JSON, except that each operation and schema of a model snapshot (the package's own, and the
 * released one) is one line.
 */
import { describe, expect, it } from 'vitest';
import { manifestJson } from '../../generator/pipeline/manifest-json.js';

const model = {
  operations: { getThing: { method: 'get', path: '/things/{id}', parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }] } },
  schemas: { Thing: { type: 'object', properties: { id: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } }, Empty: {} },
  securitySchemes: {},
  documentSha256: 'abc',
};

const manifest = {
  generator: 'tokenkit',
  overlays: [{ path: 'a.overlay.yaml', sha256: '1' }],
  files: { 'src/index.ts': 'f00', 'README.md': 'ba4' },
  released: { version: '1.0.0', outputSha256: undefined, overlays: [], model: { ...model, operations: {} } },
  model,
};

describe('manifestJson', () => {
  it('holds exactly the data JSON.stringify would write', () => {
    expect(JSON.parse(manifestJson(manifest))).toEqual(JSON.parse(JSON.stringify(manifest)));
  });

  it('lays out everything but the snapshots as two-space JSON, with a final newline', () => {
    const { model: _model, released, ...rest } = manifest;
    const { model: _released, ...head } = released;
    const plain = { ...rest, released: head };
    expect(manifestJson(plain)).toBe(`${JSON.stringify(plain, null, 2)}\n`);
  });

  it('writes each operation and schema of both snapshots on one line', () => {
    const lines = manifestJson(manifest).split('\n');
    expect(lines).toContain(`      "getThing": ${JSON.stringify(model.operations.getThing)},`.slice(0, -1));
    expect(lines).toContain(`      "Thing": ${JSON.stringify(model.schemas.Thing)},`);
    expect(lines).toContain(`        "Thing": ${JSON.stringify(model.schemas.Thing)},`);
    expect(lines).toContain('      "operations": {},');
    expect(lines.filter((line) => line.includes('"properties"'))).toHaveLength(2);
  });
});
