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
