/**
 * Given/want tables for the diff's comparers: two versions of a schema (or of an operation) in, the
 * changes out, exactly and in order. Each row is one rule; a row that breaks names it.
 */
import { describe, expect, it } from 'vitest';
import type { Change } from '../../generator/diff/change.js';
import { classifyChanges } from '../../generator/diff/classify.js';
import { compareOperation } from '../../generator/diff/compare-operation.js';
import { compareSchemas, schemaState, type Direction } from '../../generator/diff/compare-schemas.js';
import type { ModelSnapshot, OperationSnapshot } from '../../generator/model/snapshot.js';

const side = (schemas: Record<string, unknown> = {}) => ({ snapshot: { operations: {}, schemas, securitySchemes: {} } satisfies ModelSnapshot });
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required });
const str = { type: 'string' };

/** The changes compareSchemas finds, as `class rule: message` lines. */
function schemaChanges(
  direction: Direction,
  before: unknown,
  after: unknown,
  schemas: [Record<string, unknown>, Record<string, unknown>] = [{}, {}],
): string[] {
  const out: Change[] = [];
  compareSchemas({ old: side(schemas[0]), new: side(schemas[1]), where: 'body', direction, out, ...schemaState() }, before, after);
  return out.map((c) => `${c.class} ${c.rule}: ${c.message}`);
}

describe('compareSchemas, unions of references', () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const schemas = { A: obj({ p: str }), B: obj({ q: str }), C: obj({ r: str }) };

  it('compares a kept variant with itself when the union also lost one', () => {
    const after = { ...schemas, A: obj({}) };
    expect(schemaChanges('response', { oneOf: [ref('A'), ref('B'), ref('C')] }, { oneOf: [ref('A'), ref('B')] }, [schemas, after])).toEqual([
      'breaking response-property-removed: body<1>.p: property removed',
      'non-breaking union-variant-removed: body: variant {"$ref":"#/components/schemas/C"} removed',
    ]);
  });

  it('takes reordered variants for the same union', () => {
    expect(schemaChanges('response', { oneOf: [ref('A'), ref('B')] }, { oneOf: [ref('B'), ref('A')] }, [schemas, schemas])).toEqual([]);
  });
});

