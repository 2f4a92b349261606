/** How the examples of the docs and README construct a client, and where its credentials come from. */
import { derivedEnvName } from './credential-env.js';
import { isObject } from '../json.js';
import type { ApiCoreView, OperationView, SecuritySchemeView } from './types.js';

/** The environment variable the client reads a credential option from (see credential-env.ts). */
export function envVar(api: Pick<ApiCoreView, 'packageName' | 'authOptions'>, option: string): string {
  return api.authOptions.find((o) => o.name === option)?.env ?? derivedEnvName(api.packageName, option);
}

/** The client construction, with the credentials of the first requirement the operation accepts. */
export function clientSetup(api: ApiCoreView, schemes: SecuritySchemeView[]): string {
  const options = schemes.flatMap((s) => s.optionNames).map((o) => `  ${o}: process.env.${envVar(api, o)},`);
  return options.length === 0 ? `const client = new ${api.clientClass}();` : `const client = new ${api.clientClass}({\n${options.join('\n')}\n});`;
}

/** The schemes of each security requirement `security` lists, in order (an AND of schemes each). */
export function requirementSchemes(api: ApiCoreView, security: unknown): SecuritySchemeView[][] {
  const reqs = Array.isArray(security) ? security : [];
  return reqs.filter(isObject).map((req) => Object.keys(req).flatMap((name) => api.securitySchemes.filter((s) => s.name === name)));
}

/**
 * The credentials an example of `op` gives: every scheme of its first requirement (a spec may ask
 * for two at once, as VTEX's appKey and appToken); with no operation, the package's first scheme.
 */
export function exampleSchemes(api: ApiCoreView, op: OperationView | undefined): SecuritySchemeView[] {
  if (op === undefined) return api.securitySchemes.slice(0, 1);
  return requirementSchemes(api, op.normalized.security)[0] ?? [];
}
