/**
 * A corpus of broken specs in test/fixtures/invalid/, each mapped to its exact problem: issue code,
 * file, JSON pointer, line and column (and a fragment of the message). One fixture per issue code
 * then goes through the real CLI, which must exit 1 with located, stack-free problems and write
 * nothing. Fixtures whose output stays right generate with a warning (`lenient`), fatal under
 * `--strict`. Every fixture on disk is pinned in one of the two lists.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecError, type SpecIssue } from '../generator/issues.js';
import { generatePackage } from '../generator/pipeline/index.js';

const root = path.resolve(import.meta.dirname, '..');
/** The fixtures directory as tokenkit names files in its issues: relative to the working directory. */
const dir = path.relative(process.cwd(), path.resolve(import.meta.dirname, 'fixtures/invalid'));

/** One expected problem; `file` is relative to the fixtures directory and defaults to the fixture itself. */
interface Expected {
  code: string;
  pointer: string;
  line: number;
  column: number;
  /** A fragment the message must contain. */
  message: string;
  file?: string;
}

/** A fixture and every problem tokenkit reports for it, in report order. */
interface Case {
  fixture: string;
  issues: Expected[];
}

function at(code: string, pointer: string, line: number, column: number, message: string, file?: string): Expected {
  return file === undefined ? { code, pointer, line, column, message } : { code, pointer, line, column, message, file };
}

