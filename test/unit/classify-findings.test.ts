/** Given a finding's location, whether it is inert (a warning) or changes the output (an error). */
import { describe, expect, it } from 'vitest';
import { isInert } from '../../generator/pipeline/classify-findings.js';

const cases: [string, boolean][] = [
  // Inside a schema: openapi-typescript types around it, and no request changes.
  ['/components/schemas/Thing/properties/name/nullable', true],
  ['/components/schemas/Thing/type', true],
  ['/paths/~1x/get/responses/200/content/application~1json/schema/type', true],
  ['/definitions/Thing/type', true],
  ['/paths/~1x/get/parameters/0/type', true],
  ['/components/headers/Rate/schema/format', true],
  ['/components/schemas/Thing/properties/constructor', true],
  // A property named like a keyword is a name: its own keywords are inside a schema.
  ['/components/schemas/PushOption/properties/properties/nullable', true],
  ['/components/schemas/Thing/properties/description/type', true],
  ['/components/schemas/Thing/properties/required/enum', false],
  // Documentation and extensions.
  ['/info', true],
  ['/info/version', true],
  ['/tags/0/name', true],
  ['/paths/~1x/get/x-codeSamples/0', true],
  ['/paths/~1x/get/responses/200/content/application~1json/examples/a/value', true],
  // What openapi-typescript walks as a collection, with the wrong shape.
  ['/components/schemas/Thing/properties', false],
  ['/components/schemas/Thing/required', false],
  ['/components/schemas/Thing/properties/name', false],
  ['/components/schemas/Thing/allOf', false],
  // Outside schemas: requests, security, structure.
  ['/components/schemas', false],
  ['/components/schemas/Thing', false],
  ['/components/securitySchemes/magic/type', false],
  ['/paths/~1x/fetch', false],
  ['/paths/things', false],
  ['/paths/~1x/get/parameters/0', false],
  ['', false],
];

describe('isInert', () => {
  it.each(cases)('%s → %s', (pointer, inert) => {
    const tokens =
      pointer === ''
        ? []
        : pointer
            .slice(1)
            .split('/')
            .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    expect(isInert(tokens)).toBe(inert);
  });
});
