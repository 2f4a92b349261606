/**
 * Credentials applied from the spec's security schemes. A secret is a string or a function that
 * returns one (sync or async), so rotated credentials are read afresh on every attempt.
 */

import { InvalidInputError, MissingCredentialError } from './errors.js';
import { HEADER_VALUE_PROBLEM, isHeaderValue } from './options.js';

/** A credential, or a function that returns the current one. */
export type Secret = string | (() => string | Promise<string>);

/**
 * How one security scheme puts its credential on the wire, and (`hint`) the client options and
 * environment variables that supply it, for the error when none does.
 */
export type SchemeSpec = (
  { readonly type: 'basic' } | { readonly type: 'bearer' } | { readonly type: 'apiKey'; readonly in: 'header' | 'query' | 'cookie'; readonly name: string }
) & { readonly hint?: string };

/** The credentials configured for each scheme, by scheme name. Basic takes a user name and password. */
export type Credentials = Readonly<Record<string, Secret | { readonly username: Secret; readonly password: Secret } | undefined>>;

/** One security requirement: every scheme named must be applied. An operation lists alternatives. */
export type Requirement = readonly string[];

async function reveal(secret: Secret): Promise<string> {
  return typeof secret === 'function' ? await secret() : secret;
}

// btoa over UTF-8 bytes rather than Buffer, so the client also runs outside Node.
function encodeBasic(username: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The credentials known without calling anything, as they may appear on the wire: each string
 * secret, a Basic password, and a Basic pair's encoded form. A secret given as a function is read only when sent, so
 * it is not among them.
 */
export function knownSecrets(credentials: Credentials): string[] {
  const secrets: string[] = [];
  for (const credential of Object.values(credentials)) {
    if (typeof credential === 'string') secrets.push(credential);
    else if (typeof credential === 'object') {
      const { username, password } = credential;
      // The user name is no secret, and often an ordinary word.
      if (typeof password === 'string') secrets.push(password);
      if (typeof username === 'string' && typeof password === 'string') secrets.push(encodeBasic(username, password));
    }
  }
  return secrets;
}

/** A Basic credential from its two parts, when both are there. */
export function basicCredential(username: Secret | undefined, password: Secret | undefined): { username: Secret; password: Secret } | undefined {
  return username !== undefined && password !== undefined ? { username, password } : undefined;
}

/**
 * Applies the first requirement whose schemes all have credentials: sets its headers (and cookies)
 * on `headers`, and returns the URL with its query credentials added when a scheme travels in the
 * query, else undefined. An empty requirement (`{}` in the spec) lets the call go without
 * credentials when no other is satisfied. With none satisfiable the call is refused before anything
 * is sent, with a {@link MissingCredentialError} naming the options and variables that would supply
 * one: a 401 from the server would not say which. A credential that no header can carry is an
 * {@link InvalidInputError} naming the scheme, for `operationId`: fetch would refuse it with a
 * TypeError quoting the secret.
 *
 * Credentials given as strings are applied at once, and only a secret given as a function makes the
 * result a promise (what it gave is added to `revealed.revealed`, for the error's redaction); with no requirement met it throws at once. The transport calls it on every
 * attempt, where an `await` per call is a measurable part of what the client adds to a request.
 */
export function authorize(
  headers: Headers,
  url: string,
  requirements: readonly Requirement[],
  schemes: Readonly<Record<string, SchemeSpec>>,
  credentials: Credentials,
  operationId = '',
  revealed?: { revealed?: string[] },
): string | undefined | Promise<string | undefined> {
  if (requirements.length === 0) return undefined;
  const chosen = requirements.find((req) => req.length > 0 && req.every((name) => credentials[name] !== undefined && credentials[name] !== ''));
  if (!chosen) {
    if (requirements.some((req) => req.length === 0)) return undefined;
    throw new MissingCredentialError(`${operationId}: no credentials for this call; give ${missingHint(requirements, schemes)}`, operationId);
  }
  if (chosen.every((name) => isRevealed(credentials[name]))) return apply(headers, url, chosen, schemes, credentials as RevealedCredentials, operationId);
  return revealAll(chosen, credentials).then((given) => {
    // A function that finds no credential (`() => process.env.X ?? ''`, or `undefined` from a store
    // typed `any`) has none to give: refused as a missing one is, not sent without it.
    const empty = chosen.find((name) => !isUsable(given[name], schemes[name]?.type === 'basic'));
    if (empty !== undefined)
      throw new MissingCredentialError(`${operationId}: the credential for ${empty} is empty; give ${missingHint([[empty]], schemes)}`, operationId);
    // What a function gave is a secret as much as a string option: an error's message redacts it too.
    if (revealed !== undefined) (revealed.revealed ??= []).push(...knownSecrets(given));
    return apply(headers, url, chosen, schemes, given, operationId);
  });
}

/** Whether a secret function gave what its scheme sends: a user name and a password for Basic, else a string; none empty. */
function isUsable(credential: unknown, basic: boolean): boolean {
  if (!basic) return typeof credential === 'string' && credential !== '';
  if (typeof credential !== 'object' || credential === null) return false;
  const { username, password } = credential as { username?: unknown; password?: unknown };
  return typeof username === 'string' && username !== '' && typeof password === 'string' && password !== '';
}

/** Credentials whose secrets are all strings, as {@link apply} takes them. */
type RevealedCredentials = Readonly<Record<string, string | { readonly username: string; readonly password: string } | undefined>>;

function isRevealed(credential: Credentials[string]): boolean {
  return (
    typeof credential === 'string' || (typeof credential === 'object' && typeof credential.username === 'string' && typeof credential.password === 'string')
  );
}

// Each secret function is called in turn, in the order the schemes are applied.
async function revealAll(chosen: Requirement, credentials: Credentials): Promise<RevealedCredentials> {
  const revealed: Record<string, string | { username: string; password: string }> = {};
  for (const name of chosen) {
    const credential = credentials[name];
    if (credential === undefined) continue;
    revealed[name] =
      typeof credential === 'object' ? { username: await reveal(credential.username), password: await reveal(credential.password) } : await reveal(credential);
  }
  return revealed;
}

function apply(
  headers: Headers,
  url: string,
  chosen: Requirement,
  schemes: Readonly<Record<string, SchemeSpec>>,
  credentials: RevealedCredentials,
  operationId: string,
): string | undefined {
  let withQuery: URL | undefined;
  let cookies: string[] | undefined;
  for (const name of chosen) {
    const scheme = schemes[name];
    const credential = credentials[name];
    if (!scheme || credential === undefined) continue;
    if (scheme.type === 'basic') {
      if (typeof credential !== 'object') continue;
      headers.set('Authorization', `Basic ${encodeBasic(credential.username, credential.password)}`);
    } else if (typeof credential === 'object') {
      continue;
    } else if (scheme.type === 'bearer') {
      headers.set('Authorization', `Bearer ${headerValue(name, credential, operationId)}`);
    } else if (scheme.in === 'header') {
      headers.set(scheme.name, headerValue(name, credential, operationId));
    } else if (scheme.in === 'query') {
      withQuery ??= new URL(url);
      setQueryParam(withQuery, scheme.name, credential);
    } else {
      (cookies ??= []).push(`${encodeURIComponent(scheme.name)}=${encodeURIComponent(credential)}`);
    }
  }
  if (cookies !== undefined) {
    const existing = headers.get('Cookie');
    headers.set('Cookie', [existing, ...cookies].filter(Boolean).join('; '));
  }
  return withQuery?.href;
}

/**
 * Sets one query parameter, the others kept byte for byte: `searchParams.set` would write the whole
 * query again in form encoding, and a styled or `allowReserved` parameter would no longer be sent as
 * the spec says (nor as the docs' curl line shows it).
 */
function setQueryParam(url: URL, name: string, value: string): void {
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !new URLSearchParams(pair).has(name));
  url.search = [...kept, new URLSearchParams([[name, value]]).toString()].join('&');
}

