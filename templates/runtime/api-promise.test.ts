/** A method's promise: the body when awaited, the body with its response from `.withResponse()`, one call either way. */
import { describe, expect, it } from 'vitest';
import { ApiPromise, type CallResult } from './api-promise.js';

function call<T>(result: () => Promise<CallResult<T>>) {
  let calls = 0;
  const promise = new ApiPromise<T>(
    Promise.resolve().then(() => {
      calls++;
      return result();
    }),
  );
  return { promise, calls: () => calls };
}

describe('ApiPromise', () => {
  it('resolves to the body, and withResponse() to the body with status, headers and response, from one call', async () => {
    const response = new Response(null, { status: 201, headers: { 'x-ratelimit-remaining': '41' } });
    const { promise, calls } = call(() => Promise.resolve({ data: { id: 'a' }, response }));
    expect(await promise).toEqual({ id: 'a' });
    const full = await promise.withResponse();
    expect(full.data).toEqual({ id: 'a' });
    expect(full.status).toBe(201);
    expect(full.headers.get('x-ratelimit-remaining')).toBe('41');
    expect(full.response).toBe(response);
    expect(calls()).toBe(1);
  });

  it('rejects the same way through await, catch, finally and withResponse()', async () => {
    const failure = new Error('boom');
    const { promise } = call<number>(() => Promise.reject(failure));
    await expect(promise).rejects.toBe(failure);
    await expect(promise.withResponse()).rejects.toBe(failure);
    expect(await promise.catch((err: unknown) => err)).toBe(failure);
    await expect(promise.finally(() => undefined)).rejects.toBe(failure);
  });

  it('derives plain promises, so chaining never starts another call', async () => {
    const { promise, calls } = call(() => Promise.resolve({ data: 2, response: new Response(null) }));
    const derived = promise.then((n) => n * 2);
    expect(derived).not.toBeInstanceOf(ApiPromise);
    expect(await derived).toBe(4);
    expect(calls()).toBe(1);
  });
});
