/**
 * Given/want tables for the docs and README builders: the parts of an operation's doc section (example
 * arguments, the error an example catches, curl credentials, signature, rows) and the README's choice
 * of operations. Each row is one rule; a row that breaks names it.
 */
import { describe, expect, it } from 'vitest';
import { buildApi } from '../../generator/model/build-api.js';
import { authorizationLabel } from '../../generator/model/build-docs.js';
import { readmePicks } from '../../generator/model/build-readme.js';
import { exampleError } from '../../generator/model/example-error.js';
import { curlAuth, decodeBraces } from '../../generator/model/operation-curl.js';
import { callArguments } from '../../generator/model/operation-example.js';
import { quickStartExample } from '../../generator/model/readme-examples.js';
import type { ErrorBody, OperationDocView, SecuritySchemeView } from '../../generator/model/types.js';
import type { OpenApiDocument } from '../../generator/json.js';

describe('callArguments', () => {
  it.each<[string, [string, unknown][], { value: unknown } | undefined, boolean, string]>([
    ['nothing to pass, params optional: no argument', [], undefined, true, ''],
    ['nothing to pass, params required: an empty object', [], undefined, false, '{}'],
    [
      'values one a line, as TypeScript literals',
      [
        ['id', 'a-1'],
        ['limit', 20],
      ],
      undefined,
      true,
      "{\n  id: 'a-1',\n  limit: 20,\n}",
    ],
    ['the body last, nested objects indented', [['id', 'a-1']], { value: { name: 'n' } }, false, "{\n  id: 'a-1',\n  body: {\n    name: 'n',\n  },\n}"],
    ['a body without an example value is left out', [], { value: undefined }, false, '{}'],
  ])('%s', (_rule, values, body, paramsOptional, want) => {
    expect(callArguments(new Map(values), body, paramsOptional)).toBe(want);
  });
});

describe('exampleError', () => {
  const body = (className: string, bodyType = 'Problem', isModel = true): ErrorBody => ({ className, bodyType, isModel });
  it.each<[string, ErrorBody[], ReturnType<typeof exampleError>]>([
    ['no declared error: none caught', [], undefined],
    ['404 before 400, whatever the declared order', [body('BadRequestError'), body('NotFoundError')], { className: 'NotFoundError', bodyType: 'Problem' }],
    ['409 before 422', [body('UnprocessableEntityError'), body('ConflictError')], { className: 'ConflictError', bodyType: 'Problem' }],
    ['a body that is no model is not imported', [body('NotFoundError', 'string', false)], { className: 'NotFoundError', bodyType: undefined }],
    [
      'two bodies for the class: no single type to import',
      [body('NotFoundError', 'A'), body('NotFoundError', 'B')],
      { className: 'NotFoundError', bodyType: undefined },
    ],
    ['a class outside the preference is not chosen', [body('OtherApiError')], undefined],
  ])('%s', (_rule, errorBodies, want) => {
    expect(exampleError({ errorBodies })).toEqual(want);
  });
});

