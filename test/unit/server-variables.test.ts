/**
 * What the docs and the client option's JSDoc say about a server variable: its own description when
 * it gives one, else a sentence naming it, then its default and allowed values.
 */
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../generator/json.js';
import { buildServers } from '../../generator/model/build-servers.js';

/** The summary of the `region` variable of these servers. */
function regionSummary(servers: unknown[]): string | undefined {
  const document = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, servers } as unknown as OpenApiDocument;
  return buildServers(document, [], 'Client', '@acme/client').variables.find((v) => v.name === 'region')?.summary;
}

describe('a server variable’s summary', () => {
  const server = (variable: Record<string, unknown>, url = 'https://{region}.example.com') => ({ url, variables: { region: { default: 'eu', ...variable } } });

  it.each<[string, unknown[], string]>([
    ['its description, made a sentence', [server({ description: 'The region' })], 'The region. Defaults to `eu`.'],
    ['no description: a sentence naming it', [server({})], 'The server variable `region`. Defaults to `eu`.'],
    // An empty description says nothing: it is no sentence, and would be left as a lone `.`.
    ['an empty description: as if none', [server({ description: '' })], 'The server variable `region`. Defaults to `eu`.'],
    ['a blank description: as if none', [server({ description: ' \n ' })], 'The server variable `region`. Defaults to `eu`.'],
    [
      'a blank description does not hide another server’s',
      [server({ description: ' ' }), server({ description: 'Where the data lives' }, 'https://{region}.example.org')],
      'Where the data lives. Defaults to `eu`.',
    ],
  ])('%s', (_rule, servers, want) => {
    expect(regionSummary(servers)).toBe(want);
  });
});
