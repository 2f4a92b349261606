/** Turning spec names into identifiers that are valid, distinct and stable. */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await any boolean number string symbol ' +
    'never unknown object undefined'
  ).split(' '),
);

/** Names a method or property must not take on a class: they would shadow the object model. */
const MEMBER_RESERVED = new Set([
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'toJSON',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** Splits any name into words: camelCase, snake_case, kebab-case, spaces and symbols. */
export function words(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `PascalCase`, prefixed when it would start with a digit; `Unnamed` when nothing is left. */
export function pascalCase(name: string): string {
  const result = words(name)
    .map((w) => capitalise(w.toLowerCase() === w || w.toUpperCase() === w ? w.toLowerCase() : w))
    .join('');
  if (result === '') return 'Unnamed';
  return /^[0-9]/.test(result) ? `_${result}` : result;
}

/** A type name: kept as written when it is already a valid, unreserved identifier, else PascalCase. */
export function typeName(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : pascalCase(name);
}

/** `camelCase`; a name that is already a valid camel-case identifier is kept as it is. */
export function camelCase(name: string): string {
  if (/^[a-z][A-Za-z0-9]*$/.test(name)) return name;
  const pascal = pascalCase(name);
  if (pascal.startsWith('_')) return pascal;
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** `kebab-case`, for file names. */
export function kebabCase(name: string): string {
  return (
    words(name)
      .map((w) => w.toLowerCase())
      .join('-') || 'unnamed'
  );
}

/** A name safe as a class member (method or property). */
export function memberName(name: string): string {
  const camel = camelCase(name);
  return MEMBER_RESERVED.has(camel) ? `${camel}_` : camel;
}

/**
 * Hands out distinct names. The first claimant of a name keeps it; later ones get `2`, `3`, … in
 * the order they ask, which is the spec's order, so names are stable from run to run.
 */
export class NameRegistry {
  readonly #taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.#taken.add(name.toLowerCase());
  }

  /** Whether `name` (in any case) is taken. */
  has(name: string): boolean {
    return this.#taken.has(name.toLowerCase());
  }

  /** Claims `name`, or the first free numbered variant. Names differing only by case count as the same. */
  claim(name: string): string {
    let candidate = name;
    for (let n = 2; this.#taken.has(candidate.toLowerCase()); n++) candidate = `${name}${n}`;
    this.#taken.add(candidate.toLowerCase());
    return candidate;
  }
}