describe('curlAuth', () => {
  const api = { packageName: '@acme/shop', authOptions: [{ name: 'token', doc: '', summary: '', env: 'SHOP_TOKEN' }] };
  const scheme = (wire: SecuritySchemeView['wire'], optionNames = ['token']): SecuritySchemeView => ({
    name: 's',
    key: '"s"',
    specLiteral: '',
    credentialExpr: '',
    optionNames,
    wire,
  });
  it.each<[string, SecuritySchemeView[], string, { args: string[]; url: string }]>([
    ['no scheme: the URL alone, quoted', [], 'https://x.test/a', { args: [], url: "'https://x.test/a'" }],
    [
      'basic: -u with both variables',
      [scheme({ type: 'basic' }, ['username', 'password'])],
      'https://x.test/a',
      { args: ['-u "$SHOP_USERNAME:$SHOP_PASSWORD"'], url: "'https://x.test/a'" },
    ],
    [
      'bearer: an Authorization header',
      [scheme({ type: 'bearer' })],
      'https://x.test/a',
      { args: [`-H 'Authorization: Bearer '"$SHOP_TOKEN"`], url: "'https://x.test/a'" },
    ],
    [
      'an API key in a header',
      [scheme({ type: 'apiKey', in: 'header', name: 'X-Key' })],
      'https://x.test/a',
      { args: [`-H 'X-Key: '"$SHOP_TOKEN"`], url: "'https://x.test/a'" },
    ],
    [
      'an API key in the query, after `?`',
      [scheme({ type: 'apiKey', in: 'query', name: 'api key' })],
      'https://x.test/a',
      // As the client's URLSearchParams writes it.
      { args: [], url: `'https://x.test/a?api+key='"$SHOP_TOKEN"` },
    ],
    [
      'an API key in the query, after `&`',
      [scheme({ type: 'apiKey', in: 'query', name: 'k' })],
      'https://x.test/a?b=1',
      { args: [], url: `'https://x.test/a?b=1&k='"$SHOP_TOKEN"` },
    ],
    [
      'an API key in a cookie',
      [scheme({ type: 'apiKey', in: 'cookie', name: 'sid' })],
      'https://x.test/a',
      { args: [`-b 'sid='"$SHOP_TOKEN"`], url: "'https://x.test/a'" },
    ],
  ])('%s', (_rule, schemes, url, want) => {
    expect(curlAuth(api, schemes, url)).toEqual(want);
  });

  it.each([
    ['https://x.test/items/%7Bid%7D', ['id'], 'https://x.test/items/{id}'],
    ['https://x.test/a%7Bb/c%7D', ['id'], 'https://x.test/a%7Bb/c%7D'],
    // A value with braces in it is sent encoded; only a placeholder left in the path is shown as written.
    ['https://x.test/items/%7Bx%7D', ['id'], 'https://x.test/items/%7Bx%7D'],
    ['https://x.test/i/%7Bid%7D?q=%7Bid%7D', ['id'], 'https://x.test/i/{id}?q=%7Bid%7D'],
  ])('decodeBraces(%s, %j) = %s', (url, names, want) => {
    expect(decodeBraces(url, names)).toBe(want);
  });
});

const shop = {
  openapi: '3.1.0',
  info: { title: 'Shop API', version: '1' },
  servers: [{ url: 'https://api.example.com/v1' }],
  security: [{ key: [] }],
  paths: {
    '/items': {
      post: {
        operationId: 'createItem',
        tags: ['items'],
        security: [],
        requestBody: { required: true, description: 'The new item', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
        responses: { '201': { description: 'Made', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
      },
    },
    '/items/{id}': {
      get: {
        operationId: 'getItem',
        tags: ['items'],
        summary: 'One item',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'fields', in: 'query', schema: { type: 'string' }, example: 'name' },
          { name: 'skip', in: 'query', schema: { type: 'integer' } },
        ],
        responses: {
          '200': {
            description: 'The item',
            headers: { 'X-Rate': { schema: { type: 'integer' } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
          },
          '404': { description: 'Not found', content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        },
      },
      delete: {
        operationId: 'deleteItem',
        tags: ['items'],
        security: [{ basic: [] }, { key: [], query: [] }],
        servers: [{ url: 'https://{region}.example.com', variables: { region: { default: 'eu' } } }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '204': { description: 'Gone' } },
      },
    },
    '/items/{id}/label': {
      get: {
        operationId: 'getLabel',
        tags: ['items'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'A PDF', content: { 'application/pdf': {} } } },
      },
    },
    '/items/{id}/notes': {
      get: {
        operationId: 'getNotes',
        tags: ['items'],
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'X-Note', in: 'header', schema: { type: 'string' }, example: 'a\r\nX-Injected: 1' },
          { name: 'X-Tag', in: 'header', required: true, schema: { type: 'string' }, example: 'caf\u00e9 \u2603' },
        ],
        responses: { '204': { description: 'None' } },
      },
    },
    '/items/{id}/raw': {
      get: {
        operationId: 'getRaw',
        tags: ['items'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'Some JSON', content: { 'application/json': {} } } },
      },
    },
  },
  components: {
    schemas: {
      Item: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Problem: { type: 'object', properties: { detail: { type: 'string' } } },
    },
    securitySchemes: {
      key: { type: 'apiKey', in: 'header', name: 'X-Key' },
      basic: { type: 'http', scheme: 'basic' },
      query: { type: 'apiKey', in: 'query', name: 'api key' },
    },
  },
} as unknown as OpenApiDocument;
const api = buildApi({ document: shop }, { name: 'shop', packageName: '@acme/shop', version: '1.0.0', generatorVersion: '0', specPath: 'shop.yaml' });
const section = (methodName: string): OperationDocView => {
  const found = api.resourceDocs.flatMap((d) => d.operations).find((o) => o.methodName === methodName);
  if (found === undefined) throw new Error(`no section ${methodName}`);
  return found;
};

