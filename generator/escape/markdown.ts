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
 * Text for paragraphs, from a spec's CommonMark: HTML neutralised, line separators normalised, links
 * that would run code broken, and the page's outline kept. A fenced code block that opens at the
 * start of a line and closes is kept as code, verbatim (code renders as text); any other fence is
 * escaped, so an unclosed one cannot swallow the rest of the page. Blockquotes stay blockquotes (a
 * blank line follows every description, which ends them). Headings are moved down so that none is
 * above level `headingsFrom`, keeping their order: a description's `# Errors` sits under the page's
 * own headings, not beside them. Setext headings become ATX ones, so they can be moved.
 */
export function mdText(text: string, headingsFrom = 1): string {
  const plain = withoutControls(text);
  const lines = LINE_SEPARATOR.test(plain) ? plain.replace(/\r\n?|\u2028|\u2029/g, '\n') : plain;
  // Most descriptions hold no fence and no heading: one paragraph's escaping does.
  if (!MAY_HAVE_BLOCKS.test(lines)) return neutraliseLinks(escapeHtml(lines)).trim();
  const blocks = markdownBlocks(lines.split('\n'));
  const shift = Math.max(0, headingsFrom - Math.min(7, ...blocks.flatMap((b) => (b.code ? [] : headingLevels(b.lines)))));
  return blocks
    .map((b) => (b.code ? b.lines.join('\n') : neutraliseLinks(textBlock(b.lines, shift))))
    .join('\n')
    .trim();
}

/**
 * Plain text on one line, for what the spec means as text rather than CommonMark (a summary, a
 * format, a title): line breaks become spaces, so no heading, table or quote can start, and what
 * would make the line itself a block (`# x`, `> x`, `- x`, `1. x`, a fence) is escaped.
 */
export function mdInline(text: string): string {
  const line = withoutControls(text)
    .replace(/\s*(?:\r\n?|\n|\u2028|\u2029)\s*/g, ' ')
    .trim();
  const escaped = escapeHtml(line)
    .replace(/^(#{1,6}(?=[ \t]|$)|&gt;|[-+*](?=[ \t]|$)|`{3,}|~{3,}|=+$)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2');
  return neutraliseLinks(escaped);
}

/**
 * `text` cut before its first heading (outside code): the lead paragraphs and the rest, which starts
 * with that heading ('' when there is none).
 */
export function splitAtFirstHeading(text: string): { lead: string; rest: string } {
  const lines = text.replace(/\r\n?|\u2028|\u2029/g, '\n').split('\n');
  if (!MAY_HAVE_BLOCKS.test(text)) return { lead: text, rest: '' };
  let at = 0;
  for (const block of markdownBlocks(lines)) {
    if (!block.code) {
      const setext = block.lines.findIndex((line, i) => i > 0 && SETEXT_UNDERLINE.test(line) && isParagraphLine(block.lines[i - 1] ?? ''));
      const atx = block.lines.findIndex((line) => ATX_HEADING.test(line));
      const first = [atx, setext === -1 ? -1 : paragraphStart(block.lines, setext - 1)].filter((i) => i >= 0);
      if (first.length > 0) {
        const cut = at + Math.min(...first);
        return { lead: lines.slice(0, cut).join('\n').trim(), rest: lines.slice(cut).join('\n').trim() };
      }
    }
    at += block.lines.length;
  }
  return { lead: text, rest: '' };
}

// Anything that could be a fence, an ATX heading, a setext underline or a blockquote.
const MAY_HAVE_BLOCKS = /```|~~~|(?:^|\n) {0,3}(?:[#>]|=+[ \t]*(?:\n|$)|-+[ \t]*(?:\n|$))/;
const ATX_HEADING = /^( {0,3})(#{1,6})(?=[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
// A line that opens a fence at the very start of a line: one indented into a list item may end with
// the item, and what follows would then be read as text the renderer sees, not as code.
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** The lines cut into fenced code blocks that close (kept as written) and the text between them. */
function markdownBlocks(lines: string[]): { code: boolean; lines: string[] }[] {
  const blocks: { code: boolean; lines: string[] }[] = [];
  let text: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const open = FENCE_OPEN.exec(line);
    // A backtick fence's info string holds no backtick (then it is inline code).
    const fence = open?.[1];
    if (open && fence && !(fence.startsWith('`') && (open[2] ?? '').includes('`'))) {
      const close = lines.findIndex((l, j) => {
        if (j <= i) return false;
        const c = FENCE_CLOSE.exec(l)?.[1];
        return c !== undefined && c[0] === fence[0] && c.length >= fence.length;
      });
      if (close !== -1) {
        if (text.length > 0) blocks.push({ code: false, lines: text });
        text = [];
        blocks.push({ code: true, lines: lines.slice(i, close + 1) });
        i = close;
        continue;
      }
    }
    text.push(line);
  }
  if (text.length > 0) blocks.push({ code: false, lines: text });
  return blocks;
}

/** A line that may continue a paragraph into a setext heading: not blank, not another block's start. */
function isParagraphLine(line: string): boolean {
  return line.trim() !== '' && !/^ {4}|^ {0,3}(?:[>#]|[-+*][ \t]|\d{1,9}[.)][ \t]|```|~~~|\|)/.test(line) && !SETEXT_UNDERLINE.test(line);
}

