/**
 * Security schemes → the runtime's scheme table and the client's credential options.
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
import { jsDoc, tsLiteralValue, tsPropertyKey, tsString } from '../escape/typescript.js';
import { camelCase, NameRegistry } from '../escape/identifier.js';
import type { OpenApiDocument } from '../pipeline/load.js';
import { deref, isObject, str } from './resolve.js';
import type { AuthOptionView, SecuritySchemeView } from './types.js';

/** Option names the runtime's base options already use. */
export const BASE_OPTIONS = ['baseUrl', 'fetch', 'timeoutMs', 'maxRetries', 'headers', 'middleware', 'sleep'];

/** Builds the scheme table and the credential options of the client. */
export function buildSecurity(document: OpenApiDocument): { schemes: SecuritySchemeView[]; options: AuthOptionView[] } {
  const components = isObject(document.components) ? document.components : {};
  const raw = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const names = new NameRegistry(BASE_OPTIONS);
  const schemes: SecuritySchemeView[] = [];
  const options: AuthOptionView[] = [];
  const option = (preferred: string, fallback: string, doc: string): string => {
    const name = names.claim(names.has(preferred) ? fallback : preferred);
    options.push({ name, doc: jsDoc([doc], '  '), summary: doc });
    return `options.${name}`;
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
    if (type === 'http' && str(scheme.scheme)?.toLowerCase() === 'basic') {
      const user = option('username', `${camelCase(schemeName)}Username`, `User name for HTTP Basic authentication (${label}). ${description}`);
      const pass = option('password', `${camelCase(schemeName)}Password`, `Password for HTTP Basic authentication (${label}).`);
      specLiteral = "{ type: 'basic' }";
      wire = { type: 'basic' };
      credentialExpr = `${user} !== undefined && ${pass} !== undefined ? { username: ${user}, password: ${pass} } : undefined`;
    } else if (type === 'http' && str(scheme.scheme)?.toLowerCase() === 'bearer') {
      specLiteral = "{ type: 'bearer' }";
      wire = { type: 'bearer' };
      credentialExpr = option('token', `${camelCase(schemeName)}Token`, `Bearer token (${label}), sent as \`Authorization: Bearer <token>\`. ${description}`);
    } else if (type === 'oauth2' || type === 'openIdConnect') {
      specLiteral = "{ type: 'bearer' }";
      wire = { type: 'bearer' };
      credentialExpr = option(
        'accessToken',
        `${camelCase(schemeName)}AccessToken`,
        `OAuth 2 access token (${label}), sent as \`Authorization: Bearer <token>\`. ${description}`,
      );
    } else if (type === 'apiKey') {
      const location = str(scheme.in) === 'query' || str(scheme.in) === 'cookie' ? str(scheme.in) : 'header';
      const keyName = str(scheme.name) ?? 'Authorization';
      specLiteral = `{ type: 'apiKey', in: '${location}', name: ${tsString(keyName)} }`;
      wire = { type: 'apiKey', in: location ?? 'header', name: keyName };
      credentialExpr = option('apiKey', `${camelCase(schemeName)}ApiKey`, `API key (${label}), sent as the ${location} ${tsString(keyName)}. ${description}`);
    } else {
      // Mutual TLS and unknown types carry no credential the client can send.
      continue;
    }
    schemes.push({
      name: schemeName,
      key: tsPropertyKey(schemeName),
      specLiteral: tsLiteralValue(schemeName, specLiteral),
      credentialExpr,
      optionNames: options.slice(before).map((o) => o.name),
      wire,
    });
  }
  return { schemes, options };
}

/** The requirement alternatives of an operation, as a TypeScript literal: `[["a"], ["b", "c"]]`. */
export function securityLiteral(requirements: unknown, known: ReadonlySet<string>): string {
  if (!Array.isArray(requirements)) return '[]';
  const alternatives = requirements
    .filter(isObject)
    .map((req) => Object.keys(req).filter((name) => known.has(name)))
    .map((names) => `[${names.map(tsString).join(', ')}]`);
  return `[${alternatives.join(', ')}]`;
}
