/**
 * Control characters in spec strings. A NUL or an escape shows as nothing in Markdown or a comment,
 * and one in a generated file makes git and grep treat the file as binary; printed on a terminal, an
 * escape sequence is obeyed.
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

/**
 * What a terminal acts on instead of showing: every C0 control but tab (a line feed or carriage
 * return in a value would start a line of its own), DEL, the C1 controls (U+009B alone starts an
 * escape sequence) and the bidirectional overrides and isolates, which reorder what a reader sees.
 */
const TERMINAL_CLASS = '\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';

const TERMINAL_CONTROLS = new RegExp(`[${TERMINAL_CLASS}]`, 'g');

/**
 * `line` with every character a terminal would act on written as an escape (`\u001b`): the form JSON
 * uses, so a line of JSON stays JSON; escaping a line twice changes nothing more.
 */
export function visibleControls(line: string): string {
  return line.replace(TERMINAL_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
