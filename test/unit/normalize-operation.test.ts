/**
 * Given/want tables for the normalized operation: one operation of a document in, the facts every
 * view (code, docs, README, pagination, the diff snapshot) reads out. Each row is one rule.
 */
import { describe, expect, it } from 'vitest';
import { normalizedOperations, normalizeOperation, type NormalizedOperation } from '../../generator/model/normalize-operation.js';
import { soleSuccessBody } from '../../generator/pipeline/check-pagination.js';
import type { JsonObject, OpenApiDocument } from '../../generator/json.js';

const point = { $ref: '#/components/schemas/Point' };
const components = {
  schemas: { Point: { type: 'object' }, Error: { type: 'object' } },
  parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer' }, example: 10 } },
  requestBodies: { Upload: { required: true, content: { 'image/*': { schema: { type: 'string', format: 'binary' } } } } },
  responses: { NotFound: { description: 'missing', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Error' } } } } },
};

function normalize(operation: JsonObject, pathItem: JsonObject = {}, top: JsonObject = {}): NormalizedOperation {
  const document = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/x/{id}': { ...pathItem, get: operation } }, components, ...top };
  return normalizeOperation(document, {
    route: '/x/{id}',
    item: { ...pathItem, get: operation },
    method: 'get',
    operation,
    operationId: 'op',
  });
}

describe('parameters', () => {
  it.each<[string, JsonObject, JsonObject, (op: NormalizedOperation) => unknown, unknown]>([
    [
      'path-level and operation-level merged; the operation wins on (name, in)',
      { parameters: [{ name: 'q', in: 'query', description: 'op' }] },
      {
        parameters: [
          { name: 'id', in: 'path', schema: { type: 'string' } },
          { name: 'q', in: 'query', description: 'path' },
        ],
      },
      (op) => op.parameters.map((p) => `${p.in} ${p.name} ${p.description ?? ''}`.trim()),
      ['path id', 'query q op'],
    ],
    ['a path parameter is required', {}, { parameters: [{ name: 'id', in: 'path' }] }, (op) => op.parameters[0]?.required, true],
    [
      'a $ref is followed, its example kept',
      { parameters: [{ $ref: '#/components/parameters/Limit' }] },
      {},
      (op) => op.parameters[0],
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer' }, encoding: {}, example: { value: 10 }, mediaType: undefined },
    ],
    [
      'style and explode become the runtime encoding, defaults left out',
      { parameters: [{ name: 'f', in: 'query', style: 'deepObject', explode: true, schema: point }] },
      {},
      (op) => op.parameters[0]?.encoding,
      { style: 'deepObject', explode: true },
    ],
    [
      'content: the media type’s schema is the effective schema, the media type its encoding, style ignored',
      { parameters: [{ name: 'f', in: 'query', style: 'deepObject', content: { 'application/json': { schema: point, example: { x: 1 } } } }] },
      {},
      (op) => op.parameters[0],
      { schema: point, mediaType: 'application/json', encoding: { mediaType: 'application/json' }, example: { value: { x: 1 } } },
    ],
    [
      'content: the parameter’s own example wins over its media type’s',
      { parameters: [{ name: 'f', in: 'header', example: 'own', content: { 'text/plain': { schema: { type: 'string' }, example: 'media' } } }] },
      {},
      (op) => op.parameters[0]?.example,
      { value: 'own' },
    ],
  ])('%s', (_rule, operation, pathItem, pick, want) => {
    expect(pick(normalize(operation, pathItem))).toMatchObject(want as object);
  });
});

describe('request body', () => {
  it.each<[string, JsonObject, unknown]>([
    ['none declared', {}, undefined],
    ['declared without content: no media types', { requestBody: { content: {} } }, { required: false, media: [] }],
    [
      'JSON first among several; form encoding by property; examples kept',
      {
        requestBody: {
          description: 'd',
          content: {
            'application/x-www-form-urlencoded': { schema: point, encoding: { tags: { explode: false }, meta: { contentType: 'application/json' } } },
            'application/json': { schema: point, example: { x: 1 } },
          },
        },
      },
      {
        description: 'd',
        media: [
          { mediaType: 'application/json', kind: 'json', schema: point, encoding: {}, example: { value: { x: 1 } } },
          { mediaType: 'application/x-www-form-urlencoded', kind: 'form', encoding: { tags: { explode: false }, meta: { contentType: 'application/json' } } },
        ],
      },
    ],
    [
      'a $ref to a binary body',
      { requestBody: { $ref: '#/components/requestBodies/Upload' } },
      { required: true, media: [{ mediaType: 'image/*', kind: 'binary' }] },
    ],
  ])('%s', (_rule, operation, want) => {
    const body = normalize(operation).requestBody;
    if (want === undefined) expect(body).toBeUndefined();
    else expect(body).toMatchObject(want as object);
  });
});

describe('responses', () => {
  const op = normalize({
    responses: {
      '200': { description: 'ok', headers: { 'X-Rate': {} }, content: { 'text/plain': {}, 'application/json': { schema: point } } },
      '204': { description: 'none' },
      '404': { $ref: '#/components/responses/NotFound' },
      '418': { description: 'teapot' },
      '5XX': { description: 'down' },
    },
  });

  it.each<[string, (o: NormalizedOperation) => unknown, unknown]>([
    ['statuses in declared order', (o) => o.responses.map((r) => r.status), ['200', '204', '404', '418', '5XX']],
    ['2xx are successes', (o) => o.successResponses.map((r) => r.status), ['200', '204']],
    ['the chosen media type is JSON when offered', (o) => o.successResponses[0]?.chosen?.mediaType, 'application/json'],
    ['header names', (o) => o.responses[0]?.headers, ['X-Rate']],
    [
      'typed error entries: class by status, body through a $ref',
      (o) => o.errors.map((e) => [e.status, e.errorClasses, e.media?.mediaType]),
      [
        ['404', ['NotFoundError'], 'application/problem+json'],
        ['418', ['OtherApiError'], undefined],
        ['5XX', ['InternalServerError'], undefined],
      ],
    ],
    ['the declared content and headers are what the snapshot records', (o) => o.responses[1]?.declared, { content: null, headers: null }],
    ['two success bodies: no sole body for a paginator', (o) => soleSuccessBody(o), undefined],
  ])('%s', (_rule, pick, want) => {
    expect(pick(op)).toEqual(want);
  });

  it('one success body is the sole body a paginator pages', () => {
    const one = normalize({ responses: { '200': { description: 'ok', content: { 'application/json': { schema: point } } } } });
    expect(soleSuccessBody(one)).toEqual({ schema: point });
  });
});

describe('servers and security', () => {
  it.each<[string, JsonObject, JsonObject, JsonObject, unknown, unknown]>([
    ['the document’s apply', {}, {}, { security: [{ a: [] }] }, undefined, [{ a: [] }]],
    ['the path’s server', {}, { servers: [{ url: 'https://p' }] }, {}, { url: 'https://p' }, undefined],
    [
      'the operation’s server and security win',
      { servers: [{ url: 'https://o' }], security: [] },
      { servers: [{ url: 'https://p' }] },
      { security: [{ a: [] }] },
      { url: 'https://o' },
      [],
    ],
  ])('%s', (_rule, operation, pathItem, top, server, security) => {
    const op = normalize(operation, pathItem, top);
    expect(op.server).toEqual(server);
    expect(op.security).toEqual(security);
  });
});

describe('normalizedOperations', () => {
  it('normalizes each operation of a document once, in document order', () => {
    const document = {
      openapi: '3.1.0',
      paths: { '/b': { post: { operationId: 'make' }, get: {} }, '/a': { get: { operationId: 'list', tags: ['t', 3] } } },
    } as unknown as OpenApiDocument;
    const first = normalizedOperations(document);
    expect(first.map((o) => [o.operationId, o.hasOperationId, o.tags])).toEqual([
      ['get /b', false, []],
      ['make', true, []],
      ['list', true, ['t']],
    ]);
    expect(normalizedOperations(document)).toBe(first);
  });
});
