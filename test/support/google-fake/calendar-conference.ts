// conferenceData on events (only with conferenceDataVersion=1; the caller drops it otherwise, as
// Calendar does). A createRequest asks Calendar to make a Meet conference: it starts 'pending' and
// turns 'success' after some events.get calls. Conference data given without a createRequest must
// describe a real Meet space: the fake refuses meeting codes it did not create.
import type { calendar_v3 } from '@googleapis/calendar';
import type { CalendarStore, EventRecord } from './calendar-store';
import { type ApiError, badRequest } from './errors';
import type { MeetStore, SpaceRecord } from './meet-store';

type ConferenceData = calendar_v3.Schema$ConferenceData;
type EntryPoint = calendar_v3.Schema$EntryPoint;

export const MEET_ICON =
  'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png';
const ENTRY_SCHEMES: Record<string, RegExp> = {
  video: /^https?:/,
  more: /^https?:/,
  phone: /^tel:/,
  sip: /^sip:/,
};
const DEPRECATED_OR_UNAVAILABLE = 'Invalid conference type value.';

export type ConferenceOutcome =
  | { kind: 'keep' }
  | { kind: 'remove' }
  | { kind: 'set'; data: ConferenceData; hangoutLink: string }
  | { kind: 'create'; data: ConferenceData; space: SpaceRecord };

export interface ConferenceContext {
  meet: MeetStore;
  store: CalendarStore;
  owner: string;
  eventId: string;
  mode: 'insert' | 'patch' | 'update';
}

function invalidData(): ApiError {
  return badRequest('Invalid conference data.');
}

function meetSolution(): calendar_v3.Schema$ConferenceSolution {
  return { key: { type: 'hangoutsMeet' }, name: 'Google Meet', iconUri: MEET_ICON };
}

function requested(
  input: ConferenceData,
  existing: ConferenceData | undefined,
  ctx: ConferenceContext,
): ConferenceOutcome {
  const request = input.createRequest ?? {};
  const requestId = request.requestId;
  const type = request.conferenceSolutionKey?.type;
  if (requestId == null || requestId === '')
    throw badRequest('Invalid conference create request: requestId is required.');
  const prior = ctx.store.requestIds.get(requestId);
  if (prior !== undefined) {
    // The same request echoed back on the same event is ignored, as the requestId documentation says.
    if (
      prior.owner === ctx.owner &&
      prior.eventId === ctx.eventId &&
      prior.type === type &&
      existing?.createRequest?.requestId === requestId
    )
      return { kind: 'keep' };
    throw badRequest(
      'Invalid conference create request: this requestId was already used with different data.',
    );
  }
  if (type !== 'hangoutsMeet') throw badRequest(DEPRECATED_OR_UNAVAILABLE);
  const space = ctx.meet.create(ctx.owner, undefined, 'calendar');
  ctx.store.requestIds.set(requestId, { owner: ctx.owner, eventId: ctx.eventId, type });
  const data: ConferenceData = {
    createRequest: { requestId, conferenceSolutionKey: { type }, status: { statusCode: 'pending' } },
  };
  return { kind: 'create', data, space };
}

function checkEntryPoints(entryPoints: EntryPoint[]): EntryPoint {
  if (entryPoints.length === 0) throw invalidData();
  const counts = new Map<string, number>();
  for (const ep of entryPoints) {
    const type = ep.entryPointType ?? '';
    const scheme = ENTRY_SCHEMES[type];
    if (scheme === undefined || ep.uri == null || !scheme.test(ep.uri) || ep.uri.length > 1300)
      throw invalidData();
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  if (['video', 'sip', 'more'].some((t) => (counts.get(t) ?? 0) > 1)) throw invalidData();
  const video = entryPoints.find((ep) => ep.entryPointType === 'video');
  if (video === undefined) throw invalidData();
  return video;
}

function copied(
  input: ConferenceData,
  existing: ConferenceData | undefined,
  ctx: ConferenceContext,
): ConferenceOutcome {
  const type = input.conferenceSolution?.key?.type;
  if (type == null || type === '') throw badRequest(DEPRECATED_OR_UNAVAILABLE);
  if (
    existing?.conferenceId != null &&
    existing.conferenceId === input.conferenceId &&
    existing.conferenceSolution?.key?.type === type
  )
    return { kind: 'keep' };
  // eventHangout and eventNamedHangout are deprecated; addOn needs an installed conferencing add-on.
  if (type !== 'hangoutsMeet') throw badRequest(DEPRECATED_OR_UNAVAILABLE);
  if (input.conferenceId == null || input.conferenceId === '') throw invalidData();
  const video = checkEntryPoints(input.entryPoints ?? []);
  const space = ctx.meet.findByCode(input.conferenceId);
  if (space === undefined || input.conferenceId !== space.space.meetingCode) throw invalidData();
  const uri = space.space.meetingUri ?? '';
  if (video.uri !== uri) throw invalidData();
  const entryPoints = (input.entryPoints ?? []).map((ep) =>
    ep.entryPointType === 'video' ? { ...ep, label: ep.label ?? uri.replace(/^https:\/\//, '') } : ep,
  );
  const { createRequest: _none, ...rest } = input;
  const data: ConferenceData = {
    ...rest,
    entryPoints,
    conferenceSolution: { ...meetSolution(), ...input.conferenceSolution },
  };
  return { kind: 'set', data, hangoutLink: uri };
}

/** What a write with conferenceDataVersion=1 does to the event's conference. */
export function resolveConference(
  input: ConferenceData | null | undefined,
  existing: EventRecord | undefined,
  ctx: ConferenceContext,
): ConferenceOutcome {
  const current = existing?.event.conferenceData ?? undefined;
  if (input === undefined)
    return ctx.mode === 'update' && current !== undefined ? { kind: 'remove' } : { kind: 'keep' };
  if (input === null) return { kind: 'remove' };
  if (input.createRequest != null) return requested(input, current, ctx);
  return copied(input, current, ctx);
}

/** The conference a pending createRequest turns into. */
export function succeeded(
  request: calendar_v3.Schema$CreateConferenceRequest,
  space: SpaceRecord,
): ConferenceData {
  const code = space.space.meetingCode ?? '';
  const uri = space.space.meetingUri ?? '';
  return {
    entryPoints: [{ entryPointType: 'video', uri, label: uri.replace(/^https:\/\//, '') }],
    conferenceSolution: meetSolution(),
    conferenceId: code,
    createRequest: { ...request, status: { statusCode: 'success' } },
  };
}
