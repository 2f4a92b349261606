/** Escapers: whatever the input, the output stays inside its context and means exactly the input. */
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { mdCell, mdCode } from '../../generator/escape/markdown.js';
import { jsDoc, tsPropertyKey, tsString } from '../../generator/escape/typescript.js';
import { jsonText } from '../../generator/escape/json-text.js';

const hostile = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '*/',
    '`',
    '${',
    '"',
    "'",
    '\\',
    '\u2028',
    '\u2029',
    '\u0000',
    '</script>',
    '*/ throw 1; /*',
    '| a | b |',
    '\n\n# heading',
    '__proto__',
    'constructor',
  ),
);
const text = fc.array(hostile, { maxLength: 6 }).map((parts) => parts.join(''));

function evaluate(source: string): unknown {
  // The generated packages' target: below ES2015 a computed `["__proto__"]` key compiles to an
  // assignment, which sets the prototype.
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  // Evaluating the generated code is the test.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  new Function('module', 'exports', js)(module, module.exports);
  return module.exports;
}

describe('tsString', () => {
  it('round-trips any string through a TypeScript literal', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(evaluate(`exports.v = ${tsString(value)};`)).toEqual({ v: value });
      }),
      { numRuns: 300 },
    );
  });

  it('writes one single-quoted literal on one line, whatever the string holds', () => {
    fc.assert(
      fc.property(text, (value) => {
        const literal = tsString(value);
        expect(literal).toMatch(/^'.*'$/s);
        // Inside the quotes, every quote and backslash is escaped: nothing closes the literal early.
        expect(literal.slice(1, -1)).not.toMatch(/(^|[^\\])(\\\\)*'/);
        expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
        // Each literal is a single token, so it is safe inside a template literal's `${…}` too.
        const tokens = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, literal);
        expect(tokens.scan()).toBe(ts.SyntaxKind.StringLiteral);
        expect(tokens.scan()).toBe(ts.SyntaxKind.EndOfFileToken);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['plain', "'plain'"],
    ["it's", "'it\\'s'"],
    ['say "hi"', `'say "hi"'`],
    ['a\\b', "'a\\\\b'"],
    ["\\'", "'\\\\\\''"],
    ['line\nbreak', "'line\\nbreak'"],
    ['\u2028\u2029', "'\\u2028\\u2029'"],
    ['${x}', "'${x}'"],
    ['\ud800', "'\\ud800'"],
    // What reorders or hides the text around it is written as an escape: the source reads as it runs.
    ['a\u202eb\u2066c\u200bd\ufeff', "'a\\u202eb\\u2066c\\u200bd\\ufeff'"],
  ])('%j → %s', (value, literal) => {
    expect(tsString(value)).toBe(literal);
    expect(evaluate(`exports.v = \`\${${literal}}\`;`)).toEqual({ v: value });
  });
});

describe('jsonText', () => {
  it('escapes what a reader would not see, and parses back to the same value', () => {
    const value = { 'k\u202e': ['a\u2066b\u200b', 'plain'] };
    const text = jsonText(value, 2);
    expect(text).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('"k\\u202e"');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('jsDoc', () => {
  it('never lets a description end the comment early', () => {
    fc.assert(
      fc.property(text, (value) => {
        const source = `${jsDoc([value])}exports.sentinel = 1;`;
        expect(evaluate(source)).toEqual({ sentinel: 1 });
      }),
      { numRuns: 300 },
    );
  });
});

describe('tsPropertyKey', () => {
  it('gives a key that names exactly the property', () => {
    fc.assert(
      fc.property(text, (name) => {
        expect(Object.keys(evaluate(`exports.o = { ${tsPropertyKey(name)}: 1 };`) as Record<string, Record<string, number>>)).toEqual(['o']);
        const o = (evaluate(`exports.o = { ${tsPropertyKey(name)}: 1 };`) as { o: Record<string, number> }).o;
        expect(Object.getOwnPropertyNames(o)).toEqual([name]);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['showAll', 'showAll'],
    ['$ref', '$ref'],
    ['x-request-id', "'x-request-id'"],
    ['401', "'401'"],
    ['class', 'class'],
    ['__proto__', "['__proto__']"],
  ])('%j is written %s: bare only when it is an identifier', (name, key) => {
    expect(tsPropertyKey(name)).toBe(key);
  });

  it('makes `__proto__` an own property, not the prototype', () => {
    const o = (evaluate(`exports.o = { ${tsPropertyKey('__proto__')}: 1 };`) as { o: object }).o;
    expect(Object.getOwnPropertyNames(o)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  });
});

describe('markdown', () => {
  it('keeps a table cell on one line with no unescaped pipe', () => {
    fc.assert(
      fc.property(text, (value) => {
        const cell = mdCell(value);
        expect(cell).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(cell).not.toMatch(/(^|[^\\])(\\\\)*\|/);
        // Inside a code span `<` is shown as it is, never read as HTML; everywhere else it must be escaped.
        const outsideCode = cell.replace(/(?<![\\`])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
        expect(outsideCode.replace(/<br>/g, '')).not.toMatch(/[<>]/);
      }),
    );
  });
  it('leaves a code span as written and escapes HTML around it', () => {
    // The property above once met this value: code spans are shown literally, so `<` stays there.
    expect(mdCell('`</script>`')).toBe('`</script>`');
    expect(mdCell('a `<b>` <i>')).toBe('a `<b>` &lt;i&gt;');
  });
  it('fences inline code with more backticks than it holds', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
  });
});

describe('mdCell keeps code spans', () => {
  it.each([
    ['The secret (as user `$app`).', 'The secret (as user `$app`).'],
    ['a | b `x|y` c', 'a \\| b `x\\|y` c'],
    ['lone ` tick', 'lone \\` tick'],
    ['``code with ` inside``', '``code with ` inside``'],
    ['<img src=x onerror=1> `<b>`', '&lt;img src=x onerror=1&gt; `<b>`'],
    ['line1\nline2 `c`', 'line1<br>line2 `c`'],
    ['C:\\path `C:\\path`', 'C:\\\\path `C:\\path`'],
  ])('%j → %j', (text, cell) => {
    expect(mdCell(text)).toBe(cell);
  });
});
