/**
 * A stateful in-memory IONOS Cloud Container Registry token API, as specs/ionos-container-registry.yaml
 * describes it. Registries are implicit: any well-formed registry ID has a (possibly empty) token list.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiErrorResponse, Scope, TokenResponse, TokensResponse, TokenStatus } from '../../generated/ionos-container-registry/src/index.js';
import { isRecord, startEmulatorServer, type EmulatorReply, type EmulatorRequest, type EmulatorServer } from './http.js';

/** Credentials the emulator accepts, and an optional clock. */
export interface IonosEmulatorOptions {
  username: string;
  password: string;
  bearerToken: string;
  /** Epoch milliseconds; defaults to `Date.now`. */
  now?: () => number;
}

/** A running IONOS emulator with direct access to its state. */
export interface IonosEmulator extends EmulatorServer {
  /** Creates `count` tokens named `<prefix>-<n>` in a registry without going through HTTP; returns their IDs, oldest first. */
  seed: (registryId: string, count: number, prefix?: string) => string[];
  /** How many tokens a registry holds. */
  tokenCount: (registryId: string) => number;
}

/** Either a value or the error reply that stands in for it. */
type Outcome<T> = { ok: true; value: T } | { ok: false; reply: EmulatorReply };

/** The settable part of a token. */
type TokenFields = Pick<StoredToken, 'name' | 'status' | 'expiryDate' | 'scopes'>;

interface StoredToken {
  id: string;
  name: string;
  status: TokenStatus;
  expiryDate: string | null;
  scopes: Scope[] | null;
  createdDate: string;
  lastModifiedDate?: string;
}

const UUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const NAME = /^[A-Za-z][-A-Za-z0-9]{0,61}[A-Za-z0-9]$/;
const DECIMAL = /^\d+$/;

function apiError(status: number, message: string): EmulatorReply {
  const body: ApiErrorResponse = { httpStatus: status, messages: [{ errorCode: String(status), message }] };
  return { status, body };
}

function fail<T>(status: number, message: string): Outcome<T> {
  return { ok: false, reply: apiError(status, message) };
}

/** Why a scope list is unacceptable, or undefined when it is fine. */
function scopesProblem(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) return 'scopes must be an array';
  for (const scope of value) {
    if (!isRecord(scope) || typeof scope.name !== 'string' || typeof scope.type !== 'string') return 'each scope needs a name and a type';
    const { actions } = scope;
    if (actions !== null && !(Array.isArray(actions) && actions.every((a) => a === 'pull' || a === 'push' || a === 'delete'))) {
      return 'scope actions must be pull, push or delete';
    }
  }
  return undefined;
}

function expiryProblem(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : 'expiryDate must be an RFC 3339 date-time or null';
}

function statusProblem(value: unknown): string | undefined {
  return value === undefined || value === 'enabled' || value === 'disabled' ? undefined : 'status must be enabled or disabled';
}

/** The validated `properties` of a POST or PUT body, or the 400 that rejects it. */
function readProperties(body: unknown): Outcome<TokenFields> {
  if (!isRecord(body) || !isRecord(body.properties)) return fail(400, 'the request body needs a properties object');
  const p = body.properties;
  if (typeof p.name !== 'string' || !NAME.test(p.name)) return fail(400, 'name must match ^[A-Za-z][-A-Za-z0-9]{0,61}[A-Za-z0-9]$');
  const problem = statusProblem(p.status) ?? expiryProblem(p.expiryDate) ?? scopesProblem(p.scopes);
  if (problem) return fail(400, problem);
  return {
    ok: true,
    value: {
      name: p.name,
      status: p.status === 'disabled' ? 'disabled' : 'enabled',
      expiryDate: typeof p.expiryDate === 'string' ? p.expiryDate : null,
      // scopesProblem has checked the shape, so the cast only restates it.
      scopes: Array.isArray(p.scopes) ? (p.scopes as Scope[]) : [],
    },
  };
}