/** The first line of the paragraph whose last line is `end`. */
function paragraphStart(lines: string[], end: number): number {
  let start = end;
  while (start > 0 && isParagraphLine(lines[start - 1] ?? '')) start--;
  return start;
}

/** The levels of the headings in text lines, ATX and setext. */
function headingLevels(lines: string[]): number[] {
  const levels: number[] = [];
  for (const [i, line] of lines.entries()) {
    const atx = ATX_HEADING.exec(line)?.[2];
    if (atx) levels.push(atx.length);
    else if (i > 0 && isParagraphLine(lines[i - 1] ?? '')) {
      const underline = SETEXT_UNDERLINE.exec(line)?.[1];
      if (underline) levels.push(underline.startsWith('=') ? 1 : 2);
    }
  }
  return levels;
}

/** Text lines escaped, with headings moved `shift` levels down (at most to 6). */
function textBlock(lines: string[], shift: number): string {
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    const underline = i > 0 && isParagraphLine(lines[i - 1] ?? '') ? SETEXT_UNDERLINE.exec(line)?.[1] : undefined;
    if (underline) {
      // The paragraph above is the heading's text, on one line.
      const start = paragraphStart(lines, i - 1);
      const title = out.splice(out.length - (i - start)).map((l) => l.trim());
      out.push(`${'#'.repeat(Math.min(6, (underline.startsWith('=') ? 1 : 2) + shift))} ${title.join(' ')}`);
      continue;
    }
    const escaped = escapeHtml(line)
      // A quote's markers are not HTML.
      .replace(/^( {0,3})((?:&gt; ?)+)/, (_m, indent: string, marks: string) => indent + marks.replace(/&gt;/g, '>'))
      // A fence that does not close, or does not start the line, is text.
      .replace(/^( {0,3})(`{3,}|~{3,})/, '$1\\$2');
    out.push(
      shift > 0 ? escaped.replace(ATX_HEADING, (_m, indent: string, marks: string) => `${indent}${'#'.repeat(Math.min(6, marks.length + shift))}`) : escaped,
    );
  }
  return out.join('\n');
}

/**
 * A table cell: one line, pipes escaped, no link that runs code. Code spans from the spec
 * (`` `token_code` ``) stay code spans, as in the spec's own rendering: their text is shown literally
 * (HTML in them is inert), and only their pipes are escaped, as GitHub's tables require. A backtick
 * that opens no span is escaped, and so is a tilde: marked reads no code span after one, and would
 * then pass the span's HTML through.
 */
export function mdCell(text: string): string {
  if (!CELL_SPECIAL.test(text)) return text.trim();
  const cell = withoutControls(text)
    .split(/\r\n?|\n|\u2028|\u2029/)
    .map((line) =>
      codeSpans(line)
        .map(({ code, text: part }) => (code ? part.replace(/\|/g, '\\|') : escapeHtml(part).replace(/[\\|`~]/g, '\\$&')))
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
