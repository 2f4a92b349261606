/**
 * Control characters in spec strings. A NUL or an escape shows as nothing in Markdown or a comment,
 * and one in a generated file makes git and grep treat the file as binary.
 */

/**
 * The characters, as a regular-expression class body: C0 controls but tab, line feed and carriage
 * return, DEL, and the bidirectional marks and overrides, with which text reads in another order
 * than it is written (in a comment, one can make code look commented out: Trojan Source).
 */
export const CONTROL_CLASS = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';

/** Matches one control character. */
export const CONTROL_CHARS = new RegExp(`[${CONTROL_CLASS}]`);

const CONTROLS = new RegExp(`[${CONTROL_CLASS}]`, 'g');

/** `text` with its control characters taken out; the same string when it has none. */
export function withoutControls(text: string): string {
  return CONTROL_CHARS.test(text) ? text.replace(CONTROLS, '') : text;
}
