/** Reading generated Markdown the way a reader's tools do: code blocks, links, heading anchors. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import GithubSlugger from 'github-slugger';

/** A fenced code block. */
export interface CodeBlock {
  file: string;
  index: number;
  lang: string;
  code: string;
}

/** Every Markdown file under `dir`, relative paths. */
export async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md') && !path.join(e.parentPath, e.name).includes(`${path.sep}node_modules${path.sep}`))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** The fenced code blocks of a Markdown text (fences of three or more backticks). */
export function codeBlocks(file: string, text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const fence = /^(`{3,})([\w-]*)\n([\s\S]*?)\n\1$/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) blocks.push({ file, index: blocks.length, lang: m[2] ?? '', code: m[3] ?? '' });
  return blocks;
}

/** Text with code blocks and inline code removed, so links are read only from prose. */
function prose(text: string): string {
  return text.replace(/^(`{3,})[\w-]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^`]*?\1/g, '');
}

/** The GitHub anchors of a Markdown text's headings. */
export function anchors(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const out = new Set<string>();
  for (const m of prose(text).matchAll(/^#{1,6} (.+)$/gm)) out.add(slugger.slug(m[1] ?? ''));
  return out;
}

/** Each heading of a Markdown text by its GitHub anchor: which heading a `#anchor` link reaches. */
export function headingsByAnchor(text: string): Map<string, string> {
  const slugger = new GithubSlugger();
  const out = new Map<string, string>();
  for (const m of prose(text).matchAll(/^(#{1,6} .+)$/gm)) {
    const heading = m[1] ?? '';
    out.set(slugger.slug(heading.replace(/^#+ /, '')), heading);
  }
  return out;
}

/** Relative links `[text](target)` in prose. */
export function relativeLinks(text: string): string[] {
  return [...prose(text).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '').filter((t) => !/^[a-z]+:/i.test(t));
}

/** Reads a file as UTF-8. */
export const read = (file: string): Promise<string> => readFile(file, 'utf8');
