/** Signatures name the types a reader would write, never an indexed access when a short form exists. */
import { describe, expect, it } from 'vitest';
import { readableType } from '../../generator/model/readable-type.js';
import { buildResponses } from '../../generator/model/build-responses.js';
import { errorClassesFor, normalizeResponses } from '../../generator/model/normalize-operation.js';

const models = (name: string) => ({ Token: 'Token', Error: 'Error2' })[name];

describe('readableType', () => {
  it.each([
    [{ $ref: '#/components/schemas/Token' }, 'Token'],
    [{ $ref: '#/components/schemas/Error' }, 'Error2'],
    [{ $ref: '#/components/schemas/Unknown' }, undefined],
    [{ type: 'string' }, 'string'],
    [{ type: 'string', format: 'binary' }, 'string'],
    [{ type: 'integer', format: 'int64' }, 'number'],
    [{ type: 'boolean', nullable: true }, 'boolean | null'],
    [{ type: ['number', 'null'] }, 'number | null'],
    [{ type: 'string', enum: ['asc', 'desc', "it's"] }, `'asc' | 'desc' | 'it\\'s'`],
    [{ type: 'integer', enum: [1, 2] }, '1 | 2'],
    [{ type: 'string', const: 'fixed' }, "'fixed'"],
    [{ type: 'array', items: { $ref: '#/components/schemas/Token' } }, 'Token[]'],
    [{ type: 'array', items: { type: 'string', enum: ['a', 'b'] } }, "('a' | 'b')[]"],
    [{ type: 'object', additionalProperties: { type: 'integer' } }, undefined],
    [{ type: 'object', properties: { a: { type: 'string' } } }, undefined],
    [{ oneOf: [{ type: 'string' }, { type: 'number' }] }, undefined],
    [{ type: 'array', items: { type: 'object', properties: {} } }, undefined],
    [{}, undefined],
  ])('%j → %s', (schema, want) => {
    expect(readableType(schema, models)).toBe(want);
  });
});

describe('buildResponses', () => {
  it('types success and error bodies by their short form, and keeps the indexed access for the rest', () => {
    const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
    const responses = normalizeResponses(
      { openapi: '3.0.3' },
      {
        '200': { description: 'ok', ...json({ type: 'array', items: { $ref: '#/components/schemas/Token' } }) },
        '201': { description: 'made', ...json({ type: 'object', properties: { id: { type: 'string' } } }) },
        '404': { description: 'missing', ...json({ $ref: '#/components/schemas/Error' }) },
        '409': { description: 'conflict', ...json({ type: 'string' }) },
      },
    );
    const statuses = responses.filter((r) => !r.success).map((r) => r.status);
    const errors = responses
      .filter((r) => !r.success)
      .map((r) => ({ status: r.status, isResponse: true, errorClasses: errorClassesFor(r.status, statuses), media: r.chosen }));
    const got = buildResponses({ openapi: '3.0.3' }, { successResponses: responses.filter((r) => r.success), errors }, "paths['/t']['get']", models);
    expect(got.resultType).toBe("Token[] | paths['/t']['get']['responses']['201']['content']['application/json']");
    expect(got.errorTypes).toEqual(['NotFoundError<Error2>', 'ConflictError<string>']);
    expect(got.accept).toBe('application/json');
  });

  it('asks for the types it reads: JSON over XML when both are offered, text as text, the errors’ too', () => {
    const accept = (success: Record<string, unknown>, error?: Record<string, unknown>) => {
      const responses = normalizeResponses(
        { openapi: '3.0.3' },
        { '200': { description: 'ok', content: success }, ...(error ? { '400': { description: 'bad', content: error } } : {}) },
      );
      const errors = responses.filter((r) => !r.success).map((r) => ({ status: r.status, isResponse: true, errorClasses: [], media: r.chosen }));
      return buildResponses({ openapi: '3.0.3' }, { successResponses: responses.filter((r) => r.success), errors }, "paths['/t']['get']", models).accept;
    };
    const schema = { schema: { type: 'string' } };
    expect(accept({ 'application/xml': schema, 'application/json': schema })).toBe('application/json');
    expect(accept({ 'text/csv': schema }, { 'application/problem+json': schema })).toBe('text/csv, application/problem+json');
    expect(accept({ 'image/png': schema, 'image/webp': schema })).toBe('image/png, image/webp');
    expect(accept({})).toBeUndefined();
    // Past 128 bytes a browser would send a CORS preflight first: fetch's */* instead.
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`application/vnd.example.v${i}+json`, schema]));
    expect(accept(many)).toBeUndefined();
    expect(accept({ 'application/vnd.api+json; ext="https://example.com/ext"': schema })).toBeUndefined();
  });
});