describe('compareSchemas', () => {
  it.each<[string, Direction, unknown, unknown, string[]]>([
    ['same schema: nothing', 'request', obj({ a: str }, ['a']), obj({ a: str }, ['a']), []],
    [
      'a type changed breaks, and ends the comparison',
      'response',
      obj({ a: str }),
      { type: 'array', items: str },
      ['breaking type-changed: body: type changed from object to array'],
    ],
    // An untyped schema takes any value (`unknown`): typing it narrows a request, untyping it a response.
    ['a request that was any and becomes a type breaks', 'request', {}, str, ['breaking type-narrowed: body: type narrowed from any value to string']],
    ['a response that was any may become a type', 'response', {}, str, ['non-breaking type-narrowed: body: type narrowed from any value to string']],
    ['a response that becomes any breaks', 'response', str, {}, ['breaking type-widened: body: type widened from string to any value']],
    ['a request that becomes any does not', 'request', str, {}, ['non-breaking type-widened: body: type widened from string to any value']],
    // Types as the values they allow, an integer being a number: widening breaks a response, narrowing a request.
    [
      'a request integer that becomes a number does not break',
      'request',
      { type: 'integer' },
      { type: 'number' },
      ['non-breaking type-widened: body: type widened from integer to number'],
    ],
    [
      'a response integer that becomes a number breaks',
      'response',
      { type: 'integer' },
      { type: 'number' },
      ['breaking type-widened: body: type widened from integer to number'],
    ],
    [
      'a request number that becomes an integer breaks',
      'request',
      { type: 'number' },
      { type: 'integer' },
      ['breaking type-narrowed: body: type narrowed from number to integer'],
    ],
    [
      'a request that takes a string too does not break',
      'request',
      { type: 'integer' },
      { type: ['integer', 'string'] },
      ['non-breaking type-widened: body: type widened from integer to integer|string'],
    ],
    [
      'a response that drops one of its types does not break',
      'response',
      { type: ['integer', 'string'] },
      { type: 'string', minLength: 1 },
      ['non-breaking type-narrowed: body: type narrowed from integer|string to string'],
    ],
    // Integers are numbers: `integer|number` allows what `number` does, so neither way is a change.
    ['a response number that lists integer too is no change', 'response', { type: 'number' }, { type: ['integer', 'number'] }, []],
    ['a request integer|number that becomes a number is no change', 'request', { type: ['integer', 'number'] }, { type: 'number' }, []],
    [
      'a nullable integer|number that becomes a nullable number is no change',
      'response',
      { type: ['integer', 'number', 'null'] },
      { type: 'number', nullable: true },
      [],
    ],
    [
      'a type swapped for another breaks either way',
      'request',
      { type: 'integer' },
      { type: 'string' },
      ['breaking type-changed: body: type changed from integer to string'],
    ],
    // A request sends no readOnly property, a response holds no writeOnly one: marking one so removes it there.
    [
      'a request property marked readOnly is removed from the request',
      'request',
      { type: 'object', properties: { note: str } },
      { type: 'object', properties: { note: { ...str, readOnly: true } } },
      ['breaking request-property-removed: body.note: property removed'],
    ],
    [
      'a response property marked writeOnly is removed from the response',
      'response',
      { type: 'object', properties: { note: str } },
      { type: 'object', properties: { note: { ...str, writeOnly: true } } },
      ['breaking response-property-removed: body.note: property removed'],
    ],
    ['a response that may be null breaks', 'response', str, { type: ['string', 'null'] }, ['breaking became-nullable: body: may now be null']],
    ['a request that may be null does not', 'request', str, { type: 'string', nullable: true }, ['non-breaking became-nullable: body: may now be null']],
    ['a request no longer nullable breaks', 'request', { type: ['string', 'null'] }, str, ['breaking became-non-nullable: body: is no longer nullable']],
    [
      'an enum value removed breaks a request',
      'request',
      { type: 'string', enum: ['a', 'b'] },
      { type: 'string', enum: ['a'] },
      ['breaking enum-value-removed: body: enum value "b" removed'],
    ],
    [
      'an enum value added breaks a response',
      'response',
      { type: 'string', enum: ['a'] },
      { type: 'string', enum: ['a', 'b'] },
      ['breaking enum-value-added: body: enum value "b" added'],
    ],
    ['an enum dropped breaks a response', 'response', { type: 'string', enum: ['a'] }, str, ['breaking enum-removed: body: no longer limited to an enum']],
    ['an enum imposed breaks a request', 'request', str, { type: 'string', enum: ['a'] }, ['breaking enum-added: body: now limited to an enum']],
    ['an enum imposed on a response does not', 'response', str, { type: 'string', enum: ['a'] }, ['non-breaking enum-added: body: now limited to an enum']],
    [
      'array items are compared under `[]`',
      'response',
      { type: 'array', items: obj({ a: str }) },
      { type: 'array', items: obj({}) },
      ['breaking response-property-removed: body[].a: property removed'],
    ],
    ['a request property removed breaks', 'request', obj({ a: str }), obj({}), ['breaking request-property-removed: body.a: property removed']],
    [
      'a request property became required',
      'request',
      obj({ a: str }),
      obj({ a: str }, ['a']),
      ['breaking request-property-became-required: body.a: property became required'],
    ],
    [
      'a request property became optional',
      'request',
      obj({ a: str }, ['a']),
      obj({ a: str }),
      ['non-breaking property-requiredness-relaxed: body.a: property became optional'],
    ],
    [
      'a response property became optional',
      'response',
      obj({ a: str }, ['a']),
      obj({ a: str }),
      ['breaking response-property-became-optional: body.a: property became optional'],
    ],
    [
      'a response property became required',
      'response',
      obj({ a: str }),
      obj({ a: str }, ['a']),
      ['non-breaking property-requiredness-relaxed: body.a: property became required'],
    ],
    [
      'a required request property added breaks',
      'request',
      obj({}),
      obj({ b: str }, ['b']),
      ['breaking request-property-added-required: body.b: required property added'],
    ],
    ['an optional request property added does not', 'request', obj({}), obj({ b: str }), ['non-breaking request-property-added: body.b: property added']],
    ['a response property added does not', 'response', obj({}), obj({ b: str }, ['b']), ['non-breaking response-property-added: body.b: property added']],
    [
      'nested properties, kept ones first, then the added ones',
      'response',
      obj({ a: obj({ x: str }), gone: str }),
      obj({ a: obj({ x: { type: 'integer' } }), added: str }),
      [
        'breaking type-changed: body.a.x: type changed from string to integer',
        'breaking response-property-removed: body.gone: property removed',
        'non-breaking response-property-added: body.added: property added',
      ],
    ],
    ['an allOf is compared as the object it describes', 'response', obj({ a: str, b: str }), { allOf: [obj({ a: str }), obj({ b: str })] }, []],
    [
      'a const changed in a response breaks',
      'response',
      { const: 'widget' },
      { const: 'gadget' },
      ['non-breaking enum-value-removed: body: enum value "widget" removed', 'breaking enum-value-added: body: enum value "gadget" added'],
    ],
    [
      'union variants are compared with their counterparts',
      'response',
      { oneOf: [str, { type: 'integer' }] },
      { oneOf: [str, obj({ x: str })] },
      ['breaking type-changed: body<2>: type changed from integer to object'],
    ],
    [
      'a variant added to a response breaks',
      'response',
      { anyOf: [str] },
      { anyOf: [str, { type: 'integer' }] },
      ['breaking union-variant-added: body: variant {"type":"integer"} added'],
    ],
    [
      'a map’s values are compared as .*',
      'response',
      { type: 'object', additionalProperties: str },
      { type: 'object', additionalProperties: { type: 'integer' } },
      ['breaking type-changed: body.*: type changed from string to integer'],
    ],
    [
      'a request that stops taking other properties breaks',
      'request',
      obj({ a: str }),
      { ...obj({ a: str }), additionalProperties: false },
      ['breaking additional-properties-closed: body: no longer allows other properties'],
    ],
    [
      'two places holding the same change each report it',
      'response',
      obj({ a: str, b: str }),
      obj({ a: { type: 'integer' }, b: { type: 'integer' } }),
      ['breaking type-changed: body.a: type changed from string to integer', 'breaking type-changed: body.b: type changed from string to integer'],
    ],
  ])('%s', (_rule, direction, before, after, want) => {
    expect(schemaChanges(direction, before, after)).toEqual(want);
  });

  it('follows $refs into each side’s own components', () => {
    const ref = { $ref: '#/components/schemas/M' };
    expect(schemaChanges('response', ref, ref, [{ M: obj({ a: str }) }, { M: obj({}) }])).toEqual([
      'breaking response-property-removed: body.a: property removed',
    ]);
  });

  it('ends on a recursive schema', () => {
    const tree = { $ref: '#/components/schemas/Tree' };
    const schemas = { Tree: obj({ children: { type: 'array', items: tree } }) };
    expect(schemaChanges('response', tree, tree, [schemas, schemas])).toEqual([]);
  });
});

