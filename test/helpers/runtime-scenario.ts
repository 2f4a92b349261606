/**
 * One user's session with the LaunchDarkly client, as JavaScript source that every runtime runs
 * unchanged (Node as ESM and CommonJS, Deno, Bun, a browser bundle): create a token, read it back,
 * page through every token, and catch a typed 404.
 */

/** The API key the emulator is started with; the scenario authenticates with it. */
export const SCENARIO_API_KEY = 'api-runtime-scenario';

/** Token names seeded in the emulator before the scenario runs (three, so two-item pages span two requests). */
export const SEEDED_NAMES = ['seed 1', 'seed 2', 'seed 3'];

/** What the scenario returns (printed as JSON) when every step behaved. */
export const SCENARIO_RESULT = {
  created: 'ci',
  role: 'reader',
  names: [...SEEDED_NAMES, 'ci'],
  notFound: 'NotFoundError 404',
};

/** `async function scenario(ld, baseUrl)`, where `ld` is the imported package's namespace. */
export const SCENARIO_FUNCTION = `
async function scenario(ld, baseUrl) {
  const client = new ld.LaunchDarklyClient({ baseUrl, apiKey: ${JSON.stringify(SCENARIO_API_KEY)} });
  const created = await client.accessTokens.postToken({ body: { name: 'ci', role: 'reader' } });
  const fetched = await client.accessTokens.getToken({ id: created._id });
  const names = [];
  for await (const token of client.accessTokens.getTokensAll({ limit: 2 })) names.push(token.name);
  let notFound = '';
  try {
    await client.accessTokens.getToken({ id: 'f'.repeat(24) });
  } catch (err) {
    if (err instanceof ld.NotFoundError) notFound = err.name + ' ' + err.status;
    else throw err;
  }
  return { created: fetched.name, role: fetched.role, names, notFound };
}
`;

/** An ES module that imports `packageName`, runs the scenario against the URL in its first argument and prints the result. */
export function esmEntry(packageName: string): string {
  return `import * as ld from ${JSON.stringify(packageName)};
${SCENARIO_FUNCTION}
const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
console.log(JSON.stringify(await scenario(ld, args[0])));
`;
}

/** A CommonJS script that loads `packageName` with require() and does the same. */
export function commonJsEntry(packageName: string): string {
  return `'use strict';
const ld = require(${JSON.stringify(packageName)});
${SCENARIO_FUNCTION}
scenario(ld, process.argv[2]).then(
  (result) => console.log(JSON.stringify(result)),
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
`;
}
