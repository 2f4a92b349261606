/**
 * `$ref` keys inside example values are data, hidden from the bundler and the linter and restored
 * after; a schema or component that is merely *named* `example`, `examples` or `value` is no
 * example, and its references stay references.
 */
import { describe, expect, it } from 'vitest';
import { hideExampleRefs, restoreExampleRefs } from '../../generator/pipeline/example-refs.js';

const sample = { $ref: '#/components/schemas/Sample' };

function document() {
  return {
    openapi: '3.0.3',
    paths: {
      '/a': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: { type: 'object' },
                  example: { link: { $ref: 'data, not a reference' } },
                  examples: { one: { summary: 's', value: { $ref: 'data too' } }, shared: { $ref: '#/components/examples/Shared' } },
                },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        example: { type: 'object', properties: { id: sample } },
        Thing: {
          type: 'object',
          properties: {
            example: sample,
            examples: { type: 'array', items: sample },
            value: sample,
            summary: { type: 'string' },
          },
          example: { example: { $ref: 'inside an example' } },
        },
      },
      examples: { Shared: { value: { $ref: 'shared data' } } },
    },
  };
}

describe('example refs', () => {
  it('hides $ref keys inside examples only', () => {
    const doc = document();
    hideExampleRefs(doc);
    const media = doc.paths['/a'].get.responses['200'].content['application/json'];
    expect(Object.keys(media.example.link)).not.toContain('$ref');
    expect(Object.keys(media.examples.one.value)).not.toContain('$ref');
    // A reference to a reusable Example Object is a reference.
    expect(media.examples.shared).toEqual({ $ref: '#/components/examples/Shared' });
    expect(Object.keys(doc.components.examples.Shared.value)).not.toContain('$ref');
    expect(Object.keys(doc.components.schemas.Thing.example.example)).not.toContain('$ref');
    // Properties and components named like examples are schemas.
    expect(doc.components.schemas.Thing.properties.example).toEqual(sample);
    expect(doc.components.schemas.Thing.properties.examples.items).toEqual(sample);
    expect(doc.components.schemas.Thing.properties.value).toEqual(sample);
    expect(doc.components.schemas.example.properties.id).toEqual(sample);
  });

  it('restores what it hid', () => {
    const doc = document();
    hideExampleRefs(doc);
    restoreExampleRefs(doc);
    expect(doc).toEqual(document());
  });
});
