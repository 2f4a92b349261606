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

export const GITHUB_CALLS: readonly GithubCall[] = [
  { operationId: 'repos/get', method: 'get', path: '/repos/{owner}/{repo}', pathParams: repo, read: 'full_name' },
  {
    operationId: 'repos/list-for-org',
    method: 'get',
    path: '/orgs/{org}/repos',
    pathParams: { org: 'github' },
    query: { type: 'public', per_page: 10 },
    read: 'length',
  },
  { operationId: 'repos/list-branches', method: 'get', path: '/repos/{owner}/{repo}/branches', pathParams: repo, query: { protected: true }, read: 'length' },
  { operationId: 'repos/get-branch', method: 'get', path: '/repos/{owner}/{repo}/branches/{branch}', pathParams: { ...repo, branch: 'main' }, read: 'name' },
  {
    operationId: 'repos/list-commits',
    method: 'get',
    path: '/repos/{owner}/{repo}/commits',
    pathParams: repo,
    query: { sha: 'main', per_page: 5 },
    read: 'length',
  },
  { operationId: 'repos/list-releases', method: 'get', path: '/repos/{owner}/{repo}/releases', pathParams: repo, read: 'length' },
  {
    operationId: 'repos/create-release',
    method: 'post',
    path: '/repos/{owner}/{repo}/releases',
    pathParams: repo,
    body: { tag_name: 'v1.0.0', name: 'v1.0.0', draft: true },
    read: 'id',
  },
  { operationId: 'repos/list-tags', method: 'get', path: '/repos/{owner}/{repo}/tags', pathParams: repo, read: 'length' },
  {
    operationId: 'repos/create-for-authenticated-user',
    method: 'post',
    path: '/user/repos',
    pathParams: {},
    body: { name: 'bench', private: true },
    read: 'full_name',
  },
  { operationId: 'repos/update', method: 'patch', path: '/repos/{owner}/{repo}', pathParams: repo, body: { description: 'benchmarked' }, read: 'description' },
  { operationId: 'repos/list-contributors', method: 'get', path: '/repos/{owner}/{repo}/contributors', pathParams: repo, read: 'length' },
  {
    operationId: 'issues/list-for-repo',
    method: 'get',
    path: '/repos/{owner}/{repo}/issues',
    pathParams: repo,
    query: { state: 'open', labels: 'bug' },
    read: 'length',
  },
  { operationId: 'issues/get', method: 'get', path: '/repos/{owner}/{repo}/issues/{issue_number}', pathParams: { ...repo, issue_number: 1 }, read: 'title' },
  {
    operationId: 'issues/create',
    method: 'post',
    path: '/repos/{owner}/{repo}/issues',
    pathParams: repo,
    body: { title: 'Bench', body: 'Opened by the benchmark.', labels: ['bug'] },
    read: 'number',
  },
  {
    operationId: 'issues/update',
    method: 'patch',
    path: '/repos/{owner}/{repo}/issues/{issue_number}',
    pathParams: { ...repo, issue_number: 1 },
    body: { state: 'closed' },
    read: 'state',
  },
  {
    operationId: 'issues/list-comments',
    method: 'get',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    pathParams: { ...repo, issue_number: 1 },
    read: 'length',
  },
  {
    operationId: 'issues/create-comment',
    method: 'post',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    pathParams: { ...repo, issue_number: 1 },
    body: { body: 'Thanks!' },
    read: 'id',
  },
  { operationId: 'issues/list-labels-for-repo', method: 'get', path: '/repos/{owner}/{repo}/labels', pathParams: repo, read: 'length' },
  { operationId: 'pulls/list', method: 'get', path: '/repos/{owner}/{repo}/pulls', pathParams: repo, query: { state: 'open' }, read: 'length' },
  { operationId: 'pulls/get', method: 'get', path: '/repos/{owner}/{repo}/pulls/{pull_number}', pathParams: { ...repo, pull_number: 2 }, read: 'merged' },
  {
    operationId: 'pulls/create',
    method: 'post',
    path: '/repos/{owner}/{repo}/pulls',
    pathParams: repo,
    body: { title: 'Bench', head: 'feature', base: 'main' },
    read: 'number',
  },
  {
    operationId: 'pulls/list-files',
    method: 'get',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/files',
    pathParams: { ...repo, pull_number: 2 },
    read: 'length',
  },
  {
    operationId: 'pulls/merge',
    method: 'put',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
    pathParams: { ...repo, pull_number: 2 },
    body: { merge_method: 'squash' },
    read: 'merged',
  },
  { operationId: 'users/get-authenticated', method: 'get', path: '/user', pathParams: {}, read: 'login' },
  { operationId: 'users/get-by-username', method: 'get', path: '/users/{username}', pathParams: { username: 'octocat' }, read: 'login' },
  { operationId: 'orgs/get', method: 'get', path: '/orgs/{org}', pathParams: { org: 'github' }, read: 'login' },
  { operationId: 'git/get-ref', method: 'get', path: '/repos/{owner}/{repo}/git/ref/{ref}', pathParams: { ...repo, ref: 'heads/main' }, read: 'ref' },
  {
    operationId: 'git/create-ref',
    method: 'post',
    path: '/repos/{owner}/{repo}/git/refs',
    pathParams: repo,
    body: { ref: 'refs/heads/bench', sha: 'aa218f56b14c9653891f9e74264a383fa43fefbd' },
    read: 'ref',
  },
  { operationId: 'search/repos', method: 'get', path: '/search/repositories', pathParams: {}, query: { q: 'openapi', sort: 'stars' }, read: 'total_count' },
  {
    operationId: 'actions/list-workflow-runs-for-repo',
    method: 'get',
    path: '/repos/{owner}/{repo}/actions/runs',
    pathParams: repo,
    query: { status: 'success' },
    read: 'total_count',
  },
];
