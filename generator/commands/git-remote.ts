/** The project's git remote, as the URL a package.json `repository` field takes. */
import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { withoutCredentials } from '../url-credentials.js';

const run = promisify(execFile);

/**
 * `origin`'s URL as npm reads it (`git+https://…`, `git+ssh://…`), or undefined when there is no git,
 * no such remote, or the remote is a local path. Credentials in the URL are dropped.
 */
export async function gitRemoteUrl(root: string): Promise<string | undefined> {
  let raw: string;
  try {
    raw = (await run('git', ['config', '--get', 'remote.origin.url'], { cwd: root, timeout: 5000 })).stdout.trim();
  } catch {
    return undefined;
  }
  return repositoryUrl(raw);
}

/**
 * Where `root` is inside its git work tree, as a posix path (`sdk`, or '' at the top): the start of
 * every package's `repository.directory`. '' when there is no git or no work tree.
 */
export async function pathInRepository(root: string): Promise<string> {
  try {
    const top = (await run('git', ['rev-parse', '--show-toplevel'], { cwd: root, timeout: 5000 })).stdout.trim();
    const [realTop, realRoot] = await Promise.all([realpath(top), realpath(root)]);
    const rel = path.relative(realTop, realRoot);
    return rel.startsWith('..') || path.isAbsolute(rel) ? '' : rel.split(path.sep).join('/');
  } catch {
    return '';
  }
}

/** A git remote URL in the form npm's `repository.url` takes; undefined for local paths and file URLs. */
export function repositoryUrl(raw: string): string | undefined {
  const scp = /^([\w.-]+)@([\w.-]+):(?!\/)(.+)$/.exec(raw);
  if (scp) return `git+ssh://${scp[1]!}@${scp[2]!}/${scp[3]!}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'ssh:', 'git:', 'git+https:', 'git+ssh:'].includes(url.protocol) || url.hostname === '') return undefined;
  const clean = withoutCredentials(url.href);
  // WHATWG URLs cannot switch a special scheme (https) to a non-special one (git+https): prefix the text.
  return url.protocol.startsWith('git') ? clean : `git+${clean}`;
}