const op = (route: string, method: string, ...rest: string[]) => ['/paths', route.replace(/~/g, '~0').replace(/\//g, '~1'), method, ...rest].join('/');
const pagination = (field?: string) => op('/things', 'get', 'x-tokenkit-pagination', ...(field === undefined ? [] : [field]));
const jsonSchema = op('/things', 'get', 'responses', '200', 'content', 'application~1json', 'schema');

const corpus: Case[] = [
  // YAML syntax: the parser's own position.
  { fixture: 'yaml-syntax.yaml', issues: [at('parse', '/paths/~1a/get/responses', 8, 1, 'Flow map in block collection')] },
  { fixture: 'yaml-bad-indentation.yaml', issues: [at('parse', '/paths/~1things/get/operationId', 9, 1, 'All mapping items must start at the same column')] },
  {
    fixture: 'yaml-unclosed-flow-mapping.yaml',
    issues: [at('parse', '/info/version', 3, 1, 'Flow map in block collection must be sufficiently indented and end with a }')],
  },
  {
    fixture: 'yaml-unclosed-flow-sequence.yaml',
    issues: [at('parse', '/tags/1', 6, 1, 'Flow sequence in block collection must be sufficiently indented and end with a ]')],
  },
  {
    fixture: 'yaml-tab-indentation.yaml',
    issues: [at('parse', '', 3, 1, 'Tabs are not allowed as indentation'), at('parse', '', 4, 1, 'Tabs are not allowed as indentation')],
  },
  { fixture: 'yaml-duplicate-key.yaml', issues: [at('parse', '/info', 5, 3, 'Map keys must be unique')] },
  { fixture: 'yaml-duplicate-path.yaml', issues: [at('parse', '/paths', 12, 3, 'Map keys must be unique')] },
  { fixture: 'yaml-key-without-colon.yaml', issues: [at('parse', '/paths', 6, 3, 'Implicit keys need to be on a single line')] },
  { fixture: 'yaml-multiple-documents.yaml', issues: [at('parse', '/paths', 6, 1, 'Source contains multiple documents')] },
  // An unterminated string runs to the end of the file, where the parser notices; the problem is its opening quote.
  {
    fixture: 'yaml-unterminated-double-quote.yaml',
    issues: [at('parse', '/info/title', 3, 10, 'invalid YAML: Missing closing "quote: the string opened here is never closed')],
  },
  {
    fixture: 'yaml-unterminated-single-quote.yaml',
    issues: [at('parse', '/info/version', 4, 12, "invalid YAML: Missing closing 'quote: the string opened here is never closed")],
  },

  // JSON syntax: the offset V8 reports, as line and column.
  { fixture: 'json-syntax.json', issues: [at('parse', '/paths', 4, 13, "invalid JSON: Expected property name or '}'")] },
  { fixture: 'json-trailing-comma.json', issues: [at('parse', '', 5, 1, 'invalid JSON: Expected double-quoted property name')] },
  { fixture: 'json-unquoted-key.json', issues: [at('parse', '', 3, 3, 'invalid JSON: Expected double-quoted property name')] },
  { fixture: 'json-comment.json', issues: [at('parse', '', 3, 3, 'invalid JSON: Expected double-quoted property name')] },
  { fixture: 'json-truncated.json', issues: [at('parse', '/paths/~1things/get', 8, 1, 'invalid JSON: Expected double-quoted property name')] },
  { fixture: 'json-truncated-string.json', issues: [at('parse', '/paths', 4, 19, 'invalid JSON: Unterminated string')] },
  { fixture: 'json-unclosed-object.json', issues: [at('parse', '/paths', 5, 1, "invalid JSON: Expected ',' or '}' after property value")] },
  { fixture: 'json-trailing-garbage.json', issues: [at('parse', '', 6, 1, 'invalid JSON: Unexpected non-whitespace character after JSON')] },

  // Versions.
  {
    fixture: 'openapi-3.1.yaml',
    issues: [at('version', '/openapi', 1, 10, 'unsupported or missing "openapi" version "3.1"; expected a string 3.0.x or 3.1.x')],
  },
  { fixture: 'swagger-unsupported.yaml', issues: [at('version', '/swagger', 1, 10, 'unsupported "swagger" version "3.0"; expected "2.0"')] },
  // Shared parts put beside the specs rather than in a directory of their own.
  { fixture: 'fragment.yaml', issues: [at('version', '', 1, 1, 'put it in a directory of its own (specs/<name>/)')] },

  // Structure (Redocly `struct`).
  { fixture: 'paths-list.yaml', issues: [at('struct', '/paths', 6, 3, 'Expected type `Paths` (object) but got `array`')] },
  { fixture: 'schema-required-true.yaml', issues: [at('struct', '/components/schemas/Thing/required', 10, 17, 'Expected type `array` but got `boolean`.')] },
  {
    fixture: 'schema-properties-list.yaml',
    issues: [at('struct', '/components/schemas/Thing/properties', 11, 9, 'Expected type `SchemaProperties` (object) but got `array`')],
  },
  { fixture: 'components-schemas-list.yaml', issues: [at('struct', '/components/schemas', 8, 5, 'Expected type `NamedSchemas` (object) but got `array`')] },
  { fixture: 'operation-no-responses.yaml', issues: [at('struct', op('/things', 'get'), 7, 5, 'The field `responses` must be present on this level.')] },
  { fixture: 'operation-id-number.yaml', issues: [at('struct', op('/things', 'get', 'operationId'), 8, 20, 'Expected type `string` but got `integer`.')] },
  {
    fixture: 'response-no-description.yaml',
    issues: [at('struct', op('/things', 'get', 'responses', '200'), 10, 9, 'The field `description` must be present on this level.')],
  },
  {
    fixture: 'request-body-no-content.yaml',
    issues: [at('struct', op('/things', 'post', 'requestBody'), 9, 7, 'The field `content` must be present on this level.')],
  },
  { fixture: 'param-in-body.yaml', issues: [at('struct', op('/things', 'post', 'parameters', '0', 'in'), 11, 15, '`in` can be one of the following only')] },
  { fixture: 'param-no-name.yaml', issues: [at('struct', op('/things', 'get', 'parameters', '0'), 10, 11, 'The field `name` must be present on this level.')] },
  { fixture: 'param-no-in.yaml', issues: [at('struct', op('/things', 'get', 'parameters', '0'), 10, 11, 'The field `in` must be present on this level.')] },
  {
    fixture: 'security-scheme-unknown-type.yaml',
    issues: [at('struct', '/components/securitySchemes/magic/type', 9, 13, '`type` can be one of the following only')],
  },
  { fixture: 'api-key-no-name.yaml', issues: [at('struct', '/components/securitySchemes/apiKey', 8, 5, 'The field `name` must be present on this level.')] },
  { fixture: 'security-not-a-list.yaml', issues: [at('struct', '/security', 6, 3, 'Expected type `SecurityRequirementList` (array) but got `object`')] },
  {
    fixture: 'components-invalid-map-name.yaml',
    issues: [at('spec-components-invalid-map-name', '/components/schemas/Bad Name!', 8, 5, 'The map key in schemas "Bad Name!" does not match')],
  },

  // References: located at the `$ref`, in the file that holds it.
  {
    fixture: 'dangling-ref.yaml',
    issues: [
      at(
        'unresolved-ref',
        op('/a', 'get', 'responses', '200', 'content', 'application~1json', 'schema'),
        15,
        17,
        `Can't resolve $ref "#/components/schemas/Missing"`,
      ),
    ],
  },
  { fixture: 'dangling-ref-parameter.yaml', issues: [at('unresolved-ref', op('/things', 'get', 'parameters', '0'), 10, 11, "Can't resolve $ref")] },
  { fixture: 'dangling-ref-response.yaml', issues: [at('unresolved-ref', op('/things', 'get', 'responses', '404'), 11, 11, "Can't resolve $ref")] },
  { fixture: 'dangling-ref-request-body.yaml', issues: [at('unresolved-ref', op('/things', 'post', 'requestBody'), 10, 9, "Can't resolve $ref")] },
  { fixture: 'dangling-ref-nested-schema.yaml', issues: [at('unresolved-ref', '/components/schemas/Thing/properties/owner', 12, 11, "Can't resolve $ref")] },
  {
    fixture: 'missing-external-ref.yaml',
    issues: [at('unresolved-ref', jsonSchema, 15, 17, 'parts/no-such-file.yaml: no such file or directory (ENOENT)')],
  },
  // A $ref to the wrong kind of object: at the $ref, naming both kinds, not as the fields the target lacks.
  {
    fixture: 'ref-wrong-kind.yaml',
    issues: [
      at('ref-wrong-kind', op('/things', 'get', 'parameters', '0'), 10, 11, 'this $ref must point at a Parameter, but #/components/schemas/Limit is a Schema'),
    ],
  },
  { fixture: 'ref-without-hash.yaml', issues: [at('unresolved-ref', jsonSchema, 15, 17, 'components/schemas/Thing: no such file or directory (ENOENT)')] },
  { fixture: 'external-ref-missing-pointer.yaml', issues: [at('unresolved-ref', jsonSchema, 15, 17, `Can't resolve $ref "./parts/schemas.yaml#/Missing"`)] },
  {
    fixture: 'external-ref-broken-yaml.yaml',
    issues: [
      at('unresolved-ref', '', 4, 1, 'Failed to parse: invalid YAML: Flow map in block collection must be sufficiently indented', 'parts/broken.yaml'),
      at('unresolved-ref', jsonSchema, 15, 17, "Can't resolve $ref: invalid YAML: Flow map"),
    ],
  },
  {
    fixture: 'external-ref-dangling-inside.yaml',
    issues: [at('unresolved-ref', '/Thing/properties/owner', 5, 7, "Can't resolve $ref", 'parts/dangling.yaml')],
  },
  // A definition the converter renames (Page«User» is Page_User_ in OpenAPI 3) is found by its own name.
  {
    fixture: 'swagger-renamed-definition.yaml',
    issues: [at('time-mark', '/definitions/Page«User»/properties/at/x-tokenkit-time', 21, 26, 'not "whenever"')],
  },
  // A chain of references through other files: each $ref on it, in its own file (Redocly's bundler
  // only says "Self-referencing circular pointer").
  {
    fixture: 'ref-cycle-across-files.yaml',
    issues: [
      at('ref-cycle', jsonSchema, 15, 17, 'this $ref leads back to itself'),
      at('ref-cycle', '/A', 2, 3, 'this $ref leads back to itself', 'parts/cycle-a.yaml'),
      at('ref-cycle', '/B', 2, 3, 'this $ref leads back to itself', 'parts/cycle-b.yaml'),
    ],
  },
  // Through another file and back into the root: each $ref once, though the root is read again.
  {
    fixture: 'ref-cycle-through-root.yaml',
    issues: [
      at('ref-cycle', jsonSchema, 15, 17, 'this $ref leads back to itself'),
      at('ref-cycle', '/components/schemas/Thing', 19, 7, 'this $ref leads back to itself'),
      at('ref-cycle', '/Back', 2, 3, 'this $ref leads back to itself', 'parts/cycle-back.yaml'),
    ],
  },
  // Problems in the nodes a referenced file holds are placed in that file, by its own pointer and
  // line, though they are found in the bundled document (under the root's paths and components).
  {
    fixture: 'external-ref-problems-inside.yaml',
    issues: [
      at('path-parameters-defined', '/pet/get/parameters/0/name', 5, 15, 'Path parameter `petid` is not used', 'parts/pet-path.yaml'),
      at('path-parameters-defined', '/pet/get/parameters', 4, 5, 'does not define the path parameter `{petId}`', 'parts/pet-path.yaml'),
      at('struct', '/Thing/properties/tags/items', 8, 14, 'Expected type `Schema` (object) but got `integer`', 'parts/bad-items.yaml'),
    ],
  },
  // tokenkit's own checks run on the OpenAPI 3 document converted from Swagger 2.0, and are placed
  // in the Swagger file: a body parameter's schema, a definition, a query parameter's inline type.
  {
    fixture: 'swagger-checks.yaml',
    issues: [
      at('time-mark', '/paths/~1things/get/parameters/0/x-tokenkit-time', 14, 28, 'x-tokenkit-time: unix-ms needs a schema of type integer or number'),
      at('time-mark', '/paths/~1things/post/parameters/0/schema/properties/due/x-tokenkit-time', 28, 34, 'not "sometime"'),
      at('time-mark', '/definitions/Thing/properties/at/x-tokenkit-time', 40, 26, 'not "whenever"'),
    ],
  },

  { fixture: 'invalid-package-license.yaml', issues: [at('package-license', '/x-tokenkit/license', 6, 12, 'is not an SPDX license expression')] },
  {
    fixture: 'yaml-non-finite.yaml',
    issues: [
      at('parse', op('/a', 'get', 'responses', '200', 'content', 'application~1json', 'schema', 'enum', '0'), 13, 45, '.nan is not a number JSON can hold'),
      at('parse', op('/a', 'get', 'responses', '200', 'content', 'application~1json', 'schema', 'enum', '1'), 13, 51, '-.inf is not a number JSON can hold'),
    ],
  },
  {
    fixture: 'server-url-invalid.yaml',
    issues: [
      at('server-url', '/servers/0/url', 5, 10, 'server URL "https://api.example.com:99999" is not a URL'),
      at('server-url', op('/a', 'get', 'servers', '0', 'url'), 13, 23, 'server URL "https://exa%mple.com" is not a URL'),
    ],
  },
  { fixture: 'swagger-invalid-host.yaml', issues: [at('server-url', '/host', 4, 7, 'server URL "https://api.example.com:99999" is not a URL')] },
  { fixture: 'invalid-client-name.yaml', issues: [at('client-name', '/x-tokenkit/client', 6, 11, 'x-tokenkit.client 42 is not a class name')] },

  // Paths and their parameters.
  {
    fixture: 'undeclared-path-param.yaml',
    issues: [at('path-parameters-defined', op('/things/{thingId}', 'get', 'parameters'), 7, 5, 'does not define the path parameter `{thingId}`')],
  },
  {
    fixture: 'path-param-undeclared-second.yaml',
    issues: [
      at('path-parameters-defined', op('/owners/{ownerId}/things/{thingId}', 'get', 'parameters'), 13, 5, 'does not define the path parameter `{thingId}`'),
    ],
  },
  {
    fixture: 'path-param-not-in-path.yaml',
    issues: [
      at('path-parameters-defined', op('/things', 'get', 'parameters', '0', 'name'), 10, 17, 'Path parameter `thingId` is not used in the path `/things`.'),
    ],
  },

  // Operation ids and the method names made from them.
  {
    fixture: 'duplicate-operation-id.yaml',
    issues: [at('duplicate-operation-id', op('/b', 'get', 'operationId'), 14, 20, 'operationId "getThing" is used by another')],
  },
  {
    fixture: 'duplicate-operation-id-same-path.yaml',
    issues: [at('duplicate-operation-id', op('/things', 'post', 'operationId'), 13, 20, 'operationId "things" is used by another')],
  },
  {
    fixture: 'duplicate-operation-id-three.yaml',
    issues: [
      at('duplicate-operation-id', op('/b', 'get', 'operationId'), 14, 20, 'operationId "getThing" is used by another'),
      at('duplicate-operation-id', op('/c', 'get', 'operationId'), 20, 20, 'operationId "getThing" is used by another'),
    ],
  },
  {
    fixture: 'method-name-collision.yaml',
    issues: [at('name-collision', op('/b', 'get', 'operationId'), 14, 20, 'becomes method getThing, which "get-thing"')],
  },
  {
    fixture: 'method-name-collision-case.yaml',
    issues: [at('name-collision', op('/b', 'get', 'operationId'), 14, 20, 'operation "getThing" becomes method getThing, which "GetThing"')],
  },
  {
    fixture: 'method-name-collision-paginated.yaml',
    issues: [at('name-collision', op('/all-things', 'get', 'operationId'), 32, 20, 'becomes method listThingsAll, which "listThings" already has')],
  },
  {
    fixture: 'method-name-collision-paginated-first.yaml',
    issues: [at('name-collision', pagination(), 16, 9, 'the paginated method listThingsAll collides with operation "listThingsAll"')],
  },
  {
    fixture: 'operation-id-symbols.yaml',
    issues: [at('name-collision', op('/b', 'get', 'operationId'), 14, 20, 'becomes method unnamed, which "!!!" already has')],
  },

  // Security requirements naming undefined schemes: located on the scheme's key.
  {
    fixture: 'undefined-security-scheme.yaml',
    issues: [at('unknown-security-scheme', op('/things', 'get', 'security', '0', 'nope'), 11, 11, 'security scheme "nope" is not defined')],
  },
  {
    fixture: 'undefined-security-scheme-alternative.yaml',
    issues: [at('unknown-security-scheme', op('/things', 'get', 'security', '1', 'basic'), 11, 11, 'security scheme "basic" is not defined')],
  },
  {
    fixture: 'undefined-security-scheme-root.yaml',
    issues: [at('unknown-security-scheme', '/security/0/apiKey', 6, 5, 'security scheme "apiKey" is not defined')],
  },

  // The x-tokenkit extensions.
  {
    fixture: 'security-env-invalid.yaml',
    issues: [
      at(
        'security-env',
        '/components/securitySchemes/basicAuth/x-tokenkit-env',
        10,
        23,
        'x-tokenkit-env of an HTTP Basic scheme must be an object { username, password }',
      ),
      at('security-env', '/components/securitySchemes/tokenAuth/x-tokenkit-env', 14, 23, 'x-tokenkit-env must be an environment variable name'),
      at('security-env', '/components/securitySchemes/otherKey/x-tokenkit-env', 24, 23, 'THINGS_KEY is already the variable of security scheme "keyAuth"'),
    ],
  },
  { fixture: 'invalid-package-name.yaml', issues: [at('package-name', '/x-tokenkit/package', 6, 12, '"My Package" is not a valid npm package name')] },
  { fixture: 'invalid-package-name-scope.yaml', issues: [at('package-name', '/x-tokenkit/package', 6, 12, '"@Acme/Things" is not a valid npm package name')] },
  {
    fixture: 'pagination-unsupported-style.yaml',
    issues: [at('pagination', pagination('style'), 10, 16, 'style must be one of `offset`, `page`, `cursor`, `next-url`, `link-header`')],
  },
  {
    fixture: 'pagination-unknown-offset-param.yaml',
    issues: [at('pagination', pagination('offsetParam'), 11, 22, 'the operation has no query parameter "skip"')],
  },
  {
    fixture: 'pagination-unknown-limit-param.yaml',
    issues: [at('pagination', pagination('limitParam'), 12, 21, 'the operation has no query parameter "pageSize"')],
  },
  { fixture: 'pagination-items-not-array.yaml', issues: [at('pagination', pagination('items'), 12, 16, 'the success response has no array at "data"')] },
  { fixture: 'pagination-items-missing.yaml', issues: [at('pagination', pagination('items'), 12, 16, 'the success response has no array at "results"')] },
  { fixture: 'pagination-unknown-total.yaml', issues: [at('pagination', pagination('total'), 13, 16, 'the success response has no field "count"')] },
  // The other pagination styles: each field belongs to its style, names what exists, and has its type.
  {
    fixture: 'pagination-unknown-field.yaml',
    issues: [
      at('pagination', pagination('offsetParam'), 12, 22, '`offsetParam` is not a field of `style: cursor`; its fields are `style`, `items`, `cursorParam`'),
    ],
  },
  {
    fixture: 'pagination-cursor-no-source.yaml',
    issues: [at('pagination', pagination(), 10, 9, '`style: cursor` needs one of `nextCursor` (a response field) or `itemCursor`')],
  },
  { fixture: 'pagination-cursor-unknown-item-field.yaml', issues: [at('pagination', pagination('itemCursor'), 13, 21, 'an item has no field "uid"')] },
  { fixture: 'pagination-cursor-not-string.yaml', issues: [at('pagination', pagination('nextCursor'), 13, 21, '`nextCursor` must be a non-empty string')] },
  { fixture: 'pagination-page-unknown-param.yaml', issues: [at('pagination', pagination('pageParam'), 11, 20, 'the operation has no query parameter "p"')] },
  { fixture: 'pagination-page-bad-start.yaml', issues: [at('pagination', pagination('start'), 12, 16, '`start` must be a whole number, 0 or more')] },
  {
    fixture: 'pagination-next-url-unknown-field.yaml',
    issues: [at('pagination', pagination('next'), 12, 15, 'the success response has no field "links.next"')],
  },
  {
    fixture: 'pagination-link-header-not-array.yaml',
    issues: [at('pagination', pagination(), 10, 9, 'the success response is not an array: name the array of items with `items`')],
  },
  {
    fixture: 'pagination-link-header-post.yaml',
    issues: [
      at('pagination', op('/things', 'post', 'x-tokenkit-pagination', 'style'), 10, 16, '`style: link-header` follows a URL with GET; the operation is a POST'),
    ],
  },
  { fixture: 'pagination-two-success-bodies.yaml', issues: [at('pagination', pagination(), 10, 9, 'a paginated operation needs exactly one success body')] },
  {
    fixture: 'time-mark.yaml',
    issues: [
      at(
        'time-mark',
        op('/things/{id}/renew', 'post', 'parameters', '1', 'schema', 'x-tokenkit-time'),
        19,
        30,
        'x-tokenkit-time: unix-ms needs a schema of type integer or number',
      ),
      at(
        'time-mark',
        '/components/schemas/Renewal/properties/notAfter/x-tokenkit-time',
        45,
        28,
        'x-tokenkit-time must be one of unix-ms, unix-s, date-time, date, not "tomorrow"',
      ),
      // Where the docs do not read the mark (a response, a model no operation uses), a wrong one is still a typo.
      at(
        'time-mark',
        op('/things/{id}/renew', 'post', 'responses', '200', 'content', 'application~1json', 'schema', 'properties', 'renewedAt', 'x-tokenkit-time'),
        37,
        38,
        'not "unix-hours"',
      ),
      at('time-mark', '/components/schemas/Unused/properties/at/x-tokenkit-time', 51, 28, 'x-tokenkit-time: unix-s needs a schema of type integer or number'),
    ],
  },
  // Formerly known gaps, now reported with a location (parse/version/cycle/structure checks).
  { fixture: 'empty.yaml', issues: [at('parse', '', 1, 1, 'the file is empty')] },
  { fixture: 'empty.json', issues: [at('parse', '', 1, 1, 'the file is empty')] },
  { fixture: 'whitespace-only.yaml', issues: [at('parse', '', 1, 1, 'the file is empty')] },
  { fixture: 'comment-only.yaml', issues: [at('parse', '', 1, 1, 'the file is empty (it holds only comments)')] },
  { fixture: 'yaml-list-root.yaml', issues: [at('parse', '', 1, 1, 'the document is a list, not an object')] },
  { fixture: 'yaml-scalar-root.yaml', issues: [at('parse', '', 1, 1, 'the document is a string, not an object')] },
  { fixture: 'yaml-null-root.yaml', issues: [at('parse', '', 1, 1, 'the document is null, not an object')] },
  { fixture: 'json-array-root.json', issues: [at('parse', '', 1, 1, 'the document is a list, not an object')] },
  { fixture: 'json-single-quotes.json', issues: [at('parse', '/info/title', 3, 22, "invalid JSON: Unexpected token '''")] },
  { fixture: 'yaml-undefined-alias.yaml', issues: [at('parse', '', 6, 12, 'invalid YAML: Unresolved alias (the anchor must be set befor')] },
  { fixture: 'yaml-alias-bomb.yaml', issues: [at('parse', '', 6, 10, 'invalid YAML: Excessive alias count indicates a resource exh')] },
  { fixture: 'json-duplicate-key.json', issues: [at('parse', '/paths', 8, 5, 'appears twice in one object; keys must be unique')] },
  { fixture: 'invalid-package-name-number.yaml', issues: [at('package-name', '/x-tokenkit/package', 6, 12, '12 is not a valid npm package name')] },
  { fixture: 'missing-openapi.yaml', issues: [at('version', '', 1, 1, 'version null; expected a string 3.0.x or 3.1.x')] },
  { fixture: 'openapi-2.0.yaml', issues: [at('version', '/openapi', 1, 10, 'version 2; expected a string 3.0.x or 3.1.x')] },
  { fixture: 'openapi-3.0-number.yaml', issues: [at('version', '/openapi', 1, 10, 'version 3; expected a string 3.0.x or 3.1.x')] },
  { fixture: 'openapi-3.2.0.yaml', issues: [at('version', '/openapi', 1, 10, '"3.2.0"; expected a string 3.0.x or 3.1.x')] },
  { fixture: 'openapi-4.0.0.yaml', issues: [at('version', '/openapi', 1, 10, '"4.0.0"; expected a string 3.0.x or 3.1.x')] },
  {
    fixture: 'ref-self-cycle.yaml',
    issues: [
      at('ref-cycle', '/paths/~1things/get/responses/200/content/application~1json/schema', 15, 17, 'this $ref leads back to itself and names no schema'),
      at('ref-cycle', '/components/schemas/Thing', 19, 7, 'this $ref leads back to itself and names no schema'),
    ],
  },
  {
    fixture: 'ref-mutual-cycle.yaml',
    issues: [
      at('ref-cycle', '/paths/~1things/get/responses/200/content/application~1json/schema', 15, 17, 'this $ref leads back to itself and names no schema'),
      at('ref-cycle', '/components/schemas/A', 19, 7, 'this $ref leads back to itself and names no schema'),
      at('ref-cycle', '/components/schemas/B', 21, 7, 'this $ref leads back to itself and names no schema'),
    ],
  },
  {
    fixture: 'ref-parameter-cycle.yaml',
    issues: [
      at('ref-cycle', '/paths/~1things/get/parameters/0', 10, 11, 'this $ref leads back to itself and names no schema'),
      at('ref-cycle', '/components/parameters/Limit', 17, 7, 'this $ref leads back to itself and names no schema'),
    ],
  },
  { fixture: 'info-missing.yaml', issues: [at('struct', '', 1, 1, 'The field `info` must be present on this level.')] },
  { fixture: 'paths-missing-3.0.yaml', issues: [at('struct', '', 1, 1, 'The field `paths` must be present on this level.')] },
  {
    fixture: 'pagination-not-an-object.yaml',
    issues: [at('pagination', '/paths/~1things/get/x-tokenkit-pagination', 10, 9, 'x-tokenkit-pagination must be an object: { style, items, … }')],
  },
  {
    fixture: 'pagination-no-success-body.yaml',
    issues: [at('pagination', '/paths/~1things/get/x-tokenkit-pagination', 10, 9, 'a paginated operation needs exactly one success body')],
  },
  {
    fixture: 'unknown-root-field.yaml',
    issues: [
      at('struct', '', 1, 1, 'Must contain at least one of the following fields: paths, components, webhooks'),
      at('struct', '/path', 5, 1, 'Property `path` is not expected here.'),
    ],
  },
  { fixture: 'operation-unknown-method.yaml', issues: [at('struct', '/paths/~1things/fetch', 7, 5, 'Property `fetch` is not expected here.')] },
  { fixture: 'paths-no-leading-slash.yaml', issues: [at('struct', '/paths/things', 6, 3, 'Property `things` is not expected here.')] },
  { fixture: 'responses-invalid-status.yaml', issues: [at('struct', '/paths/~1things/get/responses/ok', 10, 9, 'Property `ok` is not expected here.')] },
  {
    fixture: 'param-duplicate.yaml',
    issues: [at('operation-parameters-unique', '/paths/~1things/get/parameters/1', 14, 11, 'Operations must have unique `name` + `in` parameters. Repeat')],
  },
];

/**
 * Findings that change nothing tokenkit generates (a schema keyword of the wrong shape, a missing
 * title, paths that differ only by a parameter's name): generation goes on and reports each as a warning; `--strict` makes each the located error
 * listed here.
 */
const lenient: Case[] = [
  { fixture: 'info-title-missing.yaml', issues: [at('struct', '/info', 2, 1, 'The field `title` must be present on this level.')] },
  { fixture: 'info-version-number.yaml', issues: [at('struct', '/info/version', 4, 12, 'Expected type `string` but got `integer`.')] },
  { fixture: 'schema-type-number.yaml', issues: [at('struct', '/components/schemas/Thing/type', 9, 13, '`type` can be one of the following only')] },
  { fixture: 'schema-type-unknown.yaml', issues: [at('struct', '/components/schemas/Thing/type', 9, 13, '`type` can be one of the following only')] },
  {
    fixture: 'external-ref-warning-inside.yaml',
    issues: [at('struct', '/Thing/properties/count/type', 5, 13, '`type` can be one of the following only', 'parts/odd-type.yaml')],
  },
  // The URL has no place without it: it is sent as required, as a Swagger 2.0 one is.
  {
    fixture: 'param-path-not-required.yaml',
    issues: [at('path-parameter-not-required', '/paths/~1things~1{thingId}/get/parameters/0/required', 12, 21, 'must have required: true')],
  },
  // A credential in a server URL is left out of the package, which would publish it.
  {
    fixture: 'server-credentials.yaml',
    issues: [at('server-credentials', '/servers/0/url', 5, 10, 'server URL holds a user name or password')],
  },
  // No credential the client can compute: the calls go without it, and the warning says so.
  {
    fixture: 'security-digest.yaml',
    issues: [at('security-unsupported', '/components/securitySchemes/d', 12, 5, 'security scheme "d" (HTTP "digest") has no credential the client can send')],
  },
  // fetch refuses such a header name: only the calls that send it fail.
  {
    fixture: 'header-name-not-token.yaml',
    issues: [
      at('header-name', op('/a', 'get', 'parameters', '0', 'name'), 10, 18, 'header name "X Bad Header" is not an HTTP token'),
      at('header-name', '/components/securitySchemes/key/name', 14, 43, 'header name "X Key\\r\\nInjected: 1" is not an HTTP token'),
    ],
  },
  // The default makes a URL: only a client given the other value could send nothing.
  {
    fixture: 'server-variable-value.yaml',
    issues: [at('server-variable-value', '/servers/0/variables/region/enum/1', 7, 40, 'a client given region "a b" could send no call')],
  },
  // OpenAPI allows one media type in a parameter's content: the first of several is what is sent.
  {
    fixture: 'param-content-two-types.yaml',
    issues: [at('parameter-content', '/paths/~1things/get/parameters/0/content', 13, 13, 'declares 2 media types in content')],
  },
  { fixture: 'schema-type-list-3.0.yaml', issues: [at('struct', '/components/schemas/Thing/type', 9, 13, '`type` can be one of the following only')] },
  // Paths equal up to a parameter's name break an OpenAPI rule, but openapi-fetch keys operations by
  // their templates, so every method is typed and sends its request as declared, with one method or
  // with the same on both (test/behaviour/identical-paths.test.ts). Which operation answers a request
  // both could send is the server's routing; 1% of the APIs.guru directory, Google's APIs among them,
  // has such pairs and routes them by the value.
  {
    fixture: 'identical-paths.yaml',
    issues: [at('no-identical-paths', '/paths/~1things~1{thingId}', 18, 3, 'differs only by path parameter name(s): `/things/{id}` and `/things/{thingId}`')],
  },
  {
    fixture: 'identical-paths-same-method.yaml',
    issues: [at('no-identical-paths', '/paths/~1things~1{thingId}', 18, 3, 'differs only by path parameter name(s): `/things/{id}` and `/things/{thingId}`')],
  },
];

function fixturePath(name: string): string {
  return path.join(dir, name);
}

async function issuesOf(name: string, strict = false): Promise<SpecIssue[]> {
  try {
    await generatePackage({ specFile: fixturePath(name), specPath: name, name: 'x', strict });
  } catch (err) {
    if (err instanceof SpecError) return err.issues;
    throw err;
  }
  throw new Error(`${name} generated without an error`);
}

describe('the invalid-spec corpus', () => {
  it('names every fixture once, in the corpus or among the lenient ones', () => {
    const onDisk = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
      .map((e) => e.name)
      .sort();
    const named = [...corpus.map((c) => c.fixture), ...lenient.map((c) => c.fixture)];
    expect(new Set(named).size).toBe(named.length);
    expect([...named].sort()).toEqual(onDisk);
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus.map((c) => [c.fixture, c] as const))('%s', async (_name, { fixture, issues: expected }) => {
    const issues = await issuesOf(fixture);
    expect(issues.map(({ code, file, pointer, line, column }) => ({ code, file, pointer, line, column }))).toEqual(
      expected.map(({ code, file, pointer, line, column }) => ({ code, file: fixturePath(file ?? fixture), pointer, line, column })),
    );
    issues.forEach((issue, i) => expect(issue.message).toContain(expected[i]?.message));
  });

  it('publishes no credential a server URL held', async () => {
    const pkg = await generatePackage({ specFile: fixturePath('server-credentials.yaml'), specPath: 'server-credentials.yaml', name: 'x' });
    expect([...pkg.files.values()].filter((text) => text.includes('s3cret'))).toEqual([]);
    expect(pkg.files.get('src/core.ts')).toContain("defaultBaseUrl: 'https://api.example.com/v1'");
  });

  it.each(lenient.map((c) => [c.fixture, c] as const))('%s generates with a warning, and fails under strict', async (_name, { fixture, issues: expected }) => {
    const pkg = await generatePackage({ specFile: fixturePath(fixture), specPath: fixture, name: 'x' });
    expect(pkg.warnings.map(({ code, pointer }) => ({ code, pointer }))).toEqual(expected.map(({ code, pointer }) => ({ code, pointer })));
    const issues = await issuesOf(fixture, true);
    expect(issues.map(({ code, file, pointer, line, column }) => ({ code, file, pointer, line, column }))).toEqual(
      expected.map(({ code, file, pointer, line, column }) => ({ code, file: fixturePath(file ?? fixture), pointer, line, column })),
    );
    issues.forEach((issue, i) => expect(issue.message).toContain(expected[i]?.message));
  });
});

const run = promisify(execFile);
const BIN = path.join(root, 'bin/tokenkit.js');
const CONCURRENCY = 4;

/** Runs `items` through `task`, at most `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The CLI adds only reporting and the promise to write nothing; the in-process cases above pin every
 * fixture. One fixture per issue code (and one from a referenced file) goes through the real CLI.
 */
const representative = [
  ...new Map(corpus.map((c) => [`${c.issues[0]?.code ?? ''}${c.issues.some((i) => i.file !== undefined) ? ' in another file' : ''}`, c])).values(),
];

describe('tokenkit generate --spec over a representative handful of the corpus', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'tokenkit-invalid-corpus-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('exits 1 with located problems, no stack trace, and writes nothing', { timeout: 480_000 }, async () => {
    const results = await pool(representative, CONCURRENCY, async ({ fixture, issues }) => {
      const out = path.join(work, fixture.replace(/\W/g, '-'));
      const spec = path.join(path.relative(root, path.resolve(import.meta.dirname, 'fixtures/invalid')), fixture);
      let code = 0;
      let stderr = '';
      try {
        ({ stderr } = await run(process.execPath, [BIN, 'generate', '--spec', spec, '--out', out], { cwd: root, env: { ...process.env, NO_COLOR: '1' } }));
      } catch (err) {
        const e = err as { code: number; stderr: string };
        ({ code, stderr } = e);
      }
      // Each file the problems lie in; for a problem inside a referenced file that file, not the spec.
      const files = [...new Set(issues.map((i) => path.join(path.dirname(spec), i.file ?? fixture)))];
      return { fixture, code, stderr, files, issues, outExists: existsSync(out) };
    });
    for (const r of results) {
      const where = `${r.fixture}:\n${r.stderr}`;
      expect(r.code, where).toBe(1);
      for (const file of r.files) expect(r.stderr, where).toContain(file);
      expect(r.stderr, where).toMatch(/:\d+:\d+ |#\/\S/);
      for (const i of r.issues) expect(r.stderr, where).toContain(`:${i.line}:${i.column}  #${i.pointer}  [${i.code}]`);
      expect(r.stderr, where).not.toContain('\n    at ');
      expect(r.outExists, `${r.fixture} created its output directory`).toBe(false);
    }
  });
});