describe('authorizationLabel', () => {
  const key = { name: 'key' } as SecuritySchemeView;
  it.each<[string, SecuritySchemeView[][], unknown, string]>([
    ['no requirement: none', [], [], 'None'],
    ['an empty requirement (optional credentials): none', [[]], [{}], 'None'],
    ['a scheme the client cannot send is named, not dropped', [[]], [{ digest: [] }], 'digest (not sent by this client)'],
    ['beside one it sends', [[key], []], [{ key: [] }, {}], '[key](../README.md#authentication), or none'],
  ])('%s', (_rule, requirements, security, want) => {
    expect(authorizationLabel(requirements, security)).toBe(want);
  });
});

describe("an operation's doc section", () => {
  it.each<[string, string, (doc: OperationDocView) => unknown, unknown]>([
    [
      'required and exemplified parameters are passed, others left out',
      'getItem',
      (d) => d.callExpr,
      "client.items.getItem({\n  id: 'example-id',\n  fields: 'name',\n})",
    ],
    ['the body is passed last', 'createItem', (d) => d.callExpr, "client.items.createItem({\n  body: {\n    name: 'example-name',\n  },\n})"],
    [
      'per-call options are the second argument',
      'deleteItem',
      (d) => d.callWithOptions('{ maxRetries: 0 }'),
      "client.items.deleteItem({\n  id: 'example-id',\n}, { maxRetries: 0 })",
    ],
    ['signature of a model result', 'getItem', (d) => d.signature, '```ts\nitems.getItem(params: GetItemParams, options?: RequestOptions): Promise<Item>\n```'],
    [
      'signature of an empty response',
      'deleteItem',
      (d) => d.signature,
      '```ts\nitems.deleteItem(params: DeleteItemParams, options?: RequestOptions): Promise<void>\n```',
    ],
    ['return type links the model', 'getItem', (d) => d.returnType, '[Item](models/Item.md)'],
    ['return type of an empty response', 'deleteItem', (d) => d.returnType, 'void (empty response body)'],
    // A media type without a schema is still a body, read as the method reads it.
    // An example no header can carry would make the example throw and the curl line send other headers.
    ['a header example holding a line break is left out', 'getNotes', (d) => [d.callExpr.includes('X-Note'), d.curl.includes('Injected')], [false, false]],
    ['a required header whose example no header can carry gets a made-up one', 'getNotes', (d) => d.callExpr.includes("'X-Tag': 'example-X-Tag'"), true],
    ['return type of a PDF without a schema', 'getLabel', (d) => d.returnType, 'Blob'],
    ['return type of JSON without a schema', 'getRaw', (d) => d.returnType, 'any JSON value'],
    ['authorization: the document’s requirement', 'getItem', (d) => d.authorization, '[key](../README.md#authentication)'],
    [
      'authorization: alternatives and combined schemes',
      'deleteItem',
      (d) => d.authorization,
      '[basic](../README.md#authentication), or [key](../README.md#authentication) and [query](../README.md#authentication)',
    ],
    ['authorization: an empty requirement list is none', 'createItem', (d) => d.authorization, 'None'],
    [
      'parameter rows: location and requiredness in the notes',
      'getItem',
      (d) => d.params.map((p) => `${p.name} ${p.type} ${p.notes}`),
      ['`id` string path; required', '`fields` string query; optional', '`skip` integer query; optional'],
    ],
    [
      'the body row, with its description',
      'createItem',
      (d) => d.params,
      [{ name: '`body`', type: '[Item](models/Item.md)', description: 'The new item', notes: 'required' }],
    ],
    [
      'response rows: headers by name, `-` for none',
      'getItem',
      (d) => d.responses,
      [
        { status: '200', description: 'The item', headers: '`X-Rate`' },
        { status: '404', description: 'Not found', headers: '-' },
      ],
    ],
    ['content type: not defined without a body', 'getItem', (d) => d.contentType, 'Not defined'],
    ['method row', 'getItem', (d) => d.methodRow, { method: '[getItem](#getitem)', request: '`GET /items/{id}`', description: 'One item' }],
    [
      'curl: the example values serialised, the credential from its variable',
      'getItem',
      (d) => d.curl,
      "```sh\ncurl -X GET 'https://api.example.com/v1/items/example-id?fields=name' \\\n  -H 'X-Key: '\"$SHOP_API_KEY\" \\\n  -H 'Accept: application/json'\n```",
    ],
    [
      'curl: the operation’s own server, the first requirement’s credentials',
      'deleteItem',
      (d) => d.curl,
      // No response declares a body: the client sends no Accept header, and neither does the line.
      '```sh\ncurl -X DELETE \'https://eu.example.com/items/example-id\' \\\n  -u "$SHOP_USERNAME:$SHOP_PASSWORD"\n```',
    ],
    [
      'curl: a JSON body with its content type',
      'createItem',
      (d) => d.curl,
      "```sh\ncurl -X POST 'https://api.example.com/v1/items' \\\n  -H 'Accept: application/json' \\\n  -H 'Content-Type: application/json' \\\n  -d '{\"name\":\"example-name\"}'\n```",
    ],
    [
      'example: catches the declared 404 with its typed body',
      'getItem',
      (d) => /isGetItemError\(err\) && err instanceof NotFoundError/.test(d.example) && d.example.includes('const body: Problem = err.body;'),
      true,
    ],
    [
      'example: an operation without errors catches ApiError only',
      'deleteItem',
      (d) => d.example.includes('  if (err instanceof ApiError) {') && !d.example.includes('isDeleteItemError'),
      true,
    ],
    [
      'example: credentials of the first requirement',
      'deleteItem',
      (d) => d.example.includes('  username: process.env.SHOP_USERNAME,\n  password: process.env.SHOP_PASSWORD,'),
      true,
    ],
  ])('%s', (_rule, methodName, part, want) => {
    expect(part(section(methodName))).toEqual(want);
  });
});

