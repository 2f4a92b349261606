/**
 * Security schemes → the runtime's scheme table and the client's credential options.
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
import { jsDoc, tsLiteralValue, tsPropertyKey, tsString } from '../escape/typescript.js';
import { camelCase, NameRegistry } from '../escape/identifier.js';
import { isObject, str, type OpenApiDocument } from '../json.js';
import { derivedEnvName, envOverride } from './credential-env.js';
import { deref } from './resolve.js';
import type { AuthOptionView, SecuritySchemeView } from './types.js';

/** Option names the runtime's base options already use. */
export const BASE_OPTIONS = ['baseUrl', 'fetch', 'timeoutMs', 'maxRetries', 'headers', 'middleware', 'sleep'];

/**
 * Builds the scheme table and the credential options of the client. Each credential is the option,
 * else its environment variable (see credential-env.ts), read once when the client is made.
 */
export function buildSecurity(document: OpenApiDocument, packageName: string): { schemes: SecuritySchemeView[]; options: AuthOptionView[] } {
  const components = isObject(document.components) ? document.components : {};
  const raw = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const names = new NameRegistry(BASE_OPTIONS);
  const schemes: SecuritySchemeView[] = [];
  const options: AuthOptionView[] = [];
  // The option's expression: the option, else its environment variable (the spec's, else by rule).
  const option = (preferred: string, fallback: string, text: string, envName: string | undefined): string => {
    const name = names.claim(names.has(preferred) ? fallback : preferred);
    const env = envName ?? derivedEnvName(packageName, name);
    // A scheme without a description leaves a trailing space where it would be.
    const doc = text.trimEnd();
    const fullDoc = `${doc} When not given, read from the environment variable \`${env}\`.`;
    options.push({ name, doc: jsDoc([fullDoc], '  '), summary: doc, env });
    return `optionOrEnv(options.${name}, ${tsString(env)})`;
  };
  for (const [schemeName, value] of Object.entries(raw)) {
    const scheme = deref(document, value);
    const type = str(scheme.type);
    const label = `\`${schemeName}\``;
    const description = str(scheme.description) ?? '';
    let specLiteral: string;
    let credentialExpr: string;
    let wire: SecuritySchemeView['wire'];
    const before = options.length;
    const isBasic = type === 'http' && str(scheme.scheme)?.toLowerCase() === 'basic';
    const [envName, passwordEnvName] = envOverride(scheme, isBasic) ?? [];
    if (isBasic) {
      const user = option('username', `${camelCase(schemeName)}Username`, `User name for HTTP Basic authentication (${label}). ${description}`, envName);
      const pass = option('password', `${camelCase(schemeName)}Password`, `Password for HTTP Basic authentication (${label}).`, passwordEnvName);
      specLiteral = "{ type: 'basic' }";
      wire = { type: 'basic' };
      credentialExpr = `basicCredential(${user}, ${pass})`;
    } else if (type === 'http' && str(scheme.scheme)?.toLowerCase() === 'bearer') {
      specLiteral = "{ type: 'bearer' }";
      wire = { type: 'bearer' };
      credentialExpr = option(
        'token',
        `${camelCase(schemeName)}Token`,
        `Bearer token (${label}), sent as \`Authorization: Bearer <token>\`. ${description}`,
        envName,
      );
    } else if (type === 'oauth2' || type === 'openIdConnect') {
      specLiteral = "{ type: 'bearer' }";
      wire = { type: 'bearer' };
      credentialExpr = option(
        'accessToken',
        `${camelCase(schemeName)}AccessToken`,
        `OAuth 2 access token (${label}), sent as \`Authorization: Bearer <token>\`. ${description}`,
        envName,
      );
    } else if (type === 'apiKey') {
      const declaredIn = str(scheme.in);
      const location = declaredIn === 'query' || declaredIn === 'cookie' ? declaredIn : 'header';
      const keyName = str(scheme.name) ?? 'Authorization';
      specLiteral = `{ type: 'apiKey', in: '${location}', name: ${tsString(keyName)} }`;
      wire = { type: 'apiKey', in: location, name: keyName };
      credentialExpr = option(
        'apiKey',
        `${camelCase(schemeName)}ApiKey`,
        `API key (${label}), sent as the ${location} ${tsString(keyName)}. ${description}`,
        envName,
      );
    } else {
      // Mutual TLS and unknown types carry no credential the client can send.
      continue;
    }
    const supplied = options.slice(before);
    // What the runtime's MissingCredentialError says would supply this scheme.
    const hint = `${supplied.map((o) => o.name).join(' and ')} (option${supplied.length > 1 ? 's' : ''}) or ${supplied.map((o) => o.env).join(' and ')} (environment)`;
    schemes.push({
      name: schemeName,
      key: tsPropertyKey(schemeName),
      specLiteral: tsLiteralValue(schemeName, `${specLiteral.slice(0, -2)}, hint: ${tsString(hint)} }`),
      credentialExpr,
      optionNames: options.slice(before).map((o) => o.name),
      wire,
    });
  }
  return { schemes, options };
}

/** The requirement alternatives of an operation, as a TypeScript literal: `[['a'], ['b', 'c']]`. */
export function securityLiteral(requirements: unknown, known: ReadonlySet<string>): string {
  if (!Array.isArray(requirements)) return '[]';
  const alternatives = requirements
    .filter(isObject)
    .map((req) => Object.keys(req).filter((name) => known.has(name)))
    .map((names) => `[${names.map(tsString).join(', ')}]`);
  return `[${alternatives.join(', ')}]`;
}
