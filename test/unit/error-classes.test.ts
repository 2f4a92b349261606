/** Given an operation's declared error statuses, want the classes each may throw (from the runtime's table). */
import { describe, expect, it } from 'vitest';
import { errorClassesFor } from '../../generator/model/build-responses.js';

const ALL_4XX = [
  'BadRequestError',
  'AuthenticationError',
  'PermissionDeniedError',
  'NotFoundError',
  'ConflictError',
  'UnprocessableEntityError',
  'RateLimitError',
];

describe('errorClassesFor', () => {
  it.each([
    ['404', ['404'], ['NotFoundError']],
    ['429', ['429'], ['RateLimitError']],
    ['503', ['503'], ['InternalServerError']],
    ['418', ['418'], ['OtherApiError']],
    ['4XX', ['4XX'], [...ALL_4XX, 'OtherApiError']],
    ['4XX', ['404', '4XX'], [...ALL_4XX.filter((c) => c !== 'NotFoundError'), 'OtherApiError']],
    ['5XX', ['5XX'], ['InternalServerError']],
    ['default', ['default'], [...ALL_4XX, 'InternalServerError', 'OtherApiError']],
    ['default', ['401', '4XX', 'default'], ['InternalServerError', 'OtherApiError']],
    ['default', ['5XX', 'default'], [...ALL_4XX, 'OtherApiError']],
    ['x-extension', ['x-extension'], []],
  ])('%s among %j → %j', (key, declared, want) => {
    expect(errorClassesFor(key, declared)).toEqual(want);
  });
});