const op = (parts: Partial<OperationSnapshot> = {}): OperationSnapshot => ({
  method: 'post',
  path: '/x',
  summary: null,
  description: null,
  parameters: [],
  requestBody: null,
  responses: { '200': { content: null, headers: null } },
  security: null,
  ...parts,
});
const param = (name: string, required = false, schema: unknown = str) => ({ name, in: 'query', required, description: null, schema });
const json = (schema: unknown) => ({ 'application/json': { schema } });

describe('compareOperation', () => {
  it.each<[string, OperationSnapshot, OperationSnapshot, string[]]>([
    ['same operation: nothing', op(), op(), []],
    [
      'moved to another resource (a new first tag)',
      op({ resource: 'items' }),
      op({ resource: 'things' }),
      ['breaking operation-resource-changed: moved from resource `items` to `things`'],
    ],
    ['a snapshot of an older version records no resource', op(), op({ resource: 'things' }), []],
    [
      'pagination removed',
      op({ pagination: { style: 'cursor' } }),
      op({ pagination: null }),
      ['breaking pagination-removed: pagination removed, and with it the method that walks every page'],
    ],
    [
      'pagination added',
      op({ pagination: null }),
      op({ pagination: { style: 'cursor' } }),
      ['non-breaking pagination-added: pagination added: a method that walks every page'],
    ],
    [
      'pagination changed',
      op({ pagination: { style: 'cursor' } }),
      op({ pagination: { style: 'offset' } }),
      ['breaking pagination-changed: pagination declaration changed'],
    ],
    ['moved to another method or path', op(), op({ method: 'put', path: '/y' }), ['breaking operation-moved: moved from POST /x to PUT /y']],
    ['a parameter removed', op({ parameters: [param('q')] }), op(), ['breaking parameter-removed: query parameter `q` removed']],
    [
      'a parameter became required',
      op({ parameters: [param('q')] }),
      op({ parameters: [param('q', true)] }),
      ['breaking parameter-became-required: query parameter `q` became required'],
    ],
    [
      'a parameter became optional',
      op({ parameters: [param('q', true)] }),
      op({ parameters: [param('q')] }),
      ['non-breaking parameter-became-optional: query parameter `q` became optional'],
    ],
    [
      'a parameter’s schema is compared as a request',
      op({ parameters: [param('q', false, { type: 'string', enum: ['a', 'b'] })] }),
      op({ parameters: [param('q', false, { type: 'string', enum: ['a'] })] }),
      ['breaking enum-value-removed: query parameter `q`: enum value "b" removed'],
    ],
    ['a required parameter added', op(), op({ parameters: [param('q', true)] }), ['breaking parameter-added-required: required query parameter `q` added']],
    ['an optional parameter added', op(), op({ parameters: [param('q')] }), ['non-breaking parameter-added: optional query parameter `q` added']],
    ['the request body removed', op({ requestBody: { required: false, content: json(str) } }), op(), ['breaking request-body-removed: request body removed']],
    [
      'a required request body added',
      op(),
      op({ requestBody: { required: true, content: json(str) } }),
      ['breaking request-body-added: required request body added'],
    ],
    [
      'an optional request body added',
      op(),
      op({ requestBody: { required: false, content: json(str) } }),
      ['non-breaking request-body-added: optional request body added'],
    ],
    [
      'the request body became required',
      op({ requestBody: { required: false, content: json(str) } }),
      op({ requestBody: { required: true, content: json(str) } }),
      ['breaking request-body-became-required: request body became required'],
    ],
    [
      'a request media type removed',
      op({ requestBody: { required: true, content: { ...json(str), 'text/plain': { schema: str } } } }),
      op({ requestBody: { required: true, content: json(str) } }),
      ['breaking request-media-type-removed: request media type text/plain removed'],
    ],
    [
      'the request body’s schema is compared as a request',
      op({ requestBody: { required: true, content: json(obj({})) } }),
      op({ requestBody: { required: true, content: json(obj({ b: str }, ['b'])) } }),
      ['breaking request-property-added-required: request body.b: required property added'],
    ],
    [
      'a status removed',
      op({ responses: { '200': {}, '404': {} } }),
      op({ responses: { '200': {} } }),
      ['breaking response-status-removed: response status 404 removed'],
    ],
    ['a status added', op(), op({ responses: { '200': {}, '404': {} } }), ['non-breaking response-status-added: response status 404 added']],
    [
      'response headers, by name whatever the case',
      op({ responses: { '200': { headers: { 'X-Gone': {}, 'X-Kept': {} } } } }),
      op({ responses: { '200': { headers: { 'x-kept': {}, 'X-New': {} } } } }),
      ['breaking response-header-removed: 200 response header `X-Gone` removed', 'non-breaking response-header-added: 200 response header `X-New` added'],
    ],
    [
      'a response media type removed',
      op({ responses: { '200': { content: { ...json(str), 'text/plain': { schema: str } } } } }),
      op({ responses: { '200': { content: json(str) } } }),
      ['breaking response-media-type-removed: 200 media type text/plain removed'],
    ],
    [
      'a response’s schema is compared as a response',
      op({ responses: { '200': { content: json({ type: 'string', enum: ['a'] }) } } }),
      op({ responses: { '200': { content: json({ type: 'string', enum: ['a', 'b'] }) } } }),
      ['breaking enum-value-added: 200 response: enum value "b" added'],
    ],
    [
      'a security requirement removed',
      op({ security: [{ k: [] }] }),
      op({ security: [] }),
      ['breaking security-changed: a security requirement was removed or changed'],
    ],
    // Requirements are alternatives: their order means nothing, and one more is another way in.
    ['security requirements reordered', op({ security: [{ a: [] }, { b: ['x', 'y'] }] }), op({ security: [{ b: ['y', 'x'] }, { a: [] }] }), []],
    [
      'a security requirement added',
      op({ security: [{ a: [] }] }),
      op({ security: [{ a: [] }, { b: [] }] }),
      ['non-breaking security-requirement-added: a security requirement was added'],
    ],
    [
      'a security requirement changed',
      op({ security: [{ a: [] }] }),
      op({ security: [{ a: [], b: [] }] }),
      ['breaking security-changed: a security requirement was removed or changed'],
    ],
    [
      'the same schema in the request and the response is compared in both directions',
      op({
        requestBody: { required: true, content: json({ type: 'string', enum: ['a'] }) },
        responses: { '200': { content: json({ type: 'string', enum: ['a'] }) } },
      }),
      op({
        requestBody: { required: true, content: json({ type: 'string', enum: ['a', 'b'] }) },
        responses: { '200': { content: json({ type: 'string', enum: ['a', 'b'] }) } },
      }),
      ['non-breaking enum-value-added: request body: enum value "b" added', 'breaking enum-value-added: 200 response: enum value "b" added'],
    ],
    [
      'a response header’s schema changed',
      op({ responses: { '200': { headers: { 'X-Count': { schema: { type: 'integer' } } } } } }),
      op({ responses: { '200': { headers: { 'x-count': { schema: { type: 'string' } } } } } }),
      ['breaking type-changed: 200 response header `X-Count`: type changed from integer to string'],
    ],
    [
      'parts in order: move, parameters, body, responses, security',
      op({ security: [] }),
      op({
        method: 'put',
        parameters: [param('q')],
        requestBody: { required: false, content: json(str) },
        responses: { '200': {}, '201': {} },
        security: null,
      }),
      [
        'breaking operation-moved: moved from POST /x to PUT /x',
        'non-breaking parameter-added: optional query parameter `q` added',
        'non-breaking request-body-added: optional request body added',
        'non-breaking response-status-added: response status 201 added',
        'breaking security-changed: security requirements changed',
      ],
    ],
  ])('%s', (_rule, before, after, want) => {
    const out: Change[] = [];
    compareOperation(side(), side(), 'op', before, after, out);
    expect(out.every((c) => c.operation === 'op')).toBe(true);
    expect(out.map((c) => `${c.class} ${c.rule}: ${c.message}`)).toEqual(want);
  });
});

