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
  // A `then` method makes an object thenable: `await client.things` would call it. `catch` and
  // `finally` go with it, so a resource never looks like a promise.
  'then',
  'catch',
  'finally',
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

const OTHER = 0;
const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;

function kindAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 97 && c <= 122) return LOWER;
  if (c >= 48 && c <= 57) return DIGIT;
  return OTHER;
}

/**
 * Splits any name into words: camelCase, snake_case, kebab-case, spaces and symbols. An uppercase
 * run is one word (`JSONPatch` → `JSON`, `Patch`), and stays whole before a plural `s` (`VPCs`,
 * `IPs`); a single capital before a capitalised word joins it (`OAuth`, `IPv6` stay one word).
 * One pass, no backtracking: linear in the length of the name, however long.
 */
export function words(name: string): string[] {
  // Decomposed accents are dropped rather than splitting a word: `Créer` → `Creer`.
  const text = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const found: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const kind = kindAt(text, i);
    if (kind === OTHER) {
      if (start !== -1) found.push(text.slice(start, i));
      start = -1;
      continue;
    }
    if (start === -1) {
      start = i;
      continue;
    }
    if (kind !== UPPER) continue;
    const prev = kindAt(text, i - 1);
    // When `prev` is a capital, the word so far is all capitals: a lowercase letter would have ended the run.
    const hump = prev === LOWER || prev === DIGIT;
    const plural = text.charCodeAt(i + 1) === 115 && kindAt(text, i + 2) !== LOWER;
    const capitalised = prev === UPPER && kindAt(text, i + 1) === LOWER && i - start >= 2 && !plural;
    if (hump || capitalised) {
      found.push(text.slice(start, i));
      start = i;
    }
  }
  if (start !== -1) found.push(text.slice(start));
  return found;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `PascalCase`, prefixed when it would start with a digit; `Unnamed` when nothing is left. */
export function pascalCase(name: string): string {
  // Each word is capitalised and the rest lowered, acronyms included: `VPCs` → `Vpcs`, `OAuth` → `Oauth`.
  const result = words(name)
    .map((w) => capitalise(w.toLowerCase()))
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
