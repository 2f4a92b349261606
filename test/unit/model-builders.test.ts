/**
 * Given/want tables for the model builders: one OpenAPI object in, the view (or the piece of it the
 * templates read) out. Each row is one rule of the builder; a row that breaks names the rule.
 */
import { describe, expect, it } from 'vitest';
import { buildParameter, encodingLiteral } from '../../generator/model/build-parameter.js';
import { bodyKind, buildRequestBody, pickMediaType } from '../../generator/model/build-request-body.js';
import { mergeParameters, normalizeParameter, normalizeRequestBody, paramEncoding } from '../../generator/model/normalize-operation.js';
import { buildServers, serverLiteral } from '../../generator/model/build-servers.js';
import { operationServer, serverExampleUrl } from '../../generator/model/server-url.js';
import { readableType } from '../../generator/model/readable-type.js';
import type { JsonObject, OpenApiDocument } from '../../generator/json.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer' } } },
    requestBodies: { Upload: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } },
    schemas: { Token: { type: 'object' } },
  },
} as unknown as OpenApiDocument;
const models = (name: string): string | undefined => (name === 'Token' ? 'Token' : undefined);
const OP = "operations['op']";

describe('mergeParameters', () => {
  it.each<[string, JsonObject, JsonObject, string[]]>([
    ['path-level only', { parameters: [{ name: 'id', in: 'path' }] }, {}, ['path id']],
    [
      'operation overrides path on (name, in)',
      { parameters: [{ name: 'q', in: 'query', description: 'path' }] },
      { parameters: [{ name: 'q', in: 'query', description: 'op' }] },
      ['query q op'],
    ],
    [
      'same name, other location: both kept',
      { parameters: [{ name: 'x', in: 'header' }] },
      { parameters: [{ name: 'x', in: 'query' }] },
      ['header x', 'query x'],
    ],
    ['a $ref is followed', {}, { parameters: [{ $ref: '#/components/parameters/Limit' }] }, ['query limit']],
  ])('%s', (_rule, pathItem, operation, want) => {
    const got = mergeParameters(doc, pathItem, operation).map((p) => [p.in, p.name, p.description].filter(Boolean).join(' '));
    expect(got).toEqual(want);
  });
});

describe('paramEncoding / encodingLiteral', () => {
  it.each<[string, JsonObject, 'path' | 'query' | 'header' | 'cookie', object, string]>([
    ['query defaults (form, exploded) stay implicit', {}, 'query', {}, '{}'],
    ['query form not exploded', { explode: false }, 'query', { explode: false }, '{ explode: false }'],
    [
      'deepObject keeps its explode default of false',
      { style: 'deepObject', explode: true },
      'query',
      { style: 'deepObject', explode: true },
      "{ style: 'deepObject', explode: true }",
    ],
    ['pipeDelimited: not exploded, as every style but form', { style: 'pipeDelimited' }, 'query', { style: 'pipeDelimited' }, "{ style: 'pipeDelimited' }"],
    ['allowReserved only in a query', { allowReserved: true }, 'query', { allowReserved: true }, '{ allowReserved: true }'],
    ['allowReserved ignored in a path', { allowReserved: true }, 'path', {}, '{}'],
    ['path label exploded', { style: 'label', explode: true }, 'path', { style: 'label', explode: true }, "{ style: 'label', explode: true }"],
    ['a style the location does not allow falls back to its default', { style: 'matrix' }, 'header', {}, '{}'],
  ])('%s', (_rule, param, location, encoding, literal) => {
    expect(paramEncoding(param, location)).toEqual(encoding);
    expect(encodingLiteral(paramEncoding(param, location))).toBe(literal);
  });
});

describe('buildParameter', () => {
  it.each<[string, JsonObject, string, Partial<ReturnType<typeof buildParameter>>]>([
    [
      'a path parameter is required even without required: true',
      { name: 'id', in: 'path', schema: { type: 'string' } },
      'id',
      { in: 'path', required: true, optionalMark: '', key: 'id', accessor: 'params.id', typeRef: 'string' },
    ],
    [
      'an optional query parameter: ?, and its default and deprecation in the JSDoc',
      { name: 'limit', in: 'query', deprecated: true, description: 'How many.', schema: { type: 'integer', default: 25 } },
      'limit',
      { required: false, optionalMark: '?', typeRef: 'number', doc: '  /**\n   * How many.\n   * @defaultValue 25\n   * @deprecated\n   */\n' },
    ],
    [
      'a name that is not an identifier is quoted, and read as an own property',
      { name: 'X-Request-Id', in: 'header', required: true, schema: { type: 'string' } },
      'X-Request-Id',
      { key: "'X-Request-Id'", accessor: "params['X-Request-Id']" },
    ],
    [
      'an inherited name is read only as an own property when optional',
      { name: 'constructor', in: 'query', schema: { type: 'string' } },
      'constructor',
      { accessor: "(Object.hasOwn(params, 'constructor') ? params['constructor'] : undefined)" },
    ],
    ['a model reference keeps the model name', { name: 't', in: 'query', schema: { $ref: '#/components/schemas/Token' } }, 't', { typeRef: 'Token' }],
    [
      'a schema only the generated types describe exactly falls back to indexed access',
      { name: 'filter', in: 'query', schema: { oneOf: [{ type: 'string' }, { type: 'integer' }] } },
      'filter',
      { typeRef: `NonNullable<${OP}['parameters']['query']>['filter']` },
    ],
  ])('%s', (_rule, param, key, want) => {
    expect(buildParameter(normalizeParameter(doc, param), OP, key, models)).toMatchObject(want);
  });
});

