// Meet v2 spaces.create / get / patch. The owner is the token's subject; only the owner reads or
// changes a space through the API, and the meetings.space.created scope reaches only spaces created
// through the Meet API (not ones Calendar made), while space.readonly / space.settings reach all
// the user's spaces.
import type { ApiCall, ApiModule } from './api';
import type { AccessToken } from './auth';
import { type DiscoveryDocument, type DiscoverySchema, loadDiscovery, schemaByRef } from './discovery';
import { ApiError, badRequest, notImplemented, permissionDenied } from './errors';
import { json, type Reply } from './http';
import {
  type MeetStore,
  normalizeConfig,
  type Space,
  type SpaceConfig,
  type SpaceRecord,
} from './meet-store';
import { buildRoutes } from './routes';

const SCOPE = 'https://www.googleapis.com/auth/meetings.space.';

function notFound(): ApiError {
  return new ApiError({
    code: 404,
    status: 'NOT_FOUND',
    message: 'Requested entity was not found.',
    reason: 'notFound',
  });
}

function accessible(token: AccessToken, record: SpaceRecord, forWrite: boolean): boolean {
  if (token.kind !== 'delegated' || record.owner !== token.subject) return false;
  const has = (s: string): boolean => token.scopes.includes(SCOPE + s);
  if (has('settings') || (!forWrite && has('readonly'))) return true;
  return has('created') && record.createdVia === 'meet-api';
}

function lookup(store: MeetStore, call: ApiCall, forWrite: boolean): SpaceRecord {
  const name = call.params.requireString('name');
  const record = store.findByName(name, !forWrite);
  if (record === undefined) throw notFound();
  if (!accessible(call.token, record, forWrite))
    throw permissionDenied(
      'Permission denied on resource Space (or it might not exist).',
      'PERMISSION_DENIED',
    );
  return record;
}

/** Applies one update-mask path (`config`, `config.accessType`, `config.moderation_restrictions.chat_restriction`). */
function applyMaskPath(
  config: Record<string, unknown>,
  given: Record<string, unknown>,
  path: string[],
): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return config;
  const { [head]: current, ...others } = config;
  const wanted = given[head];
  if (rest.length === 0)
    return wanted === undefined ? others : { ...others, [head]: structuredClone(wanted) };
  return { ...others, [head]: applyMaskPath(asRecord(current), asRecord(wanted), rest) };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function maskPaths(mask: string | undefined): string[][] | null {
  if (mask === undefined || mask.trim() === '') return null;
  const camel = (s: string): string => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  return mask.split(',').map((p) => p.trim().split('.').map(camel));
}

/** A mask path must be '*' or name a field under the Space's config, per the discovery schema. */
function checkMaskPath(doc: DiscoveryDocument, path: string[]): void {
  const refuse = (): ApiError => badRequest(`Invalid update mask path: "${path.join('.')}".`, 'badRequest');
  if (path.length === 1 && path[0] === '*') return;
  if (path[0] !== 'config') throw refuse();
  let schema: DiscoverySchema = schemaByRef(doc, 'SpaceConfig');
  for (const part of path.slice(1)) {
    const prop = schema.properties?.[part];
    if (prop === undefined) throw refuse();
    schema = prop.$ref === undefined ? prop : schemaByRef(doc, prop.$ref);
  }
}

function mergeConfig(base: Record<string, unknown>, given: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(given)) {
    const current = out[k];
    const nested = typeof v === 'object' && v !== null && typeof current === 'object' && current !== null;
    out[k] = nested ? mergeConfig(current as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

export function createMeetApi(store: MeetStore): ApiModule {
  const doc = loadDiscovery('meet-v2.json');
  const reply = (space: Space): Reply => json(200, structuredClone(space));
  return {
    name: 'meet',
    doc,
    style: 'platform',
    service: 'meet.googleapis.com',
    routes: buildRoutes('meet', doc),
    bodyRootName: (route) => {
      const ref = route.spec.request?.$ref ?? '';
      return ref.endsWith('Request') ? '' : ref.charAt(0).toLowerCase() + ref.slice(1);
    },
    handlers: {
      'spaces.create': (call) => {
        if (call.token.kind !== 'delegated')
          throw permissionDenied('The caller does not have permission', 'PERMISSION_DENIED');
        const config = call.body?.config as SpaceConfig | undefined;
        return reply(store.create(call.token.subject, config, 'meet-api').space);
      },
      'spaces.get': (call) => reply(lookup(store, call, false).space),
      'spaces.patch': (call) => {
        const record = lookup(store, call, true);
        const given = (call.body?.config ?? {}) as Record<string, unknown>;
        const current = (record.space.config ?? {}) as Record<string, unknown>;
        const paths = maskPaths(call.params.string('updateMask'));
        let next: Record<string, unknown>;
        if (paths === null) next = mergeConfig(current, given);
        else {
          for (const p of paths) checkMaskPath(doc, p);
          if (paths.some((p) => p[0] === '*')) next = { ...given };
          else {
            next = structuredClone(current);
            for (const p of paths) {
              if (p.length === 1) next = { ...given };
              else next = applyMaskPath(next, given, p.slice(1));
            }
          }
        }
        record.space.config = normalizeConfig(next);
        return reply(record.space);
      },
      'spaces.endActiveConference': () => {
        throw notImplemented('meet.spaces.endActiveConference');
      },
    },
  };
}
