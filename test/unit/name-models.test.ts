/** Models declared by name: their bodies leave `components`, which refers to them, and both files compile. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitTypes } from '../../generator/pipeline/emit-types.js';
import type { OpenApiDocument } from '../../generator/json.js';

const doc = (schemas: Record<string, unknown>): OpenApiDocument => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {},
  components: { schemas },
});

/** Type-checks the files, written to a temporary directory; returns the diagnostics. */
function compile(files: Record<string, string>): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tokenkit-models-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const options: ts.CompilerOptions = {
      strict: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: [],
    };
    const program = ts.createProgram(
      Object.keys(files).map((name) => path.join(dir, name)),
      options,
    );
    return ts.getPreEmitDiagnostics(program).map((d) => `${path.basename(d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('emitTypes with models', () => {
  const document = doc({
    Pet: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { type: 'string' }, owner: { $ref: '#/components/schemas/Owner' } },
      discriminator: { propertyName: 'kind' },
    },
    Cat: { allOf: [{ $ref: '#/components/schemas/Pet' }, { type: 'object', properties: { lives: { type: 'integer' } } }] },
    Adopter: { allOf: [{ $ref: '#/components/schemas/Owner' }], required: ['pets'] },
    Owner: { type: 'object', properties: { pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } } },
    Hidden: { type: 'string' },
  });
  const models = [
    { schemaName: 'Pet', typeName: 'Pet' },
    { schemaName: 'Cat', typeName: 'Cat' },
    { schemaName: 'Owner', typeName: 'PetOwner' },
    { schemaName: 'Adopter', typeName: 'Adopter' },
  ];
  const types = emitTypes(document, models);

  it('moves each model body into a declaration named for it, referring to other models by name', () => {
    expect(types.models.get('Owner')).toMatch(/^export type PetOwner = \{\n {4}pets\?: Pet\[\];\n\};$/);
    expect(types.models.get('Pet')).toContain('owner?: PetOwner;');
    // The discriminator's Omit and the required members' WithRequired name the parent model too.
    expect(types.models.get('Cat')).toContain('Omit<Pet, "kind">');
    expect(types.models.get('Adopter')).toBe('export type Adopter = WithRequired<PetOwner, "pets">;');
    expect(types.modelHelpers).toMatch(/^type WithRequired<T, K extends keyof T> = /);
  });

  it('leaves components referring to the declarations, and a schema that is no model where it was', () => {
    expect(types.schema).toContain('Owner: import("./models.js").PetOwner;');
    expect(types.schema).toContain('Hidden: string;');
    expect(types.schema).not.toContain('pets?:');
  });

  it('compiles, and an indexed access into components is the named model', () => {
    const modelsSource = [...types.models.values(), types.modelHelpers].join('\n');
    const usage = `import type { components } from './schema.js';
import type { Adopter, Cat, PetOwner } from './models.js';
const owner: PetOwner = { pets: [{ kind: 'cat' }] };
const same: components['schemas']['Owner'] = owner;
const cat: Cat = { kind: 'Cat', owner: same, lives: 9 };
const adopter: Adopter = { pets: [cat] };
export { adopter };
`;
    expect(compile({ 'schema.ts': types.schema, 'models.ts': modelsSource, 'usage.ts': usage })).toEqual([]);
  });
});