/** Starts the emulator; it accepts HTTP Basic with `username`/`password` or `Bearer <bearerToken>`. */
export async function startIonosEmulator(options: IonosEmulatorOptions): Promise<IonosEmulator> {
  const now = options.now ?? Date.now;
  const userId = randomUUID();
  const basic = `Basic ${Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64')}`;
  // Insertion-ordered, so "newest first" is the reverse of each list.
  const registries = new Map<string, StoredToken[]>();

  const tokensOf = (registryId: string): StoredToken[] => {
    let list = registries.get(registryId);
    if (!list) registries.set(registryId, (list = []));
    return list;
  };
  const hrefOf = (req: EmulatorRequest, registryId: string, tokenId: string): string => `${req.origin}/registries/${registryId}/tokens/${tokenId}`;

  const view = (req: EmulatorRequest, registryId: string, t: StoredToken, password = ''): TokenResponse => ({
    id: t.id,
    type: 'token',
    href: hrefOf(req, registryId, t.id),
    metadata: {
      createdBy: options.username,
      createdByUserId: userId,
      createdDate: t.createdDate,
      ...(t.lastModifiedDate === undefined ? {} : { lastModifiedBy: options.username, lastModifiedByUserId: userId, lastModifiedDate: t.lastModifiedDate }),
      state: 'AVAILABLE',
    },
    properties: { name: t.name, credentials: { username: t.name, password }, expiryDate: t.expiryDate, status: t.status, scopes: t.scopes },
  });

  // The one place a password exists: it is returned once and never stored.
  const created = (req: EmulatorRequest, registryId: string, t: StoredToken): EmulatorReply => ({
    status: 201,
    headers: { location: hrefOf(req, registryId, t.id) },
    body: view(req, registryId, t, randomBytes(24).toString('base64url')),
  });

  const registryOf = (req: EmulatorRequest): Outcome<string> => {
    const registryId = req.params.registryId ?? '';
    return UUID.test(registryId) ? { ok: true, value: registryId } : fail(400, 'registryId must be a UUID');
  };

  /** The registry and the token a path names; `index` is -1 when the registry has no such token. */
  const locate = (req: EmulatorRequest): Outcome<{ registryId: string; tokenId: string; list: StoredToken[]; index: number }> => {
    const registry = registryOf(req);
    if (!registry.ok) return registry;
    const tokenId = req.params.tokenId ?? '';
    if (!UUID.test(tokenId)) return fail(400, 'tokenId must be a UUID');
    const list = tokensOf(registry.value);
    const index = list.findIndex((t) => t.id.toLowerCase() === tokenId.toLowerCase());
    return { ok: true, value: { registryId: registry.value, tokenId, list, index } };
  };

  /** Like `locate`, but a missing token is a 404. */
  const existing = (req: EmulatorRequest): Outcome<{ registryId: string; list: StoredToken[]; index: number; token: StoredToken }> => {
    const found = locate(req);
    if (!found.ok) return found;
    const token = found.value.list[found.value.index];
    return token ? { ok: true, value: { ...found.value, token } } : fail(404, `token ${found.value.tokenId} not found`);
  };

  let seeded = 0;

  const server = await startEmulatorServer({
    authenticate: (req) => {
      const auth = req.headers.authorization;
      return auth === basic || auth === `Bearer ${options.bearerToken}` ? undefined : apiError(401, 'Unauthorized');
    },
    invalidJson: () => apiError(400, 'the request body is not valid JSON'),
    notFound: (req) => apiError(404, `no resource at ${req.method} ${req.path}`),
    routes: [
      {
        method: 'GET',
        pattern: '/registries/{registryId}/tokens',
        handle: (req) => {
          const registry = registryOf(req);
          if (!registry.ok) return registry.reply;
          const registryId = registry.value;
          const offsetText = req.query.get('offset') ?? '0';
          const limitText = req.query.get('limit') ?? '100';
          if (!DECIMAL.test(offsetText) || !DECIMAL.test(limitText) || Number(limitText) < 1) {
            return apiError(400, 'offset and limit must be decimal strings, limit at least 1');
          }
          const offset = Number(offsetText);
          const limit = Number(limitText);
          const all = [...tokensOf(registryId)].reverse();
          const items = all.slice(offset, offset + limit).map((t) => view(req, registryId, t));
          const page = (at: number): string => `${req.origin}/registries/${registryId}/tokens?offset=${at}&limit=${limit}`;
          const body: TokensResponse = {
            id: `${registryId}/tokens`,
            type: 'collection',
            href: page(offset),
            items,
            offset,
            limit,
            count: items.length,
            total: all.length,
            _links: {
              self: page(offset),
              previous: offset > 0 ? page(Math.max(0, offset - limit)) : '',
              next: offset + limit < all.length ? page(offset + limit) : '',
            },
          };
          return { status: 200, body };
        },
      },
      {
        method: 'POST',
        pattern: '/registries/{registryId}/tokens',
        handle: (req) => {
          const registry = registryOf(req);
          if (!registry.ok) return registry.reply;
          const fields = readProperties(req.body);
          if (!fields.ok) return fields.reply;
          const list = tokensOf(registry.value);
          if (list.some((t) => t.name === fields.value.name)) return apiError(409, `a token named ${fields.value.name} already exists`);
          const token: StoredToken = { ...fields.value, id: randomUUID(), createdDate: new Date(now()).toISOString() };
          list.push(token);
          return created(req, registry.value, token);
        },
      },
      {
        method: 'GET',
        pattern: '/registries/{registryId}/tokens/{tokenId}',
        handle: (req) => {
          const found = existing(req);
          return found.ok ? { status: 200, body: view(req, found.value.registryId, found.value.token) } : found.reply;
        },
      },
      {
        method: 'PUT',
        pattern: '/registries/{registryId}/tokens/{tokenId}',
        handle: (req) => {
          const found = locate(req);
          if (!found.ok) return found.reply;
          const fields = readProperties(req.body);
          if (!fields.ok) return fields.reply;
          const { registryId, tokenId, list, index } = found.value;
          const current = list[index];
          if (current) {
            if (current.name !== fields.value.name) return apiError(400, 'a token name cannot change');
            const replaced: StoredToken = { ...current, ...fields.value, lastModifiedDate: new Date(now()).toISOString() };
            list[index] = replaced;
            return { status: 201, headers: { location: hrefOf(req, registryId, tokenId) }, body: view(req, registryId, replaced) };
          }
          if (list.some((t) => t.name === fields.value.name)) return apiError(409, `a token named ${fields.value.name} already exists`);
          const token: StoredToken = { ...fields.value, id: tokenId, createdDate: new Date(now()).toISOString() };
          list.push(token);
          return created(req, registryId, token);
        },
      },
      {
        method: 'PATCH',
        pattern: '/registries/{registryId}/tokens/{tokenId}',
        handle: (req) => {
          const found = existing(req);
          if (!found.ok) return found.reply;
          const patch = req.body;
          if (!isRecord(patch)) return apiError(400, 'the request body must be a JSON object');
          const problem = statusProblem(patch.status) ?? expiryProblem(patch.expiryDate) ?? scopesProblem(patch.scopes);
          if (problem) return apiError(400, problem);
          const { registryId, list, index, token } = found.value;
          // Keys left out keep their value; an explicit null clears expiryDate or scopes. The casts restate what the checks above proved.
          const updated: StoredToken = {
            ...token,
            ...(patch.status === undefined ? {} : { status: patch.status as TokenStatus }),
            ...('expiryDate' in patch ? { expiryDate: (patch.expiryDate ?? null) as string | null } : {}),
            ...('scopes' in patch ? { scopes: (patch.scopes ?? null) as Scope[] | null } : {}),
            lastModifiedDate: new Date(now()).toISOString(),
          };
          list[index] = updated;
          return { status: 200, body: view(req, registryId, updated) };
        },
      },
      {
        method: 'DELETE',
        pattern: '/registries/{registryId}/tokens/{tokenId}',
        handle: (req) => {
          const found = existing(req);
          if (!found.ok) return found.reply;
          found.value.list.splice(found.value.index, 1);
          return { status: 204 };
        },
      },
    ],
  });

  return {
    ...server,
    seed: (registryId, count, prefix = 'seeded') => {
      const list = tokensOf(registryId);
      const ids: string[] = [];
      for (let n = 0; n < count; n++) {
        const token: StoredToken = {
          id: randomUUID(),
          name: `${prefix}-${++seeded}`,
          status: 'enabled',
          expiryDate: null,
          scopes: [{ name: '*', type: 'repository', actions: ['pull'] }],
          createdDate: new Date(now()).toISOString(),
        };
        list.push(token);
        ids.push(token.id);
      }
      return ids;
    },
    tokenCount: (registryId) => tokensOf(registryId).length,
  };
}
