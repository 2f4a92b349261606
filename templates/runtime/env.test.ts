/** Reading credentials from the environment, in runtimes with and without one. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { optionOrEnv, readEnv } from './env.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe('readEnv', () => {
  it('reads a set variable, and treats an unset or empty one as absent', () => {
    vi.stubEnv('TOKENKIT_TEST_KEY', 'v4lue');
    vi.stubEnv('TOKENKIT_TEST_EMPTY', '');
    expect(readEnv('TOKENKIT_TEST_KEY')).toBe('v4lue');
    expect(readEnv('TOKENKIT_TEST_EMPTY')).toBeUndefined();
    expect(readEnv('TOKENKIT_TEST_UNSET_9f1c')).toBeUndefined();
  });

  it('reads nothing, and throws nothing, where there is no process (a browser, a worker)', () => {
    vi.stubGlobal('process', undefined);
    expect(readEnv('PATH')).toBeUndefined();
  });

  it('reads nothing where process has no env', () => {
    vi.stubGlobal('process', {});
    expect(readEnv('PATH')).toBeUndefined();
  });

  it('reads nothing where reading the environment throws (Deno without --allow-env)', () => {
    const env = new Proxy(
      {},
      {
        get() {
          throw new Error('NotCapable: Requires env access to "PATH", run again with the --allow-env flag');
        },
      },
    );
    vi.stubGlobal('process', { env });
    expect(readEnv('PATH')).toBeUndefined();
  });

  it('in Deno, reads only a variable the permissions grant, and never prompts for one', () => {
    vi.stubEnv('TOKENKIT_TEST_KEY', 'v4lue');
    const asked: string[] = [];
    const state = { value: 'prompt' };
    vi.stubGlobal('Deno', {
      permissions: {
        querySync: (d: { variable: string }) => {
          asked.push(d.variable);
          return { state: state.value };
        },
      },
    });
    expect(readEnv('TOKENKIT_TEST_KEY')).toBeUndefined();
    state.value = 'granted';
    expect(readEnv('TOKENKIT_TEST_KEY')).toBe('v4lue');
    expect(asked).toEqual(['TOKENKIT_TEST_KEY', 'TOKENKIT_TEST_KEY']);
  });
});

describe('optionOrEnv', () => {
  it('takes the option when given, else the variable; an empty option is not given', () => {
    vi.stubEnv('TOKENKIT_TEST_KEY', 'fr0m-env');
    const fn = () => 'x';
    expect(optionOrEnv('g1ven', 'TOKENKIT_TEST_KEY')).toBe('g1ven');
    expect(optionOrEnv(fn, 'TOKENKIT_TEST_KEY')).toBe(fn);
    expect(optionOrEnv(undefined, 'TOKENKIT_TEST_KEY')).toBe('fr0m-env');
    expect(optionOrEnv('', 'TOKENKIT_TEST_KEY')).toBe('fr0m-env');
    vi.stubEnv('TOKENKIT_TEST_KEY', '');
    expect(optionOrEnv('', 'TOKENKIT_TEST_KEY')).toBeUndefined();
  });
});
