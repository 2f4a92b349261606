/** CHANGELOG.md entries, newest first, listing the changes by operation. No dates: output stays deterministic. */
import { mdCode, mdText } from '../escape/markdown.js';
import type { Change } from './classify.js';

const SECTIONS: [Change['class'], string][] = [
  ['breaking', 'Breaking changes'],
  ['non-breaking', 'Additions'],
  ['docs', 'Documentation'],
];

/** The entry for one version. */
export function changelogEntry(version: string, changes: readonly Change[], specPath: string): string {
  const lines = [`## ${version}`, ''];
  if (changes.length === 0) {
    lines.push(`Generated from ${mdCode(specPath)}.`, '');
    return lines.join('\n');
  }
  for (const [cls, title] of SECTIONS) {
    const group = changes.filter((c) => c.class === cls);
    if (group.length === 0) continue;
    lines.push(`### ${title}`, '');
    for (const c of group) lines.push(`- ${c.operation ? `${mdCode(c.operation)}: ` : ''}${mdText(c.message.replace(/^operation `[^`]*` /, 'operation '))}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The whole file: a title, then the new entry above the old ones. */
export function prependEntry(existing: string | undefined, entry: string): string {
  const title = '# Changelog\n\n';
  const rest = existing?.startsWith(title) ? existing.slice(title.length) : (existing ?? '');
  return `${title}${entry}\n${rest}`.replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n');
}

/**
 * The file without the entry of `version` when it is the newest: a pending version's entry is
 * rewritten on every generation, not stacked.
 */
export function dropEntry(existing: string | undefined, version: string): string | undefined {
  const title = '# Changelog\n\n';
  if (existing === undefined || !existing.startsWith(`${title}## ${version}\n`)) return existing;
  const rest = existing.slice(title.length);
  const next = rest.indexOf('\n## ');
  return next < 0 ? title : `${title}${rest.slice(next + 1)}`;
}
