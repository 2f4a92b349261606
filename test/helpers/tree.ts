/** A directory's files and their contents, for comparing trees byte for byte. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `root`, by relative path; directories named in `skip` are left out. */
export async function readTree(root: string, skip: readonly string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(root, path.join(e.parentPath, e.name));
    if (!e.isFile() || rel.split(path.sep).some((part) => skip.includes(part))) continue;
    out[rel] = await readFile(path.join(e.parentPath, e.name), 'utf8');
  }
  return out;
}