describe('the return type, as the method reads the bodies', () => {
  // The client reads every success body of an operation one way, decided over all their media types.
  const returns = (responses: Record<string, unknown>): string => {
    const document = {
      openapi: '3.1.0',
      info: { title: 'Files', version: '1' },
      paths: { '/file': { get: { operationId: 'getFile', responses } } },
    } as unknown as OpenApiDocument;
    const built = buildApi({ document }, { name: 'files', packageName: '@acme/files', version: '1.0.0', generatorVersion: '0', specPath: 'files.yaml' });
    return built.resourceDocs.flatMap((d) => d.operations).find((o) => o.methodName === 'getFile')?.returnType ?? '';
  };
  const body = (...mediaTypes: string[]) => ({ description: 'ok', content: Object.fromEntries(mediaTypes.map((t) => [t, {}])) });
  it.each<[string, Record<string, unknown>, string]>([
    ['a PDF alone is read as a Blob', { '200': body('application/pdf') }, 'Blob'],
    ['CSV alone is read as text', { '200': body('text/csv') }, 'string'],
    ['JSON beside a PDF in another response: both parsed as JSON', { '200': body('application/json'), '202': body('application/pdf') }, 'any JSON value'],
    ['a PDF before JSON: the same', { '200': body('application/pdf'), '201': body('application/json') }, 'any JSON value'],
    ['text beside an image: both read as text', { '200': body('text/plain'), '201': body('image/png') }, 'string'],
    [
      'an image with a binary schema is read as a Blob, not a string',
      { '200': { description: 'ok', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } } },
      'Blob',
    ],
    [
      'a binary schema where the client reads text is still text',
      { '200': body('text/plain'), '201': { description: 'ok', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } } },
      'string',
    ],
  ])('%s', (_rule, responses, want) => {
    expect(returns(responses)).toBe(want);
  });
});

