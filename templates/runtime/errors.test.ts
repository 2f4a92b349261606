/** Error classes by status, messages with the server's words, connection failures named, and the operation guard. */
import { describe, expect, it } from 'vitest';
import * as errors from './errors.js';
import { STATUS_ERRORS, errorClassName, errorClassNames } from './error-table.js';
import { connectionFailedMessage, describeNetworkFailure } from './network-failure.js';
import { isOperationError } from './operation-error.js';
import { MAX_SERVER_MESSAGE, serverMessage } from './server-message.js';

const ctx = { operationId: 'getToken', method: 'GET', url: 'https://api.example.com/tokens/1' };
const make = (status: number, body?: unknown) => errors.errorForStatus(ctx, status, new Headers(), body, undefined);

describe('the status table', () => {
  it('is what errorForStatus throws, for every row, 5xx and any other status', () => {
    for (const row of STATUS_ERRORS) expect(make(row.status).name).toBe(row.className);
    expect(make(503)).toBeInstanceOf(errors.InternalServerError);
    expect(make(418).name).toBe('ApiError');
    expect(make(302).name).toBe('ApiError');
    expect(errorClassName(599)).toBe('InternalServerError');
    expect(errorClassName(600)).toBe('ApiError');
  });

  it('names exactly the error classes the runtime exports, each under its own name', () => {
    const exported = Object.entries(errors)
      .filter(([, value]) => typeof value === 'function' && (value as { prototype?: unknown }).prototype instanceof Error)
      .map(([name]) => name)
      .sort();
    expect(errorClassNames().sort()).toEqual(exported);
  });
});