describe('names that are also Object.prototype keys', () => {
  const snapshot = (operations: Record<string, OperationSnapshot>, schemas: Record<string, unknown> = {}): ModelSnapshot => ({
    operations,
    schemas,
    securitySchemes: {},
  });
  const rules = (a: ModelSnapshot, b: ModelSnapshot) => classifyChanges(a, b).map((c) => `${c.rule} ${c.operation ?? c.model ?? ''}`);
  it.each<[string, ModelSnapshot, ModelSnapshot, string[]]>([
    ['an operation `toString` removed', snapshot({ toString: op() }), snapshot({}), ['operation-removed toString']],
    ['an operation `constructor` added', snapshot({}), snapshot({ constructor: op() }), ['operation-added constructor']],
    ['a model `constructor` removed', snapshot({}, { constructor: obj({}) }), snapshot({}), ['model-removed constructor']],
    ['a model `valueOf` added', snapshot({}), snapshot({}, { valueOf: obj({}) }), ['model-added valueOf']],
    [
      'a property `constructor` removed',
      snapshot({ op: op({ responses: { '200': { content: json(obj({ constructor: str })) } } }) }),
      snapshot({ op: op({ responses: { '200': { content: json(obj({})) } } }) }),
      ['response-property-removed op'],
    ],
    [
      'a property `toString` added',
      snapshot({ op: op({ responses: { '200': { content: json(obj({})) } } }) }),
      snapshot({ op: op({ responses: { '200': { content: json(obj({ toString: str })) } } }) }),
      ['response-property-added op'],
    ],
  ])('%s', (_rule, before, after, want) => {
    expect(rules(before, after)).toEqual(want);
  });
});

