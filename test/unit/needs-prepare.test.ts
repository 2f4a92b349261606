/**
 * Given/want table for the decision that keeps the runtime's serialisers out of a plain operation's
 * bundle: each row one rule of when openapi-fetch's defaults send a request as the spec says.
 */
import { describe, expect, it } from 'vitest';
import { needsPrepare } from '../../generator/model/needs-prepare.js';
import { normalizeOperation } from '../../generator/model/normalize-operation.js';
import type { JsonObject } from '../../generator/json.js';

const components = {
  schemas: { Id: { type: 'string' }, Filter: { type: 'object' }, Kind: { type: 'string', enum: ['a', 'b'] } },
};
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const json = { content: { 'application/json': { schema: { type: 'object' } } } };

function decide(operation: JsonObject, method: 'get' | 'post' | 'patch' = 'get'): boolean {
  const document = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/x/{id}': { [method]: operation } }, components };
  const op = normalizeOperation(document, { route: '/x/{id}', item: { [method]: operation }, method, operation, operationId: 'op' });
  return needsPrepare(document, op);
}

describe('needsPrepare', () => {
  it.each<[string, JsonObject, boolean, ('post' | 'patch')?]>([
    ['a path-only GET is plain', { parameters: [id] }, false],
    [
      'a scalar reached by $ref, an enum, an integer query are plain',
      {
        parameters: [
          { ...id, schema: { $ref: '#/components/schemas/Id' } },
          { name: 'k', in: 'query', schema: { $ref: '#/components/schemas/Kind' } },
          { name: 'n', in: 'query', schema: { type: ['integer', 'null'] } },
        ],
      },
      false,
    ],
    ['a JSON body alone is plain', { parameters: [id], requestBody: json }, false, 'post'],
    [
      'an array query parameter needs the runtime',
      { parameters: [id, { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } }] },
      true,
    ],
    [
      'an object query parameter needs it (openapi-fetch would write deepObject)',
      { parameters: [id, { name: 'f', in: 'query', schema: { $ref: '#/components/schemas/Filter' } }] },
      true,
    ],
    ['a schema-less parameter needs it', { parameters: [id, { name: 'q', in: 'query' }] }, true],
    ['a style other than the default needs it', { parameters: [id, { name: 'q', in: 'query', style: 'pipeDelimited', schema: { type: 'string' } }] }, true],
    ['allowReserved needs it', { parameters: [id, { name: 'q', in: 'query', allowReserved: true, schema: { type: 'string' } }] }, true],
    ['a query name the runtime would encode needs it', { parameters: [id, { name: 'a b', in: 'query', schema: { type: 'string' } }] }, true],
    ['a header parameter needs it', { parameters: [id, { name: 'X-Id', in: 'header', schema: { type: 'string' } }] }, true],
    ['a cookie parameter needs it', { parameters: [id, { name: 'sid', in: 'cookie', schema: { type: 'string' } }] }, true],
    ['a content parameter needs it', { parameters: [id, { name: 'q', in: 'query', content: { 'application/json': { schema: { type: 'string' } } } }] }, true],
    [
      'a JSON-flavoured media type needs it (its Content-Type)',
      { parameters: [id], requestBody: { content: { 'application/merge-patch+json': { schema: { type: 'object' } } } } },
      true,
      'patch',
    ],
    [
      'a choice of media types needs it',
      { parameters: [id], requestBody: { content: { ...json.content, 'text/plain': { schema: { type: 'string' } } } } },
      true,
      'post',
    ],
    [
      'a form body needs it',
      { parameters: [id], requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } } },
      true,
      'post',
    ],
    ['an operation server needs it', { parameters: [id], servers: [{ url: 'https://other.test' }] }, true],
  ])('%s', (_rule, operation, want, method) => {
    expect(decide(operation, method)).toBe(want);
  });
});
