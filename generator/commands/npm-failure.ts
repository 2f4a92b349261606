/**
 * npm's failures, told as what happened and what to do. npm prints codes (`ENEEDAUTH`, `E401`,
 * `ECONNREFUSED`, …) beside long logs; the user needs one line naming the registry and the fix.
 */

/** An npm command that failed, with what it printed. */
export class NpmFailure extends Error {
  constructor(
    readonly command: string,
    readonly output: string,
  ) {
    super(`npm ${command} failed`);
    this.name = 'NpmFailure';
  }
}

const CAUSES: [RegExp, (registry: string) => string][] = [
  [
    /ENEEDAUTH|E401|need auth|You must be logged in|Unable to authenticate/i,
    (r) => `not logged in to ${r}: run \`npm login --registry ${r}\`, then publish again`,
  ],
  [/E403|403 Forbidden/i, (r) => `${r} refused the package (403): check that your user may publish this name and scope there`],
  [/EPUBLISHCONFLICT|E409|cannot publish over/i, (r) => `${r} already has this version: run \`tokenkit version <package> patch\` to cut a new one`],
  [/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|socket hang up/i, (r) => `cannot reach ${r}: check the URL and the network`],
  [
    /EPROTO|ERR_SSL|wrong version number|self[- ]signed|UNABLE_TO_VERIFY|CERT_/i,
    (r) => `a TLS error talking to ${r}: check the protocol (http or https) and the certificate`,
  ],
  [
    /option is protected|can not be retrieved/i,
    (r) => `npm takes no credentials in a registry URL: give ${r} without them, and log in with \`npm login --registry ${r}\``,
  ],
  [/npm is not installed/i, () => 'npm is not installed or not on PATH'],
];

/** One line for a failed npm command: the cause npm gave, in words, or its first error line. */
export function explainNpmFailure(failure: NpmFailure, registry: string): string {
  for (const [pattern, say] of CAUSES) if (pattern.test(failure.output)) return say(registry);
  const lines = failure.output.split('\n').map((l) => l.replace(/^npm (ERR!|error)\s*/, '').trim());
  const code = lines.map((l) => /^code (\S+)/.exec(l)?.[1]).find(Boolean);
  const first = lines.find((l) => l !== '' && !/^(A complete log|code |errno |syscall )/.test(l));
  return `npm ${failure.command} failed${code ? ` (${code})` : ''}: ${first ?? 'no output'}`;
}