describe('the servers', () => {
  const withServers = (servers: unknown): ModelSnapshot => ({
    operations: {},
    schemas: {},
    securitySchemes: {},
    documentation: { info: null, tags: null, servers, externalDocs: null },
  });
  const changes = (a: unknown, b: unknown) => classifyChanges(withServers(a), withServers(b)).map((c) => `${c.class} ${c.rule}`);
  const region = (values: string[]) => ({ url: 'https://{region}.example.com', variables: { region: { default: values[0], enum: values } } });
  it.each<[string, unknown, unknown, string[]]>([
    [
      'one of several removed: the `server` option no longer names it',
      [{ url: 'https://a' }, { url: 'https://b' }],
      [{ url: 'https://a' }],
      ['breaking server-removed'],
    ],
    [
      'one added',
      [{ url: 'https://a' }, { url: 'https://b' }],
      [{ url: 'https://a' }, { url: 'https://b' }, { url: 'https://c' }],
      ['non-breaking server-added'],
    ],
    ['the only one replaced: requests go elsewhere, nothing stops compiling', [{ url: 'https://a' }], [{ url: 'https://b' }], ['non-breaking server-changed']],
    ['a variable’s value dropped', [region(['eu', 'us'])], [region(['eu'])], ['breaking server-variable-narrowed']],
    ['a variable’s value added', [region(['eu'])], [region(['eu', 'us'])], ['docs servers-changed']],
    ['only a description', [{ url: 'https://a', description: 'A' }], [{ url: 'https://a', description: 'B' }], ['docs servers-changed']],
  ])('%s', (_label, before, after, want) => {
    expect(changes(before, after)).toEqual(want);
  });
});
