/**
 * A stateful in-memory LaunchDarkly access-token API, as specs/launchdarkly.yaml describes it.
 * Every token's secret is itself an API key, so a client can authenticate with a token it just
 * made; a reset keeps the old secret alive until the requested expiry on an injectable clock.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ErrorRep, Statement, Token, Tokens } from '../../generated/launchdarkly/src/index.js';
import { isRecord, startEmulatorServer, type EmulatorReply, type EmulatorRequest, type EmulatorServer } from './http.js';

/** The bootstrap key the emulator accepts, and its clock. */
export interface LaunchDarklyEmulatorOptions {
  /** An account-level key that always works and belongs to no listed token. */
  apiKey: string;
  /** Epoch milliseconds; defaults to `Date.now`. Old secrets expire against this clock. */
  now?: () => number;
}

/** A running LaunchDarkly emulator with direct access to its state. */
export interface LaunchDarklyEmulator extends EmulatorServer {
  /** Creates `count` reader tokens named `<prefix> <n>` without going through HTTP; returns their IDs in list order. */
  seed: (count: number, prefix?: string) => string[];
  /** How many tokens exist. */
  tokenCount: () => number;
}

type Role = 'reader' | 'writer' | 'admin';

interface StoredToken {
  id: string;
  name?: string;
  description?: string;
  role?: Role;
  customRoleIds: string[];
  inlineRole: Statement[];
  serviceToken: boolean;
  defaultApiVersion: number;
  creationDate: number;
  lastModified: number;
  lastUsed: number;
  secret: string;
}

/** A key that authenticates: the bootstrap key (no token) or a token's current or retiring secret. */
interface KeyEntry {
  tokenId: string | null;
  /** Epoch ms after which a reset's old secret stops working; null for a current secret. */
  expiresAt: number | null;
}

/** The fields a JSON Patch may touch, and only at the top level. */
type Patchable = 'name' | 'description' | 'role' | 'customRoleIds';

const ROLES: readonly string[] = ['reader', 'writer', 'admin'];
const PATCHABLE: readonly string[] = ['name', 'description', 'role', 'customRoleIds'];
const RFC6902_OPS: readonly string[] = ['add', 'remove', 'replace', 'move', 'copy', 'test'];
const JSON_TYPE = 'application/json';
const INTEGER = /^\d+$/;

function error(status: number, code: string, message: string): EmulatorReply {
  const body: ErrorRep = { code, message };
  return { status, body };
}

const notFound = (): EmulatorReply => error(404, 'not_found', 'Invalid resource identifier');
const invalid = (message: string): EmulatorReply => error(400, 'invalid_request', message);
const patchFailed = (message: string): EmulatorReply => error(422, 'patch_failed', message);

