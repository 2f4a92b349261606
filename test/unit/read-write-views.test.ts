/**
 * Write views reached through a reference into a component's inside (`#/components/schemas/Project/properties/owner`):
 * a request body's reference points into the write view, unless it names a property the view leaves out.
 */
import { expect, it } from 'vitest';
import type { OpenApiDocument } from '../../generator/json.js';
import { splitReadWriteViews } from '../../generator/pipeline/read-write-views.js';

const owner = { type: 'object', required: ['id', 'email'], properties: { id: { type: 'integer', readOnly: true }, email: { type: 'string' } } };

function documentWith(requestRef: string): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/owners': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: requestRef } } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: requestRef } } } } },
        },
      },
    },
    components: {
      schemas: {
        Project: {
          type: 'object',
          required: ['id', 'owner'],
          properties: { id: { type: 'string', readOnly: true }, owner, audit: { type: 'object', readOnly: true, properties: { by: { type: 'string' } } } },
        },
      },
    },
  };
}

function bodyRefs(document: OpenApiDocument): { request: unknown; response: unknown } {
  const op = (document as unknown as { paths: Record<string, { post: Record<string, unknown> }> }).paths['/owners']!.post;
  const schemaOf = (holder: unknown) => (holder as { content: Record<string, { schema: { $ref: string } }> }).content['application/json']!.schema.$ref;
  return { request: schemaOf(op.requestBody), response: schemaOf((op.responses as Record<string, unknown>)['200']) };
}

it('points a request body reference into a component at the same place in its write view', () => {
  const viewed = splitReadWriteViews(documentWith('#/components/schemas/Project/properties/owner'));
  expect(bodyRefs(viewed)).toEqual({
    request: '#/components/schemas/ProjectWritable/properties/owner',
    response: '#/components/schemas/Project/properties/owner',
  });
  const schemas = (
    viewed as unknown as { components: { schemas: Record<string, { properties: Record<string, { required?: string[]; properties?: object }> }> } }
  ).components.schemas;
  // The target exists in the write view, without the property the request cannot send.
  expect(schemas.ProjectWritable!.properties.owner).toEqual({ type: 'object', required: ['email'], properties: { email: { type: 'string' } } });
});

it('keeps a reference to a property the write view leaves out pointing at the schema as written', () => {
  const viewed = splitReadWriteViews(documentWith('#/components/schemas/Project/properties/audit'));
  expect(bodyRefs(viewed).request).toBe('#/components/schemas/Project/properties/audit');
});

// Linode's LinodeRequest shares DiskRequest's writeOnly root_pass by a reference into it: the
// reference brings the mark along, so the read view leaves it out as it leaves out DiskRequest's own.
it('leaves out of the read view a property whose reference names a writeOnly property', () => {
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/linodes': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/LinodeRequest' } } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/LinodeRequest' } } } } },
        },
      },
    },
    components: {
      schemas: {
        DiskRequest: { type: 'object', properties: { image: { type: 'string' }, root_pass: { type: 'string', writeOnly: true } } },
        LinodeRequest: {
          type: 'object',
          properties: {
            image: { $ref: '#/components/schemas/DiskRequest/properties/image' },
            root_pass: { $ref: '#/components/schemas/DiskRequest/properties/root_pass' },
          },
        },
      },
    },
  };
  const schemas = (splitReadWriteViews(document).components as { schemas: Record<string, { properties: Record<string, unknown> }> }).schemas;
  expect(Object.keys(schemas.LinodeRequest?.properties ?? {})).toEqual(['image']);
  expect(Object.keys(schemas.DiskRequest?.properties ?? {})).toEqual(['image']);
});
