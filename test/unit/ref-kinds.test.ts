/**
 * A `$ref` to the wrong kind of object is one fatal finding at the `$ref`, naming both kinds; a `$ref`
 * to the right kind, or into a sub-path of the right kind, is not folded (its own problems stay at the target).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecError, type SpecIssue } from '../../generator/issues.js';
import { generatePackage } from '../../generator/pipeline/index.js';
import { kindAt } from '../../generator/pipeline/ref-kinds.js';

const kinds: [string, string | undefined][] = [
  ['/components/schemas/Limit', 'Schema'],
  ['/components/parameters/limit', 'Parameter'],
  ['/components/requestBodies/New', 'Request Body'],
  ['/definitions/Thing', 'Schema'],
  ['/paths/~1things/get/parameters/0', 'Parameter'],
  ['/paths/~1things/parameters/1', 'Parameter'],
  ['/paths/~1things/post/requestBody', 'Request Body'],
  ['/paths/~1things/get/responses/200', 'Response'],
  ['/paths/~1things/get/responses/200/headers/X-Rate', 'Header'],
  ['/paths/~1things/get/responses/200/content/application~1json/schema', 'Schema'],
  ['/components/schemas/Thing/properties/owner', 'Schema'],
  ['/components/schemas/Thing/allOf/0', 'Schema'],
  ['/components/schemas/Thing/items', 'Schema'],
  ['/components/parameters/limit/schema', 'Schema'],
  ['/paths/~1things', 'Path Item'],
  // A property named like a map of another kind is still a schema.
  ['/components/schemas/Thing/properties/parameters', 'Schema'],
  ['/components/schemas/Thing/properties/requestBody', 'Schema'],
  // What the keys do not tell.
  ['', undefined],
  ['/Thing', undefined],
  ['/components/schemas/Thing/x-extra', undefined],
  ['/components/schemas/constructor/x', undefined],
];

describe('kindAt', () => {
  it.each(kinds)('%s → %s', (pointer, kind) => expect(kindAt(pointer)).toBe(kind));
});

const head = `openapi: 3.1.0
info:
  title: Kinds
  version: '1'
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tokenkit-ref-kinds-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function issuesOf(name: string, body: string): Promise<SpecIssue[]> {
  const file = path.join(dir, name);
  await writeFile(file, head + body);
  try {
    await generatePackage({ specFile: file, specPath: name, name: 'x' });
  } catch (err) {
    if (err instanceof SpecError) return err.issues;
    throw err;
  }
  return [];
}

const only = (issues: SpecIssue[]) => issues.map(({ code, pointer, line, column, message }) => ({ code, pointer, line, column, message }));

describe('a $ref to the wrong kind of object', () => {
  it('a response used as a request body: one finding at the $ref', async () => {
    const issues = await issuesOf(
      'response-as-body.yaml',
      `paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        $ref: '#/components/responses/Created'
      responses:
        '201':
          $ref: '#/components/responses/Created'
components:
  responses:
    Created:
      description: created
`,
    );
    expect(only(issues)).toEqual([
      {
        code: 'ref-wrong-kind',
        pointer: '/paths/~1things/post/requestBody',
        line: 10,
        column: 9,
        message: 'this $ref must point at a Request Body, but #/components/responses/Created is a Response',
      },
    ]);
  });

  it('a parameter used as a schema inside a component schema is fatal too, though a finding there would only warn', async () => {
    const issues = await issuesOf(
      'parameter-as-schema.yaml',
      `paths: {}
components:
  schemas:
    Thing:
      allOf:
        - $ref: '#/components/parameters/limit'
  parameters:
    limit:
      name: limit
      in: query
      schema:
        type: integer
`,
    );
    expect(only(issues)).toEqual([
      {
        code: 'ref-wrong-kind',
        pointer: '/components/schemas/Thing/allOf/0',
        line: 10,
        column: 11,
        message: 'this $ref must point at a Schema, but #/components/parameters/limit is a Parameter',
      },
    ]);
  });

  it('a $ref into the schema of a parameter is a schema: it generates', async () => {
    const issues = await issuesOf(
      'sub-path.yaml',
      `paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - $ref: '#/components/parameters/limit'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/parameters/limit/schema'
components:
  parameters:
    limit:
      name: limit
      in: query
      schema:
        type: integer
`,
    );
    expect(issues).toEqual([]);
  });

  it('a parameter of the right kind that lacks a field is reported at the parameter, as before', async () => {
    const issues = await issuesOf(
      'right-kind.yaml',
      `paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - $ref: '#/components/parameters/limit'
      responses:
        '200':
          description: ok
components:
  parameters:
    limit:
      name: limit
      schema:
        type: integer
`,
    );
    expect(only(issues)).toEqual([
      { code: 'struct', pointer: '/components/parameters/limit', line: 16, column: 5, message: 'The field `in` must be present on this level.' },
    ]);
  });
});
