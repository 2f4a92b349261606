/**
 * The 30 GitHub operations the consumer type-check calls, each with its arguments and the property of
 * the result it reads. The consumer files for tokenkit, raw openapi-fetch and hey-api are all rendered
 * from this one table, so they make the same calls with the same values.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface GithubCall {
  /** GitHub's operationId. */
  operationId: string;
  method: HttpMethod;
  path: string;
  pathParams: Record<string, string | number>;
  query?: Record<string, string | number | boolean>;
  body?: { [key: string]: Json };
  /** The property of the success body the consumer reads; `length` for arrays. */
  read: string;
}

const repo = { owner: 'octocat', repo: 'hello-world' };

/** One call: `METHOD /path`, its path parameters, the property read, and its query or body. */
function call(
  operationId: string,
  route: string,
  pathParams: GithubCall['pathParams'],
  read: string,
  extra: Pick<GithubCall, 'query' | 'body'> = {},
): GithubCall {
  const [method, path] = route.split(' ') as [string, string];
  return { operationId, method: method.toLowerCase() as HttpMethod, path, pathParams, ...extra, read };
}

export const GITHUB_CALLS: readonly GithubCall[] = [
  call('repos/get', 'GET /repos/{owner}/{repo}', repo, 'full_name'),
  call('repos/list-for-org', 'GET /orgs/{org}/repos', { org: 'github' }, 'length', { query: { type: 'public', per_page: 10 } }),
  call('repos/list-branches', 'GET /repos/{owner}/{repo}/branches', repo, 'length', { query: { protected: true } }),
  call('repos/get-branch', 'GET /repos/{owner}/{repo}/branches/{branch}', { ...repo, branch: 'main' }, 'name'),
  call('repos/list-commits', 'GET /repos/{owner}/{repo}/commits', repo, 'length', { query: { sha: 'main', per_page: 5 } }),
  call('repos/list-releases', 'GET /repos/{owner}/{repo}/releases', repo, 'length'),
  call('repos/create-release', 'POST /repos/{owner}/{repo}/releases', repo, 'id', { body: { tag_name: 'v1.0.0', name: 'v1.0.0', draft: true } }),
  call('repos/list-tags', 'GET /repos/{owner}/{repo}/tags', repo, 'length'),
  call('repos/create-for-authenticated-user', 'POST /user/repos', {}, 'full_name', { body: { name: 'bench', private: true } }),
  call('repos/update', 'PATCH /repos/{owner}/{repo}', repo, 'description', { body: { description: 'benchmarked' } }),
  call('repos/list-contributors', 'GET /repos/{owner}/{repo}/contributors', repo, 'length'),
  call('issues/list-for-repo', 'GET /repos/{owner}/{repo}/issues', repo, 'length', { query: { state: 'open', labels: 'bug' } }),
  call('issues/get', 'GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: 1 }, 'title'),
  call('issues/create', 'POST /repos/{owner}/{repo}/issues', repo, 'number', { body: { title: 'Bench', body: 'Opened by the benchmark.', labels: ['bug'] } }),
  call('issues/update', 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: 1 }, 'state', { body: { state: 'closed' } }),
  call('issues/list-comments', 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: 1 }, 'length'),
  call('issues/create-comment', 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: 1 }, 'id', { body: { body: 'Thanks!' } }),
  call('issues/list-labels-for-repo', 'GET /repos/{owner}/{repo}/labels', repo, 'length'),
  call('pulls/list', 'GET /repos/{owner}/{repo}/pulls', repo, 'length', { query: { state: 'open' } }),
  call('pulls/get', 'GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: 2 }, 'merged'),
  call('pulls/create', 'POST /repos/{owner}/{repo}/pulls', repo, 'number', { body: { title: 'Bench', head: 'feature', base: 'main' } }),
  call('pulls/list-files', 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...repo, pull_number: 2 }, 'length'),
  call('pulls/merge', 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', { ...repo, pull_number: 2 }, 'merged', { body: { merge_method: 'squash' } }),
  call('users/get-authenticated', 'GET /user', {}, 'login'),
  call('users/get-by-username', 'GET /users/{username}', { username: 'octocat' }, 'login'),
  call('orgs/get', 'GET /orgs/{org}', { org: 'github' }, 'login'),
  call('git/get-ref', 'GET /repos/{owner}/{repo}/git/ref/{ref}', { ...repo, ref: 'heads/main' }, 'ref'),
  call('git/create-ref', 'POST /repos/{owner}/{repo}/git/refs', repo, 'ref', {
    body: { ref: 'refs/heads/bench', sha: 'aa218f56b14c9653891f9e74264a383fa43fefbd' },
  }),
  call('search/repos', 'GET /search/repositories', {}, 'total_count', { query: { q: 'openapi', sort: 'stars' } }),
  call('actions/list-workflow-runs-for-repo', 'GET /repos/{owner}/{repo}/actions/runs', repo, 'total_count', { query: { status: 'success' } }),
];
