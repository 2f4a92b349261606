/**
 * A stateful in-memory Red Hat Quay app-specific token API, following specs/quay.yaml and what the
 * server really does (the vendor notes on Quay's app-specific tokens): create answers 200, dates
 * are RFC 2822, `token_code` only appears on create and single reads, and `expiring` is a truthy bool.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { ApiError2, AppToken, AppTokenList, AppTokenResponse, AppTokenWithSecret } from '../../generated/quay/src/index.js';
import { isRecord, startEmulatorServer, type EmulatorReply, type EmulatorRequest, type EmulatorServer } from './http.js';

/** The access token the emulator accepts, its clock, and the configured token lifetime. */
export interface QuayEmulatorOptions {
  accessToken: string;
  /** Epoch milliseconds; defaults to `Date.now`. */
  now?: () => number;
  /**
   * Quay's APP_SPECIFIC_TOKEN_EXPIRATION in milliseconds: new tokens expire this long after creation.
   * Unset (the Quay default) means new tokens never expire; the "expiring soon" window is still a
   * tenth of it, or of four weeks when it is unset, as in Quay.
   */
  tokenExpirationMs?: number;
}

/** A token to plant directly in the emulator's state. */
export interface QuaySeed {
  title: string;
  /** Epoch milliseconds, or null for a token that never expires. */
  expiresAt: number | null;
}

/** A running Quay emulator with direct access to its state. */
export interface QuayEmulator extends EmulatorServer {
  /** Adds tokens without going through HTTP; returns them with their `token_code`, in order. */
  seed: (tokens: readonly QuaySeed[]) => AppToken[];
  /** Records a registry login (user `$app`, password `token_code`), as `docker login` would; false when no live token has that code. */
  login: (tokenCode: string) => boolean;
  /** The window in which a token counts as "expiring soon", in milliseconds. */
  readonly expiringWindowMs: number;
}

interface StoredToken {
  uuid: string;
  title: string;
  code: string;
  created: number;
  expiresAt: number | null;
  lastAccessed: number | null;
}

const FOUR_WEEKS_MS = 28 * 24 * 60 * 60 * 1000;
const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Quay's truthy_bool treats exactly these as false; anything else that is sent counts as true.
const FALSY = new Set(['false', 'False', 'FALSE', '0', 'null', '']);

/** RFC 2822 in UTC with the "-0000" zone, as Python's email.utils.formatdate writes it. */
export function rfc2822(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace(/ GMT$/, ' -0000');
}

function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!;
  return code;
}

/** Starts the emulator; it accepts only `Authorization: Bearer <accessToken>`. */
export async function startQuayEmulator(options: QuayEmulatorOptions): Promise<QuayEmulator> {
  const now = options.now ?? Date.now;
  const expiringWindowMs = (options.tokenExpirationMs ?? FOUR_WEEKS_MS) / 10;
  const tokens = new Map<string, StoredToken>();

  const apiError = (req: EmulatorRequest, status: number, errorType: string, detail: string): EmulatorReply => {
    const body: ApiError2 = {
      status,
      type: `${req.origin}/api/v1/error/${errorType}`,
      title: errorType,
      detail,
      // Deprecated in the spec, still sent by the service.
      /* eslint-disable @typescript-eslint/no-deprecated */
      error_message: detail,
      error_type: errorType,
      /* eslint-enable @typescript-eslint/no-deprecated */
    };
    return { status, body };
  };

  const view = (t: StoredToken): AppToken => ({
    uuid: t.uuid,
    title: t.title,
    last_accessed: t.lastAccessed === null ? null : rfc2822(t.lastAccessed),
    created: rfc2822(t.created),
    expiration: t.expiresAt === null ? null : rfc2822(t.expiresAt),
  });
  const withCode = (t: StoredToken): AppTokenWithSecret => ({ ...view(t), token_code: t.code });

  const add = (title: string, expiresAt: number | null): StoredToken => {
    // 60 characters of lookup prefix plus 60 of secret, as Quay stores them.
    const token: StoredToken = { uuid: randomUUID(), title, code: randomCode(120), created: now(), expiresAt, lastAccessed: null };
    tokens.set(token.uuid, token);
    return token;
  };

  const find = (req: EmulatorRequest): StoredToken | EmulatorReply => tokens.get(req.params.token_uuid ?? '') ?? apiError(req, 404, 'not_found', 'Not Found');

  const server = await startEmulatorServer({
    authenticate: (req) =>
      req.headers.authorization === `Bearer ${options.accessToken}` ? undefined : apiError(req, 401, 'invalid_token', 'Requires authentication'),
    invalidJson: (req) => apiError(req, 400, 'invalid_request', 'Missing JSON body'),
    notFound: (req) => apiError(req, 404, 'not_found', 'Not Found'),
    routes: [
      {
        method: 'GET',
        pattern: '/api/v1/user/apptoken',
        handle: (req) => {
          const expiring = req.query.get('expiring');
          const onlyExpiring = expiring === null ? null : !FALSY.has(expiring);
          const at = now();
          const soon = (t: StoredToken): boolean => t.expiresAt !== null && t.expiresAt > at && t.expiresAt <= at + expiringWindowMs;
          const listed = [...tokens.values()].filter((t) => !onlyExpiring || soon(t));
          const body: AppTokenList = { tokens: listed.map(view), only_expiring: onlyExpiring };
          return { status: 200, body };
        },
      },
      {
        method: 'POST',
        pattern: '/api/v1/user/apptoken',
        handle: (req) => {
          // Flask's get_json() gives None for both no body and a JSON null, and Quay reports both alike.
          if (req.body === undefined || req.body === null) return apiError(req, 400, 'invalid_request', 'Missing JSON body');
          if (!isRecord(req.body)) return apiError(req, 400, 'invalid_request', `${JSON.stringify(req.body)} is not of type 'object'`);
          const { title } = req.body;
          if (title === undefined) return apiError(req, 400, 'invalid_request', "'title' is a required property");
          if (typeof title !== 'string') return apiError(req, 400, 'invalid_request', `${JSON.stringify(title)} is not of type 'string'`);
          const expiresAt = options.tokenExpirationMs === undefined ? null : now() + options.tokenExpirationMs;
          const body: AppTokenResponse = { token: withCode(add(title, expiresAt)) };
          // The published definition says 201; the real server (and Quay's own tests) say 200.
          return { status: 200, body };
        },
      },
      {
        method: 'GET',
        pattern: '/api/v1/user/apptoken/{token_uuid}',
        handle: (req) => {
          const token = find(req);
          if ('status' in token) return token;
          const body: AppTokenResponse = { token: withCode(token) };
          return { status: 200, body };
        },
      },
      {
        method: 'DELETE',
        pattern: '/api/v1/user/apptoken/{token_uuid}',
        handle: (req) => {
          const token = find(req);
          if ('status' in token) return token;
          tokens.delete(token.uuid);
          return { status: 204 };
        },
      },
    ],
  });

  return {
    ...server,
    expiringWindowMs,
    seed: (seeds) => seeds.map((s) => withCode(add(s.title, s.expiresAt))),
    login: (tokenCode) => {
      const at = now();
      const token = [...tokens.values()].find((t) => t.code === tokenCode && (t.expiresAt === null || t.expiresAt > at));
      if (token) token.lastAccessed = at;
      return token !== undefined;
    },
  };
}
