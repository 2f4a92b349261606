/** Escapers for strings that land in TypeScript source. */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A TypeScript string literal that holds `value` exactly and can close nothing but itself. */
export function tsString(value: string): string {
  // JSON.stringify escapes quotes, backslashes and control characters; the line and paragraph
  // separators are escaped too so the literal stays on one line in every tool.
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Whether `name` can be written bare as a property name or after a dot. */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A property key: bare when it is an identifier, else a string literal. */
export function tsPropertyKey(name: string): string {
  return isIdentifierName(name) ? name : tsString(name);
}

/** `object.name` or `object["name"]`. */
export function tsAccess(object: string, name: string): string {
  return isIdentifierName(name) ? `${object}.${name}` : `${object}[${tsString(name)}]`;
}

/**
 * The text of a JSDoc block, indented: every line prefixed with ` * `. Nothing inside can end the
 * comment: `*\/` is broken up, and line separators and control characters are normalised.
 */
export function jsDoc(lines: readonly string[], indent = ''): string {
  const text = lines
    .join('\n')
    .replace(/\r\n?|\u2028|\u2029/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\*\//g, '*\\/')
    .trim();
  if (text === '') return '';
  const body = text
    .split('\n')
    .map((line) => (line.trim() === '' ? `${indent} *` : `${indent} * ${line.trimEnd()}`))
    .join('\n');
  return `${indent}/**\n${body}\n${indent} */\n`;
}
