/** Where a syntax error stops parsing, as a JSON pointer read from the text before it. */
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/issues.js';
import { parseText } from '../../generator/pipeline/parse.js';

function issuesOf(text: string, file: string) {
  try {
    parseText(text, file);
  } catch (err) {
    if (err instanceof SpecError) return err.issues.map((i) => [i.pointer, i.line, i.column]);
    throw err;
  }
  throw new Error('parsed');
}

describe('the pointer of a syntax error', () => {
  it.each([
    ['a member value', '{"paths": {"/a\\"b": {"get": {"responses": ]}}}}', '/paths/~1a"b/get/responses'],
    ['an array item', '{"tags": [{"name": "a"}, {"name": x}]}', '/tags/1/name'],
    ['a key being read', '{"info": {"title": "t", ,}}', '/info'],
    ['the root', '{,}', ''],
    ['a key with a slash and a tilde', '{"paths": {"/a~b": {"get": nope}}}', '/paths/~1a~0b/get'],
  ])('in JSON: %s', (_label, text, pointer) => {
    expect(issuesOf(text, 'spec.json')[0]?.[0]).toBe(pointer);
  });

  it('in YAML: the member being read at the first error, and the map for a bad key', () => {
    expect(issuesOf('openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses: {"200": {description: ok\n', 'spec.yaml')).toEqual([
      ['/paths/~1a/get/responses/200/description', 6, 1],
    ]);
    expect(issuesOf('info:\n  title: a\n  title: b\n', 'spec.yaml')).toEqual([['/info', 3, 3]]);
  });

  it('in YAML: one issue for a mistake the parser reports twice', () => {
    const issues = issuesOf('openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses: {"200": {description: ok\n', 'spec.yaml');
    expect(issues).toHaveLength(1);
  });
});