describe('an ApiError message', () => {
  it.each([
    [{ message: 'Token not found' }, 'Token not found'],
    [{ code: 'not_found', message: 'No such token' }, 'No such token'],
    [{ title: 'Bad', detail: 'limit must be at most 100' }, 'limit must be at most 100'],
    [{ error: 'invalid_grant', error_description: 'The code expired' }, 'The code expired'],
    [{ error: { code: 7, message: 'nested' } }, 'nested'],
    [{ errors: [{ message: 'first of many' }, { message: 'second' }] }, 'first of many'],
    ['plain text reason', 'plain text reason'],
  ])('quotes the server: %j', (body, said) => {
    expect(make(404, body).message).toBe(`getToken: GET https://api.example.com/tokens/1 answered 404: ${said}`);
  });

  it.each([[undefined], [{}], [{ message: '   ' }], ['<html><body>502 Bad Gateway</body></html>'], [[{ message: 'an array body' }]], [42]])(
    'says only the status when the body has no message: %j',
    (body) => {
      expect(make(502, body).message).toBe('getToken: GET https://api.example.com/tokens/1 answered 502');
    },
  );

  it('keeps the message on one line, bounded', () => {
    const said = serverMessage({ message: `line one\r\nforged: line\u2028two \u202e${'x '.repeat(400)}` }) ?? '';
    expect(said).not.toMatch(/[\r\n\u2028\u202e]/);
    expect(said.startsWith('line one forged: line two x x')).toBe(true);
    expect(said.length).toBe(MAX_SERVER_MESSAGE);
    expect(said.endsWith('…')).toBe(true);
  });

  it.each([
    ['invalid token ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
    ['header was Bearer abc123secret', 'abc123secret'],
    ['api_key=hunter2 is not valid', 'hunter2'],
    ['bad request to /x?access_token=s3cr3t&y=1', 's3cr3t'],
    ['password: "correct horse" rejected', 'correct'],
    ['key eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123def456 expired', 'eyJhbGciOiJIUzI1NiJ9'],
  ])('redacts what looks like a credential: %s', (text, secret) => {
    const message = make(401, { message: text }).message;
    expect(message).toContain('[redacted]');
    expect(message).not.toContain(secret);
  });

  it("redacts the client's own credentials, whatever their shape", () => {
    const err = errors.errorForStatus(
      { ...ctx, secrets: ['hunter22', 'dXNlcjpodW50ZXIyMg=='] },
      401,
      new Headers(),
      { message: 'bad hunter22 (dXNlcjpodW50ZXIyMg==)' },
      undefined,
    );
    expect(err.message).toBe('getToken: GET https://api.example.com/tokens/1 answered 401: bad [redacted] ([redacted])');
    // The body is the server's own; nothing else on the error keeps the client's secrets.
    expect(JSON.stringify(Object.entries(err).filter(([key]) => key !== 'body'))).not.toContain('hunter22');
  });

  it('redacts a credential echoed in other case or split by characters that show as nothing', () => {
    const secrets = ['hunter22', 's3cr3t.key+1'];
    expect(serverMessage({ message: 'bad HUNTER22 and hun\u200bter\ufeff22' }, secrets)).toBe('bad [redacted] and [redacted]');
    // A secret is matched as text, its regular-expression characters included.
    expect(serverMessage({ message: 'bad S3CR3T.KEY+1, not s3cr3tXkey+1' }, secrets)).toBe('bad [redacted], not s3cr3tXkey+1');
  });

  it.each([
    ['an invisible separator', '\u2063'],
    ['a combining grapheme joiner', '\u034f'],
    ['tag characters', '\u{e0041}\u{e007f}'],
    ['a left-to-right mark', '\u200e'],
    ['an Arabic letter mark', '\u061c'],
    ['a variation selector', '\ufe0f'],
    ['a Hangul filler', '\u3164'],
    ['a right-to-left override', '\u202e'],
    ['a NUL', '\u0000'],
    ['a line feed', '\n'],
  ])("redacts the client's own credential split by %s", (_name, split) => {
    const secret = 'hunter22';
    const echoed = `${secret.slice(0, 3)}${split}${secret.slice(3, 6)}${split}${secret.slice(6)}`;
    expect(serverMessage({ message: `bad ${echoed} given` }, [secret])).toBe('bad [redacted] given');
  });

  it('redacts a token split by characters that show as nothing', () => {
    const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    const said = serverMessage({ message: `invalid token ${token.slice(0, 12)}\u200e${token.slice(12, 20)}\u2063\u{e0020}${token.slice(20)}` }) ?? '';
    expect(said).toBe('invalid token [redacted]');
  });

  it('reads only the start of a message of megabytes, so the patterns that look ahead stay cheap', () => {
    // 150,000 characters without a digit held the event loop for about 18 s when the whole text was scanned.
    expect(serverMessage({ message: 'a'.repeat(150_000) })).toBe(`${'a'.repeat(MAX_SERVER_MESSAGE - 1)}…`);
    const long = serverMessage({ message: `${'word '.repeat(100_000)}ghp_16C7e42F292c6912E7710c838347Ae178B4a` }) ?? '';
    expect(long.length).toBe(MAX_SERVER_MESSAGE);
  });

  it('cuts a long message between words, so no credential is left in part', () => {
    // Four long tokens, redacted to a few words, then a token that the end of what is read falls into
    // (the first 1,600 characters: 1,564 before, then the padding, a space and 40 of token).
    const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    const before = `${'a1'.repeat(195)} `.repeat(4);
    let reached = 0;
    for (let pad = 1; pad < 35; pad++) {
      const said = serverMessage({ message: `${before}${'x'.repeat(pad)} ${token} and more` }) ?? '';
      if (said.includes(` ${'x'.repeat(pad)} `)) reached++;
      expect(said).not.toMatch(/ghp_|16C7|B4a/);
    }
    expect(reached).toBe(34);
  });

  it('leaves ids and ordinary words readable', () => {
    expect(serverMessage({ message: 'Token 61095542756dba551110ae21 not found; invalid token format' })).toBe(
      'Token 61095542756dba551110ae21 not found; invalid token format',
    );
  });
});

describe('a ConnectionError message', () => {
  const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });
  const sysError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
  it.each([
    [fetchFailed(sysError('ECONNREFUSED')), 'connection refused, ECONNREFUSED'],
    [fetchFailed(sysError('ECONNRESET')), 'connection reset, ECONNRESET'],
    [fetchFailed(sysError('ENOTFOUND')), 'host name not found (DNS), ENOTFOUND'],
    [fetchFailed(sysError('UND_ERR_SOCKET')), 'connection closed by the server, UND_ERR_SOCKET'],
    [fetchFailed(sysError('CERT_HAS_EXPIRED')), 'TLS failed, CERT_HAS_EXPIRED'],
    [fetchFailed(sysError('ERR_TLS_CERT_ALTNAME_INVALID')), 'TLS failed, ERR_TLS_CERT_ALTNAME_INVALID'],
    [fetchFailed(new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')])), 'connection refused, ECONNREFUSED'],
    [fetchFailed(sysError('EWHATEVER')), 'EWHATEVER'],
    [new TypeError('error sending request for url (https://x/?key=s3cr3t): tcp connect error: Connection refused (os error 111)'), 'connection refused'],
    [new TypeError('Failed to fetch'), undefined],
  ])('names the reason: %s', (err, reason) => {
    expect(describeNetworkFailure(err)).toBe(reason);
    const message = connectionFailedMessage('getToken', err);
    expect(message).toBe(reason === undefined ? 'getToken: connection failed' : `getToken: connection failed (${reason})`);
    expect(message).not.toContain('s3cr3t');
  });

  it('survives a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(describeNetworkFailure(a)).toBeUndefined();
  });
});

describe('isOperationError', () => {
  const declared = { '404': 'object', '4XX': 'any', default: 'object' } as const;
  it.each([
    ['a declared status with an object body', make(404, { message: 'x' }), declared, true],
    ['a declared status whose body is a text page', make(404, '<html>'), declared, false],
    ['a status a range covers', make(409, 'text'), declared, true],
    ['a status only default covers, object body', make(500, { m: 1 }), declared, true],
    ['a status only default covers, text body', make(500, 'oops'), declared, false],
    ['an undeclared status', make(500, { m: 1 }), { '404': 'any' }, false],
    ['another operation', errors.errorForStatus({ ...ctx, operationId: 'other' }, 404, new Headers(), {}, undefined), declared, false],
    ['a network failure', new errors.ConnectionError('getToken: connection failed', 'getToken'), {}, true],
    ['a timeout', new errors.TimeoutError('t', 'getToken'), {}, true],
    ['an abort', new errors.AbortError('a', 'getToken'), {}, true],
    ['a refusal', new errors.InvalidInputError('i', 'getToken'), declared, false],
    ['a missing credential', new errors.MissingCredentialError('m', 'getToken'), declared, false],
    ['an unreadable 2xx', new errors.ResponseParseError(ctx, 200, new Headers(), 'x'), { default: 'any' }, false],
    ['not an error', { operationId: 'getToken', status: 404 }, declared, false],
  ] as const)('%s → %s', (_, err, table, expected) => {
    expect(isOperationError(err, 'getToken', table)).toBe(expected);
  });
});
