/** Escapers for strings that land in Markdown. HTML is never rendered from a spec string. */
import { CONTROL_CLASS, withoutControls } from './controls.js';

// Most spec strings need no escaping at all; one scan for the characters any step below acts on
// lets those through untouched, instead of running every step's regular expression over them.
const HTML_SPECIAL = /[&<>]/;
const LINE_SEPARATOR = /[\r\u2028\u2029]/;
const CELL_SPECIAL = new RegExp(`[\\r\\n\\u2028\\u2029\`&<>\\\\|\\]${CONTROL_CLASS}]`);
const CODE_SPECIAL = new RegExp(`[\`\\r\\n\\u2028\\u2029${CONTROL_CLASS}]`);

function escapeHtml(text: string): string {
  if (!HTML_SPECIAL.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Link schemes kept live; any other (`javascript:`, `data:`, `vbscript:`, `file:`, …) is shown as text. */
const LIVE_SCHEMES = new Set(['http', 'https', 'mailto']);

function isLiveScheme(destination: string): boolean {
  // As a renderer reads it: backslash escapes undone, and characters browsers drop from URLs removed.
  const plain = destination
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0020\u007f]/g, '')
    .toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(plain)?.[1];
  return scheme === undefined || LIVE_SCHEMES.has(scheme);
}

/**
 * Links whose destination has a scheme that runs or loads code are broken up so they render as
 * text: the `(` of an inline link or image is escaped, and so is the `:` of a link definition.
 */
function neutraliseLinks(markdown: string): string {
  // Both patterns start at a `]`.
  if (!markdown.includes(']')) return markdown;
  return (
    markdown
      .replace(/\]\(([ \t]*\n?[ \t]*)([^\s)]*)/g, (all: string, space: string, destination: string) =>
        isLiveScheme(destination) ? all : `]\\(${space}${destination}`,
      )
      // A definition's label may hold escaped brackets and line breaks, so it is the `]:` that is
      // broken (`]\:`), wherever it is: an escaped colon ends no label.
      .replace(/\]:([ \t]*\n?[ \t]*)(\S*)/g, (all: string, space: string, destination: string) =>
        isLiveScheme(destination) ? all : `]\\:${space}${destination}`,
      )
  );
}

/**
 * Text for a paragraph: HTML neutralised, line separators normalised, and code fences at the start of a
 * line escaped, so an unbalanced fence in a description cannot swallow the rest of the page.
 * Inline Markdown (emphasis, `code`, links) is kept: OpenAPI descriptions are CommonMark; links that
 * would run code are not.
 */
export function mdText(text: string): string {
  const plain = withoutControls(text);
  const lines = LINE_SEPARATOR.test(plain) ? plain.replace(/\r\n?|\u2028|\u2029/g, '\n') : plain;
  const html = escapeHtml(lines);
  const fenced = html.includes('```') || html.includes('~~~') ? html.replace(/^( {0,3})(`{3,}|~{3,})/gm, '$1\\$2') : html;
  return neutraliseLinks(fenced).trim();
}

/**
 * A table cell: one line, pipes escaped, no link that runs code. Code spans from the spec
 * (`` `token_code` ``) stay code spans, as in the spec's own rendering: their text is shown literally
 * (HTML in them is inert), and only their pipes are escaped, as GitHub's tables require. A backtick
 * that opens no span is escaped.
 */
export function mdCell(text: string): string {
  if (!CELL_SPECIAL.test(text)) return text.trim();
  const cell = withoutControls(text)
    .split(/\r\n?|\n|\u2028|\u2029/)
    .map((line) =>
      codeSpans(line)
        .map(({ code, text: part }) => (code ? part.replace(/\|/g, '\\|') : escapeHtml(part).replace(/[\\|`]/g, '\\$&')))
        .join(''),
    )
    .join('<br>');
  return neutraliseLinks(cell).trim();
}

/** The text cut into code spans (with their backtick fences) and the text between them, as CommonMark reads it. */
function codeSpans(text: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`' || (i > 0 && text[i - 1] === '\\')) {
      i++;
      continue;
    }
    let run = i;
    while (text[run] === '`') run++;
    const fence = text.slice(i, run);
    // The closing fence is the next run of exactly as many backticks.
    let close = -1;
    for (let j = text.indexOf(fence, run); j !== -1; j = text.indexOf(fence, j + 1)) {
      if (text[j - 1] !== '`' && text[j + fence.length] !== '`') {
        close = j;
        break;
      }
    }
    if (close === -1) {
      i = run;
      continue;
    }
    if (i > plainStart) parts.push({ code: false, text: text.slice(plainStart, i) });
    parts.push({ code: true, text: text.slice(i, close + fence.length) });
    i = plainStart = close + fence.length;
  }
  if (plainStart < text.length) parts.push({ code: false, text: text.slice(plainStart) });
  return parts;
}

/** Inline code holding `text` exactly, fenced with more backticks than it contains. */
export function mdCode(text: string): string {
  if (!CODE_SPECIAL.test(text)) return text === '' ? '`  `' : `\`${text}\``;
  const flat = withoutControls(text).replace(/\r\n?|\n|\u2028|\u2029/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Inline code inside a table cell: fenced as {@link mdCode}, with pipes escaped as tables need. */
export function mdCellCode(text: string): string {
  const code = mdCode(text);
  return code.includes('|') ? code.replace(/\|/g, '\\|') : code;
}

/** A fenced code block that no line of `code` can close early. */
export function mdFence(lang: string, code: string): string {
  // Examples run to megabytes on a large spec: each step looks before it scans.
  const longest = code.includes('```') ? Math.max(2, ...(code.match(/`{3,}/g) ?? []).map((run) => run.length)) : 2;
  const fence = '`'.repeat(longest + 1);
  const lines = LINE_SEPARATOR.test(code) ? code.replace(/\r\n?|\u2028|\u2029/g, '\n') : code;
  return `${fence}${lang}\n${lines.endsWith('\n') ? lines.slice(0, -1) : lines}\n${fence}`;
}