function headerValue(schemeName: string, value: string, operationId: string): string {
  if (isHeaderValue(value)) return value;
  throw new InvalidInputError(`${operationId}: the credential for ${schemeName} ${HEADER_VALUE_PROBLEM}`, operationId);
}

// `apiKey (option) or LAUNCHDARKLY_API_KEY (environment)`, each alternative requirement in turn.
function missingHint(requirements: readonly Requirement[], schemes: Readonly<Record<string, SchemeSpec>>): string {
  return requirements.map((req) => req.map((name) => schemes[name]?.hint ?? `a credential for ${name}`).join(', with ')).join('; or ');
}

const warnedHosts = new Set<string>();

/** Warns once per host when credentials would travel over plain http to a host other than loopback. */
export function warnOnPlainHttp(baseUrl: string, hasCredentials: boolean, warn: (message: string) => void = console.warn): void {
  if (!hasCredentials) return;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return;
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || url.hostname.startsWith('127.');
  if (url.protocol !== 'http:' || loopback || warnedHosts.has(url.host)) return;
  warnedHosts.add(url.host);
  warn(`credentials will be sent over plain http to ${url.host}; use https`);
}

/**
 * What a core with security schemes hands its transport: applying credentials, naming the secrets
 * an error must not show, and the plain-HTTP warning. A core whose spec declares no scheme is given
 * none of it, so a bundle of its functions holds none of this module.
 */
export const credentialAuth = { authorize, knownSecrets, warnOnPlainHttp } as const;

/** See {@link credentialAuth}. */
export type CredentialAuth = typeof credentialAuth;
