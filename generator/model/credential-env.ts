/**
 * The environment variables a client reads its credentials from when an option is not given. By rule,
 * `<PACKAGE>_<OPTION>` in upper snake case, from the npm name without its scope and the option's name
 * (`@tokenkit/launchdarkly` + `apiKey` → `LAUNCHDARKLY_API_KEY`); a security scheme's
 * `x-tokenkit-env` names them instead: a string for a scheme with one credential, or
 * `{ username, password }` for HTTP Basic.
 */
import { words } from '../escape/identifier.js';
import { isObject } from '../json.js';

/** The extension on a security scheme that names its variables. */
export const ENV_EXTENSION = 'x-tokenkit-env';

const ENV_NAME = /^[A-Z][A-Z0-9_]{0,99}$/;

/** The variable for a client option by rule: the npm name without its scope, then the option, in upper snake case. */
export function derivedEnvName(packageName: string, option: string): string {
  const unscoped = packageName.replace(/^@[^/]*\//, '');
  return [...words(unscoped), ...words(option)].map((w) => w.toUpperCase()).join('_');
}

/**
 * The variables a scheme's `x-tokenkit-env` names, one per credential field (`['IONOS_TOKEN']`, or
 * the user name's then the password's for Basic); undefined when it has none. Validation has checked it.
 */
export function envOverride(scheme: Readonly<Record<string, unknown>>, basic: boolean): string[] | undefined {
  const value = scheme[ENV_EXTENSION];
  if (value === undefined) return undefined;
  if (basic) return isObject(value) && typeof value.username === 'string' && typeof value.password === 'string' ? [value.username, value.password] : undefined;
  return typeof value === 'string' ? [value] : undefined;
}

/** What is wrong with a scheme's `x-tokenkit-env`, or undefined. */
export function envOverrideProblem(value: unknown, basic: boolean): string | undefined {
  // JSON.stringify gives undefined for undefined, which its declared return type leaves out.
  const nameProblem = (name: unknown, what: string): string | undefined =>
    typeof name === 'string' && ENV_NAME.test(name)
      ? undefined
      : // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        `${what} must be an environment variable name: an upper-case letter, then upper-case letters, digits and underscores (got ${JSON.stringify(name) ?? 'nothing'})`;
  if (!basic) return nameProblem(value, ENV_EXTENSION);
  if (!isObject(value)) return `${ENV_EXTENSION} of an HTTP Basic scheme must be an object { username, password } of environment variable names`;
  const extra = Object.keys(value).filter((k) => k !== 'username' && k !== 'password');
  if (extra.length > 0)
    return `${ENV_EXTENSION} of an HTTP Basic scheme takes only username and password (got ${extra.map((k) => JSON.stringify(k)).join(', ')})`;
  const problem = nameProblem(value.username, `${ENV_EXTENSION}.username`) ?? nameProblem(value.password, `${ENV_EXTENSION}.password`);
  if (problem) return problem;
  return value.username === value.password ? `${ENV_EXTENSION}.username and ${ENV_EXTENSION}.password must be different variables` : undefined;
}
