/** Duplicate keys in JSON are found where they are, and only keys count. */
import { expect, it } from 'vitest';
import { findDuplicateKey, mayRepeatKeys } from '../../generator/pipeline/json-duplicates.js';

it.each([
  ['{"a": 1, "a": 2}', { offset: 9, key: 'a' }],
  ['{"a": {"b": 1}, "c": {"b": 2}}', undefined],
  ['{"a": ["a", "a"], "b": "a"}', undefined],
  ['{"a": "\\"a\\": x", "a\\u0062": 1, "ab": 2}', { offset: 32, key: 'ab' }],
  ['{"x": [{"k": 1}, {"k": 2}], "y": {"k": 1, "k" : 2}}', { offset: 42, key: 'k' }],
  ['[{"a": 1}, {"a": 1}]', undefined],
  ['{"é": "ü", "ü": 1, "é" : 2}', { offset: 19, key: 'é' }],
  ['{"\\u00e9": 1, "é": 2}', { offset: 14, key: 'é' }],
  ['{"日本": 1, "日本x": 2, "日本": 3}', { offset: 20, key: '日本' }],
  ['{"a\\\\": 1, "a\\\\": 2}', { offset: 11, key: 'a\\' }],
  ['{"a\\\\": "\\\\", "b": "\\\\\\"c\\": 1", "c": 2}', undefined],
  ['{"__proto__": 1, "__proto__": 2}', { offset: 17, key: '__proto__' }],
  ['{"a": {"__proto__": {"b": 1}}, "b": [{"c": "d:"}, {"c" :1}]}', undefined],
])('%s', (text, expected) => {
  expect(findDuplicateKey(text)).toEqual(expected);
  // The count that spares a large spec the full search says yes exactly when there is a duplicate.
  expect(mayRepeatKeys(JSON.parse(text), Buffer.from(text, 'utf8'))).toBe(expected !== undefined);
});