describe('request bodies', () => {
  it.each<[Record<string, unknown>, string | undefined]>([
    [{ 'text/plain': {}, 'application/json': {} }, 'application/json'],
    [{ 'application/merge-patch+json': {}, 'text/plain': {} }, 'application/merge-patch+json'],
    [{ 'application/xml': {}, 'text/plain': {} }, 'application/xml'],
    [{}, undefined],
  ])('pickMediaType(%j) is %s', (content, want) => {
    expect(pickMediaType(content)).toBe(want);
  });

  it.each([
    ['application/json; charset=utf-8', 'json'],
    ['application/vnd.api+json', 'json'],
    ['application/x-www-form-urlencoded', 'form'],
    ['multipart/form-data', 'multipart'],
    ['text/csv', 'text'],
    ['application/soap+xml', 'text'],
    ['image/png', 'binary'],
    ['*/*', 'binary'],
  ])('bodyKind(%s) is %s', (mediaType, want) => {
    expect(bodyKind(mediaType)).toBe(want);
  });

  it.each<[string, unknown, Partial<NonNullable<ReturnType<typeof buildRequestBody>>> | undefined]>([
    ['no requestBody: no body', undefined, undefined],
    ['a body without content: no body', { content: {} }, undefined],
    [
      'an optional JSON body of a model',
      { content: { 'application/json': { schema: { $ref: '#/components/schemas/Token' } } } },
      { required: false, optionalMark: '?', typeRef: 'Token', typed: true, hasChoice: false, specLiteral: `{ 'application/json': { kind: 'json' } }` },
    ],
    [
      'a binary body via $ref: bytes, not the string openapi-typescript says',
      { $ref: '#/components/requestBodies/Upload' },
      { required: true, typeRef: 'BinaryBody', typed: false, contentType: 'application/octet-stream' },
    ],
    [
      'a form body keeps its encoding, JSON first among several',
      {
        content: {
          'application/x-www-form-urlencoded': { schema: { type: 'object' }, encoding: { tags: { style: 'form', explode: false } } },
          'application/json': { schema: { type: 'object' } },
        },
      },
      {
        contentType: 'application/json',
        hasChoice: true,
        specLiteral: `{ 'application/json': { kind: 'json' }, 'application/x-www-form-urlencoded': { kind: 'form', encoding: { tags: { explode: false } } } }`,
      },
    ],
  ])('%s', (_rule, raw, want) => {
    const body = buildRequestBody(normalizeRequestBody(doc, raw), OP, models);
    if (want === undefined) expect(body).toBeUndefined();
    else expect(body).toMatchObject(want);
  });
});

describe('servers', () => {
  it.each<[string, JsonObject, JsonObject, string | undefined]>([
    ['none of its own: the document server applies', {}, {}, undefined],
    ['the path item’s server', { servers: [{ url: 'https://files.example.com' }] }, {}, 'https://files.example.com'],
    ['the operation’s server wins over its path’s', { servers: [{ url: 'https://a' }] }, { servers: [{ url: 'https://b' }] }, 'https://b'],
  ])('%s', (_rule, pathItem, operation, want) => {
    expect(operationServer(pathItem, operation)?.url).toBe(want);
  });

  it.each<[string, JsonObject, string, string]>([
    ['a plain URL', { url: 'https://api.example.com/v1' }, "{ url: 'https://api.example.com/v1' }", 'https://api.example.com/v1'],
    [
      'variables with defaults are filled in',
      { url: 'https://{region}.example.com/{version}', variables: { region: { default: 'eu' }, version: { default: 'v2' } } },
      "{ url: 'https://{region}.example.com/{version}', variables: { region: { default: 'eu' }, version: { default: 'v2' } } }",
      'https://eu.example.com/v2',
    ],
    [
      'an empty default that would leave no host counts as none',
      { url: '{vaultBaseUrl}/keys', variables: { vaultBaseUrl: { default: '' } } },
      "{ url: '{vaultBaseUrl}/keys' }",
      '{vaultBaseUrl}/keys',
    ],
  ])('%s', (_rule, server, literal, exampleUrl) => {
    expect(serverLiteral(server)).toBe(literal);
    expect(serverExampleUrl(server)).toBe(exampleUrl);
  });
  it('documents a variable whose default differs by server with each default, in sentences', () => {
    const document = {
      openapi: '3.0.3',
      servers: [
        { url: 'https://s3.{region}.example.com', variables: { region: { default: 'us-east-1', description: 'The region' } } },
        { url: 'https://s3.{region}.example.com.cn', variables: { region: { default: 'cn-north-1', description: 'The region' } } },
      ],
    } as unknown as OpenApiDocument;
    const [region] = buildServers(document, [], 'S3Client', '@acme/s3').variables;
    expect(region?.summary).toBe("The region. Defaults to the server's own default: `us-east-1` or `cn-north-1`.");
  });
});

describe('readableType', () => {
  it.each<[unknown, string | undefined]>([
    [{ type: 'string' }, 'string'],
    [{ type: 'integer' }, 'number'],
    [{ type: ['string', 'null'] }, 'string | null'],
    [{ type: 'string', nullable: true }, 'string | null'],
    [{ enum: ['a', 'b'] }, "'a' | 'b'"],
    [{ const: 3 }, '3'],
    [{ type: 'array', items: { enum: ['x', 'y'] } }, "('x' | 'y')[]"],
    [{ $ref: '#/components/schemas/Token' }, 'Token'],
    [{ type: 'object', properties: {} }, undefined],
    [{ anyOf: [{ type: 'string' }] }, undefined],
  ])('%j → %s', (schema, want) => {
    expect(readableType(schema, models)).toBe(want);
  });
});
