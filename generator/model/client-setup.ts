/** How the examples of the docs and README construct a client, and where its credentials come from. */
import { derivedEnvName } from './credential-env.js';
import type { ApiCoreView, SecuritySchemeView } from './types.js';

/** The environment variable the client reads a credential option from (see credential-env.ts). */
export function envVar(api: Pick<ApiCoreView, 'packageName' | 'authOptions'>, option: string): string {
  return api.authOptions.find((o) => o.name === option)?.env ?? derivedEnvName(api.packageName, option);
}

/** The client construction, with the credentials of the first requirement the operation accepts. */
export function clientSetup(api: ApiCoreView, schemes: SecuritySchemeView[]): string {
  const options = schemes.flatMap((s) => s.optionNames).map((o) => `  ${o}: process.env.${envVar(api, o)},`);
  return options.length === 0 ? `const client = new ${api.clientClass}();` : `const client = new ${api.clientClass}({\n${options.join('\n')}\n});`;
}
