/** Escapers for strings that land in TypeScript source. */
import { CONTROL_CLASS, withoutControls } from './controls.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

// What JSON.stringify escapes (quotes, backslashes, control characters, surrogates, lone or not), the
// single quote, the line and paragraph separators, and what shows as nothing or reorders the text
// around it (zero-width and bidirectional characters, which would let a literal read as other code
// than it is): a string without any is its literal's body as it is, and most spec strings are such strings.
// eslint-disable-next-line no-control-regex
const STRING_SPECIAL = /["'\\\u0000-\u001f\u2028\u2029\ud800-\udfff\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;
// In JSON.stringify's output: each escape, read whole, and what is escaped here besides.
const LITERAL_REWRITES = /\\(.)|'|[\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

// What jsDoc normalises: line separators and control characters, and the end of a comment.
const JSDOC_SPECIAL = new RegExp(`[\\r\\u2028\\u2029${CONTROL_CLASS}]|\\*\\/`);

/**
 * A single-quoted TypeScript string literal that holds `value` exactly and can close nothing but
 * itself, in the quote style of the rest of the generated code.
 */
export function tsString(value: string): string {
  if (!STRING_SPECIAL.test(value)) return `'${value}'`;
  // JSON.stringify escapes backslashes, control characters and lone surrogates; the JSON escapes
  // are read one at a time so only the quotes change: `\"` needs no escape between single quotes,
  // and a bare `'` gets one. The line and paragraph separators are escaped too, so the literal stays
  // on one line in every tool, and so are the invisible and bidirectional characters.
  const body = JSON.stringify(value)
    .slice(1, -1)
    .replace(LITERAL_REWRITES, (match, escaped?: string) => {
      if (escaped !== undefined) return escaped === '"' ? '"' : match;
      return match === "'" ? "\\'" : `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
  return `'${body}'`;
}

/** Whether `name` can be written bare as a property name or after a dot. */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Whether every object has `name` through its prototype (`constructor`, `toString`, `__proto__`, …). */
function isInherited(name: string): boolean {
  return name in Object.prototype;
}

/**
 * A property key for an interface or an object literal: bare when it is an identifier, else a string
 * literal. `__proto__` is computed, since written plainly in a literal it sets the prototype instead.
 */
export function tsPropertyKey(name: string): string {
  if (name === '__proto__') return `[${tsString(name)}]`;
  return isIdentifierName(name) ? name : tsString(name);
}

/**
 * `object.name` or `object['name']`. Unless the property is `required` (then its type says it is
 * there), a name every object inherits (`constructor`, `toString`, …) is read only as the object's
 * own property: unset, it is undefined, not Object.prototype's function.
 */
export function tsAccess(object: string, name: string, required = false): string {
  const key = tsString(name);
  if (isInherited(name)) return required ? `${object}[${key}]` : `(Object.hasOwn(${object}, ${key}) ? ${object}[${key}] : undefined)`;
  return isIdentifierName(name) ? `${object}.${name}` : `${object}[${key}]`;
}

/**
 * An object literal's text as written, or `as const` when it is the value of a key every object
 * inherits: TypeScript then types the value by the inherited member instead of the index signature
 * the literal is assigned to, and widens its string literals.
 */
export function tsLiteralValue(key: string, literal: string): string {
  return isInherited(key) ? `${literal} as const` : literal;
}

/**
 * The text of a JSDoc block, indented: every line prefixed with ` * `. Nothing inside can end the
 * comment: `*\/` is broken up, and line separators and control characters are normalised.
 */
export function jsDoc(lines: readonly string[], indent = ''): string {
  const joined = lines.join('\n');
  if (!JSDOC_SPECIAL.test(joined)) return jsDocBlock(joined.trim(), indent);
  const text = withoutControls(joined.replace(/\r\n?|\u2028|\u2029/g, '\n'))
    .replace(/\*\//g, '*\\/')
    .trim();
  return jsDocBlock(text, indent);
}

function jsDocBlock(text: string, indent: string): string {
  if (text === '') return '';
  const body = text
    .split('\n')
    .map((line) => (line.trim() === '' ? `${indent} *` : `${indent} * ${line.trimEnd()}`))
    .join('\n');
  return `${indent}/**\n${body}\n${indent} */\n`;
}
