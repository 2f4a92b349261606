/** The README's retry and timeout figures say what the runtime does. */
import { expect, it } from 'vitest';
import { retryFacts } from '../../generator/model/build-readme.js';
import { DEFAULT_TIMEOUT_MS } from '../../templates/runtime/options.js';
import { isRetryableStatus } from '../../templates/runtime/retry.js';

const statuses = Array.from({ length: 500 }, (_, i) => 100 + i);

/** Whether a README list such as `408, 429, 5xx` names a status. */
function listed(list: string, status: number): boolean {
  return list.split(', ').some((item) => item === String(status) || (item.endsWith('xx') && String(status).startsWith(item.charAt(0))));
}

it('retried statuses: exactly the ones an idempotent call retries, and the ones any call retries', () => {
  const facts = retryFacts();
  expect(facts.retriedStatuses).toBe('408, 429, 5xx');
  for (const status of statuses) {
    expect([status, listed(facts.retriedStatuses, status)]).toEqual([status, isRetryableStatus('GET', status)]);
    expect([status, listed(facts.anyMethodStatuses, status)]).toEqual([status, isRetryableStatus('POST', status)]);
  }
});

it('the default timeout is the one the client applies, in seconds', () => {
  expect(DEFAULT_TIMEOUT_MS).toBe(60_000);
  expect(retryFacts().defaultTimeout).toBe('60 s');
});
