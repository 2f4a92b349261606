/**
 * Points in time in request examples are relative to when the example runs: the TypeScript
 * expression and the curl line's shell expansion both land 30 days from now, whatever literal the
 * spec gives, while response examples keep their literals.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlArgs, curlUrl, expandTimePlaceholders, withTimePlaceholders } from '../../generator/model/build-curl.js';
import { exampleFor, RelativeTime, requestExample, tsLiteral } from '../../generator/model/build-examples.js';
import type { OpenApiDocument } from '../../generator/json.js';

const document = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    schemas: {
      Renewal: {
        type: 'object',
        required: ['name', 'notAfter'],
        properties: {
          name: { type: 'string' },
          notAfter: { type: 'string', format: 'date-time', example: '2020-01-01T00:00:00Z' },
          day: { type: 'string', format: 'date' },
          window: { type: 'array', items: { type: 'integer', 'x-tokenkit-time': 'unix-s' } },
        },
      },
    },
  },
} as unknown as OpenApiDocument;
const renewal = { $ref: '#/components/schemas/Renewal' };
const DAY = 86_400_000;

function near30Days(ms: number): void {
  expect(Math.abs(ms - (Date.now() + 30 * DAY))).toBeLessThan(120_000);
}

describe('request examples', () => {
  it('replace a literal point in time, also inside a body the spec gives whole', () => {
    const built = requestExample(document, renewal, 'body') as Record<string, unknown>;
    expect(built.notAfter).toBeInstanceOf(RelativeTime);
    const given = requestExample(document, renewal, 'body', { value: { name: 'n', notAfter: '2020-01-01T00:00:00Z', day: '2020-01-01', window: [1, 2] } });
    expect(given).toEqual({
      name: 'n',
      notAfter: new RelativeTime('date-time'),
      day: new RelativeTime('date'),
      window: [new RelativeTime('unix-s'), new RelativeTime('unix-s')],
    });
    expect(requestExample(document, { type: 'integer', 'x-tokenkit-time': 'unix-ms' }, 'expiry', { value: 1767225600000 })).toEqual(
      new RelativeTime('unix-ms'),
    );
  });

  it('leave response examples and unmarked numbers alone', () => {
    expect((exampleFor(document, renewal) as Record<string, unknown>).notAfter).toBe('2020-01-01T00:00:00Z');
    expect(requestExample(document, { type: 'integer', format: 'int64' }, 'n', { value: 1767225600000 })).toBe(1767225600000);
    expect(requestExample(document, { type: 'integer', 'x-tokenkit-time': 'soon' }, 'n', { value: 5 })).toBe(5);
  });

  it('print TypeScript that evaluates to 30 days from now', () => {
    const code = tsLiteral({ a: new RelativeTime('unix-ms'), b: new RelativeTime('unix-s'), c: new RelativeTime('date-time'), d: new RelativeTime('date') });
    // The example is TypeScript whose expressions are also plain JavaScript.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
    const value = new Function(`return ${code.replace(/_/g, '')};`)() as { a: number; b: number; c: string; d: string };
    near30Days(value.a);
    near30Days(value.b * 1000);
    near30Days(Date.parse(value.c));
    expect(value.d).toBe(value.c.slice(0, 10));
  });

  it('print a curl line whose shell expansions give 30 days from now', () => {
    const request = {
      method: 'POST',
      baseUrl: 'https://api.example.com',
      route: '/things/{id}',
      params: [
        { name: 'id', in: 'path' as const, encoding: {}, value: 'x' },
        { name: 'expiry', in: 'query' as const, encoding: {}, value: withTimePlaceholders(new RelativeTime('unix-ms')) },
      ],
      body: {
        mediaType: 'application/json',
        kind: 'json' as const,
        value: withTimePlaceholders({ name: "it's", notAfter: new RelativeTime('date-time'), window: [new RelativeTime('unix-s')] }),
        encoding: {},
      },
    };
    const words = [`'${curlUrl(request)}'`, ...curlArgs(request)].map(expandTimePlaceholders);
    const out = execFileSync('bash', ['-c', `printf '%s\\n' ${words.join(' ')}`], { encoding: 'utf8' }).split('\n');
    const expiry = Number(new URL(out[0] ?? '').searchParams.get('expiry'));
    near30Days(expiry);
    const body = JSON.parse(out.at(-2) ?? '') as { name: string; notAfter: string; window: number[] };
    expect(body.name).toBe("it's");
    near30Days(Date.parse(body.notAfter));
    expect(typeof body.window[0]).toBe('number');
    near30Days((body.window[0] ?? 0) * 1000);
  });
});
