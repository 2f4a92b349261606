/**
 * Reading a credential from the environment, in any runtime. Node, Bun and Deno have
 * `globalThis.process.env`; browsers and workers have no `process` at all; Deno without `--allow-env`
 * throws on the read, or prompts the user when it runs in a terminal. A client that cannot read the
 * environment behaves as if the variable were unset.
 */

interface DenoPermissions {
  permissions?: { querySync?: (descriptor: { name: 'env'; variable: string }) => { state: string } };
}

/** The variable's value, or undefined when it is unset, empty, or cannot be read here. */
export function readEnv(name: string): string | undefined {
  try {
    // Deno asks before an ungranted read, and may prompt: ask it first, and read only what is granted.
    const deno = (globalThis as { Deno?: DenoPermissions }).Deno;
    if (deno?.permissions?.querySync !== undefined && deno.permissions.querySync({ name: 'env', variable: name }).state !== 'granted') return undefined;
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name];
    // An empty variable (`LAUNCHDARKLY_API_KEY=`) is a way to unset it in a shell or CI file.
    return value === undefined || value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

/**
 * A client option that may come from the environment: the option when it is given, else the
 * variable. An empty string counts as not given, as an empty variable does: `apiKey:
 * process.env.X` with X set to nothing must not send an empty credential.
 */
export function optionOrEnv<T>(option: T | undefined, name: string): T | string | undefined {
  return option === undefined || option === '' ? readEnv(name) : option;
}