const objectId = (): string => randomBytes(12).toString('hex');
const newSecret = (): string => `api-${randomUUID()}`;
const isRole = (value: unknown): value is Role => typeof value === 'string' && ROLES.includes(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const isStatements = (value: unknown): value is Statement[] =>
  Array.isArray(value) && value.every((s) => isRecord(s) && (s.effect === 'allow' || s.effect === 'deny'));

/** Why a value cannot go into a patchable field, or undefined when it can. */
function valueProblem(field: Patchable, value: unknown): string | undefined {
  if (field === 'role') return isRole(value) ? undefined : 'role must be one of reader, writer, admin';
  if (field === 'customRoleIds') return isStringArray(value) ? undefined : 'customRoleIds must be an array of strings';
  return typeof value === 'string' ? undefined : `${field} must be a string`;
}

/** Applies a JSON Patch to a copy of the token; all operations succeed or none do. */
function applyPatch(token: StoredToken, patch: unknown): StoredToken | EmulatorReply {
  if (!Array.isArray(patch)) return invalid('the request body must be a JSON Patch array');
  const draft: StoredToken = { ...token, customRoleIds: [...token.customRoleIds] };
  for (const operation of patch) {
    if (!isRecord(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
      return invalid('each patch operation needs a string op and path');
    }
    const { op, path } = operation;
    if (!RFC6902_OPS.includes(op)) return invalid(`unknown patch operation ${op}`);
    if (op !== 'add' && op !== 'replace' && op !== 'remove') return patchFailed(`the ${op} operation is not supported here`);
    const field = path.slice(1);
    if (!path.startsWith('/') || !PATCHABLE.includes(field)) return patchFailed(`${path} cannot be patched`);
    const key = field as Patchable;
    // RFC 6902: replace and remove need the target to exist; an empty role list counts as absent.
    const present = key === 'customRoleIds' ? draft.customRoleIds.length > 0 : draft[key] !== undefined;
    if ((op === 'replace' || op === 'remove') && !present) return patchFailed(`${path} does not exist`);
    if (op === 'remove') {
      if (key === 'customRoleIds') draft.customRoleIds = [];
      else draft[key] = undefined;
      continue;
    }
    if (!('value' in operation)) return invalid(`the ${op} operation needs a value`);
    const problem = valueProblem(key, operation.value);
    if (problem) return invalid(problem);
    // valueProblem has checked the type that belongs to this field.
    Object.assign(draft, { [key]: operation.value });
  }
  if (draft.role === undefined && draft.customRoleIds.length === 0 && draft.inlineRole.length === 0) {
    return patchFailed('a token needs a role, custom roles or an inline policy');
  }
  return draft;
}

/** Starts the emulator; the Authorization header must be exactly a live key, with no scheme prefix. */
export async function startLaunchDarklyEmulator(options: LaunchDarklyEmulatorOptions): Promise<LaunchDarklyEmulator> {
  const now = options.now ?? Date.now;
  const ownerId = objectId();
  const memberId = objectId();
  const tokens = new Map<string, StoredToken>();
  const keys = new Map<string, KeyEntry>([[options.apiKey, { tokenId: null, expiresAt: null }]]);

  const view = (t: StoredToken, wholeSecret: boolean): Token => ({
    _id: t.id,
    ownerId,
    memberId,
    ...(t.name === undefined ? {} : { name: t.name }),
    ...(t.description === undefined ? {} : { description: t.description }),
    ...(t.role === undefined ? {} : { role: t.role }),
    customRoleIds: t.customRoleIds,
    inlineRole: t.inlineRole,
    serviceToken: t.serviceToken,
    defaultApiVersion: t.defaultApiVersion,
    creationDate: t.creationDate,
    lastModified: t.lastModified,
    lastUsed: t.lastUsed,
    token: wholeSecret ? t.secret : t.secret.slice(-4),
    _links: { self: { href: `/api/v2/tokens/${t.id}`, type: JSON_TYPE }, parent: { href: '/api/v2/tokens', type: JSON_TYPE } },
  });

  const add = (fields: Omit<StoredToken, 'id' | 'creationDate' | 'lastModified' | 'lastUsed' | 'secret'>): StoredToken => {
    const at = now();
    const token: StoredToken = { ...fields, id: objectId(), creationDate: at, lastModified: at, lastUsed: 0, secret: newSecret() };
    tokens.set(token.id, token);
    keys.set(token.secret, { tokenId: token.id, expiresAt: null });
    return token;
  };

  const find = (req: EmulatorRequest): StoredToken | undefined => tokens.get(req.params.id ?? '');

  const authenticate = (req: EmulatorRequest): EmulatorReply | undefined => {
    const presented = req.headers.authorization ?? '';
    const entry = keys.get(presented);
    const at = now();
    const live = entry !== undefined && (entry.expiresAt === null || at < entry.expiresAt);
    const owner = live && entry.tokenId !== null ? tokens.get(entry.tokenId) : undefined;
    // A key is good while it is live and, unless it is the bootstrap key, its token still exists.
    if (!live || (entry.tokenId !== null && !owner)) return error(401, 'unauthorized', 'Invalid access token');
    if (owner) owner.lastUsed = at;
    return undefined;
  };

  const server = await startEmulatorServer({
    authenticate,
    invalidJson: () => invalid('the request body is not valid JSON'),
    notFound,
    routes: [
      {
        method: 'GET',
        pattern: '/api/v2/tokens',
        handle: (req) => {
          const limitText = req.query.get('limit') ?? '25';
          const offsetText = req.query.get('offset') ?? '0';
          if (!INTEGER.test(limitText) || !INTEGER.test(offsetText) || Number(limitText) < 1) {
            return invalid('limit and offset must be non-negative integers, limit at least 1');
          }
          const limit = Number(limitText);
          const offset = Number(offsetText);
          // Every token here belongs to the one member, so showAll changes nothing.
          const all = [...tokens.values()];
          const link = (at: number) => ({ href: `/api/v2/tokens?limit=${limit}&offset=${at}`, type: JSON_TYPE });
          const body: Tokens = {
            items: all.slice(offset, offset + limit).map((t) => view(t, false)),
            totalCount: all.length,
            _links: { self: link(offset), ...(offset + limit < all.length ? { next: link(offset + limit) } : {}) },
          };
          return { status: 200, body };
        },
      },
      {
        method: 'POST',
        pattern: '/api/v2/tokens',
        handle: (req) => {
          const b = req.body;
          if (!isRecord(b)) return invalid('the request body must be a JSON object');
          if (b.name !== undefined && typeof b.name !== 'string') return invalid('name must be a string');
          if (b.description !== undefined && typeof b.description !== 'string') return invalid('description must be a string');
          if (b.role !== undefined && !isRole(b.role)) return invalid('role must be one of reader, writer, admin');
          if (b.customRoleIds !== undefined && !isStringArray(b.customRoleIds)) return invalid('customRoleIds must be an array of strings');
          if (b.inlineRole !== undefined && !isStatements(b.inlineRole)) return invalid('inlineRole must be an array of statements with an effect');
          if (b.serviceToken !== undefined && typeof b.serviceToken !== 'boolean') return invalid('serviceToken must be a boolean');
          if (b.defaultApiVersion !== undefined && !Number.isInteger(b.defaultApiVersion)) return invalid('defaultApiVersion must be an integer');
          const customRoleIds = b.customRoleIds ?? [];
          const inlineRole = b.inlineRole ?? [];
          const hasPolicy = customRoleIds.length > 0 || inlineRole.length > 0;
          const token = add({
            ...(typeof b.name === 'string' ? { name: b.name } : {}),
            ...(typeof b.description === 'string' ? { description: b.description } : {}),
            // A token made with neither a role nor a policy gets the least privileged role.
            ...(b.role !== undefined ? { role: b.role } : hasPolicy ? {} : { role: 'reader' as const }),
            customRoleIds,
            inlineRole,
            serviceToken: b.serviceToken === true,
            defaultApiVersion: typeof b.defaultApiVersion === 'number' ? b.defaultApiVersion : 20240415,
          });
          return { status: 201, body: view(token, true) };
        },
      },
      {
        method: 'GET',
        pattern: '/api/v2/tokens/{id}',
        handle: (req) => {
          const token = find(req);
          return token ? { status: 200, body: view(token, false) } : notFound();
        },
      },
      {
        method: 'PATCH',
        pattern: '/api/v2/tokens/{id}',
        handle: (req) => {
          const token = find(req);
          if (!token) return notFound();
          const patched = applyPatch(token, req.body);
          if ('status' in patched) return patched;
          patched.lastModified = now();
          tokens.set(patched.id, patched);
          return { status: 200, body: view(patched, false) };
        },
      },
      {
        method: 'DELETE',
        pattern: '/api/v2/tokens/{id}',
        handle: (req) => {
          const token = find(req);
          if (!token) return notFound();
          tokens.delete(token.id);
          for (const [key, entry] of keys) if (entry.tokenId === token.id) keys.delete(key);
          return { status: 204 };
        },
      },
      {
        method: 'POST',
        pattern: '/api/v2/tokens/{id}/reset',
        handle: (req) => {
          const token = find(req);
          if (!token) return notFound();
          const expiryText = req.query.get('expiry');
          if (expiryText !== null && !INTEGER.test(expiryText)) return invalid('expiry must be a time in Unix epoch milliseconds');
          const expiry = expiryText === null ? undefined : Number(expiryText);
          const at = now();
          if (expiry !== undefined && expiry > at) keys.set(token.secret, { tokenId: token.id, expiresAt: expiry });
          else keys.delete(token.secret);
          token.secret = newSecret();
          token.lastModified = at;
          keys.set(token.secret, { tokenId: token.id, expiresAt: null });
          return { status: 200, body: view(token, true) };
        },
      },
    ],
  });

  return {
    ...server,
    seed: (count, prefix = 'seeded') => {
      const ids: string[] = [];
      for (let n = 0; n < count; n++) {
        const token = add({
          name: `${prefix} ${tokens.size + 1}`,
          role: 'reader',
          customRoleIds: [],
          inlineRole: [],
          serviceToken: false,
          defaultApiVersion: 20240415,
        });
        ids.push(token.id);
      }
      return ids;
    },
    tokenCount: () => tokens.size,
  };
}
