/** URLs a user gives (a repository, a registry) as tokenkit prints or publishes them: without credentials. */

/**
 * `raw` without the credentials a URL may carry (`https://user:token@host/…`, or a query such as
 * `?private_token=…`, which neither a repository nor a registry URL needs): a repository URL is
 * published in package.json, a registry URL printed. An ssh URL keeps its user name (`git@`), which
 * is no secret; text that is no URL (npm's `github:o/r` and `o/r` shorthands) is kept as it is.
 */
export function withoutCredentials(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (url.password === '' && url.search === '' && (url.username === '' || url.protocol.endsWith('ssh:'))) return raw;
  url.password = '';
  url.search = '';
  if (!url.protocol.endsWith('ssh:')) url.username = '';
  return url.href;
}

// A relative URL is resolved against some base: whichever it is, a user name or password is the URL's own.
const SOME_BASE = 'https://base.invalid/';
// What a URL parser skips before the URL.
// eslint-disable-next-line no-control-regex
const LEADING = /^[\u0000-\u0020]*/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// Schemes whose URLs always have a host: after them any slashes and backslashes, or none, lead to it.
const SPECIAL_SCHEME = /^(?:https?|wss?|ftp|file):/i;

/**
 * Where the host part of `raw` starts (after `scheme://`, or `//`), and whether the URL names a scheme
 * there; a URL with neither starts with its host as a reader (and curl) would read it: `user:pass@host/v1`
 * is the host `host` with credentials, though a URL parser takes `user:` for a scheme.
 */
function hostPart(raw: string): { start: number; schemeless: boolean } {
  const lead = LEADING.exec(raw)?.[0].length ?? 0;
  const rest = raw.slice(lead);
  const scheme = SCHEME.exec(rest)?.[0] ?? '';
  const afterScheme = rest.slice(scheme.length);
  const withHost = scheme !== '' && (SPECIAL_SCHEME.test(rest) || /^[\\/]/.test(afterScheme));
  const after = withHost ? afterScheme : rest;
  const slashes = /^[\\/]*/.exec(after)?.[0].length ?? 0;
  if (withHost) return { start: lead + scheme.length + slashes, schemeless: false };
  return { start: lead + slashes, schemeless: slashes === 0 };
}

/**
 * Whether `raw`, read as a URL, holds a user name or password: absolute (`https://user:p@ss@host`,
 * whose user info runs to the last `@` of the host part), against a base (`//user:pass@host`), or
 * written without its scheme (`user:pass@host/v1`).
 */
export function holdsCredentials(raw: string): boolean {
  const withUser = (url: URL | null) => url !== null && (url.username !== '' || url.password !== '');
  if (withUser(URL.parse(raw, SOME_BASE)) || withUser(URL.parse(raw))) return true;
  return hostPart(raw).schemeless && withUser(URL.parse(`https://${raw.replace(LEADING, '')}`));
}

/**
 * Where the user info of `raw` is, as it is written: from the start of the host part to its last `@`,
 * that `@` included (`[start, end)`); undefined when there is none. Found in the text rather than by
 * a parser, which would also encode the rest of the URL (its `{variables}` among it).
 */
export function userInfoSpan(raw: string): [start: number, end: number] | undefined {
  const { start } = hostPart(raw);
  const host = /[\\/?#]/.exec(raw.slice(start));
  const end = host === null ? raw.length : start + host.index;
  const at = end > start ? raw.lastIndexOf('@', end - 1) : -1;
  return at >= start ? [start, at + 1] : undefined;
}