describe('the README', () => {
  it('picks the first GET (not the first operation) for its examples, and a GET the raw client can call with path values alone', () => {
    const picks = readmePicks(api, api.resourceDocs);
    expect([picks.resource?.property, picks.op?.methodName, picks.doc?.methodName, picks.raw?.methodName, picks.paginated]).toEqual([
      'items',
      'getItem',
      'getItem',
      'getItem',
      undefined,
    ]);
  });

  it('quick start without an operation: the client alone', () => {
    expect(quickStartExample(api, 'const client = new ShopApiClient();', undefined)).toBe(
      "```ts\nimport { ShopApiClient } from '@acme/shop';\n\nconst client = new ShopApiClient();\n```",
    );
  });

  it('api.md: every method with its request and standalone function', () => {
    expect(api.readme.apiRows).toEqual([
      {
        resource: 'items',
        entries: [
          { call: '`client.items.createItem(params: CreateItemParams) -> Item`', request: '`POST /items` · `createItem(core, params)`' },
          { call: '`client.items.getItem(params: GetItemParams) -> Item`', request: '`GET /items/{id}` · `getItem(core, params)`' },
          { call: '`client.items.deleteItem(params: DeleteItemParams) -> void`', request: '`DELETE /items/{id}` · `deleteItem(core, params)`' },
          { call: '`client.items.getLabel(params: GetLabelParams) -> Blob`', request: '`GET /items/{id}/label` · `getLabel(core, params)`' },
          { call: '`client.items.getNotes(params: GetNotesParams) -> void`', request: '`GET /items/{id}/notes` · `getNotes(core, params)`' },
          { call: '`client.items.getRaw(params: GetRawParams) -> unknown`', request: '`GET /items/{id}/raw` · `getRaw(core, params)`' },
        ],
      },
    ]);
  });
});

describe('a header example no header can carry, wherever the example comes from', () => {
  const unfit = 'a\r\nX-Injected: 1';
  const notes = {
    openapi: '3.0.3',
    info: { title: 'Notes', version: '1' },
    paths: {
      '/notes': {
        get: {
          operationId: 'listNotes',
          tags: ['notes'],
          parameters: [
            // The parameter's own example is not a string, so the schema's is the one chosen.
            { name: 'X-Optional', in: 'header', schema: { type: 'string', example: unfit }, example: 42 },
            { name: 'X-Required', in: 'header', required: true, schema: { type: 'string', example: unfit } },
            { name: 'X-Listed', in: 'header', required: true, schema: { type: 'string', examples: ['caf\u00e9 \u2603'] } },
            { name: 'X-Referred', in: 'header', required: true, schema: { $ref: '#/components/schemas/Note' } },
            // No value of its type can be carried: the strings lose what cannot.
            { name: 'X-Chosen', in: 'header', required: true, schema: { type: 'string', enum: ['one\r\ntwo'] } },
          ],
          responses: { '204': { description: 'None' } },
        },
      },
    },
    components: { schemas: { Note: { type: 'string', example: unfit } } },
  } as unknown as OpenApiDocument;
  const doc = buildApi({ document: notes }, { name: 'notes', packageName: 'notes', version: '1.0.0', generatorVersion: '0', specPath: 'notes.yaml' })
    .resourceDocs.flatMap((d) => d.operations)
    .find((o) => o.methodName === 'listNotes');

  it('is left out of an optional header, and made up for a required one', () => {
    expect(doc?.callExpr).not.toContain('X-Optional');
    expect(doc?.callExpr).toContain("'X-Required': 'example-X-Required'");
    expect(doc?.callExpr).toContain("'X-Listed': 'example-X-Listed'");
    expect(doc?.callExpr).toContain("'X-Referred': 'example-X-Referred'");
    expect(doc?.callExpr).toContain("'X-Chosen': 'onetwo'");
    expect(doc?.curl).not.toContain('Injected');
    expect(doc?.callExpr).not.toMatch(/Injected|\\u2603/);
  });
});
