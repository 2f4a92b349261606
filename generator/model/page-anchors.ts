/**
 * The anchors a Markdown renderer gives a page's headings. GitHub (and every renderer that follows its
 * slugs) numbers a repeated slug `-1`, `-2`, … in page order, so a method named `example` or
 * `parameters`, or one a description's own heading already took, is not at `#<name>`: links into a
 * page are only right when the page's headings are slugged in the order they are rendered.
 */
import GithubSlugger from 'github-slugger';

/** Fence openings as the Markdown escaper keeps them: three or more backticks or tildes. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** An ATX heading, also inside block quotes; its text without the closing hashes. */
const HEADING = /^(?:\s{0,3}>\s?)*\s{0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** The text of each heading of `markdown`, in order, outside fenced code. */
export function headingTexts(markdown: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opening = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (opening !== undefined && opening[0] === fence[0] && opening.length >= fence.length && line.trim() === opening) fence = undefined;
      continue;
    }
    if (opening !== undefined) {
      fence = opening;
      continue;
    }
    const heading = HEADING.exec(line);
    // A renderer slugs the heading's rendered text: escapes and emphasis marks are not part of it.
    if (heading) out.push((heading[1] ?? '').replace(/\\(.)/g, '$1').replace(/[*`]/g, ''));
  }
  return out;
}

/** Hands out a page's anchors in rendering order; every heading of the page must pass through it. */
export class PageAnchors {
  readonly #slugger = new GithubSlugger();

  /** The anchor of the next heading, whose text is `text`. */
  heading(text: string): string {
    return this.#slugger.slug(text);
  }

  /** Takes the anchors of the headings inside a rendered Markdown text. */
  text(markdown: string): void {
    for (const heading of headingTexts(markdown)) this.#slugger.slug(heading);
  }
}
