// events.list: Calendar's filters (extended properties, time window, deleted, text, type, updated),
// orderings and paging. Recurring events are refused at insert, so singleEvents changes nothing
// here except that orderBy=startTime needs it, as on Google.
import { createHash } from 'node:crypto';
import type { calendar_v3 } from '@googleapis/calendar';
import { instantOf } from './calendar-rules';
import type { EventRecord } from './calendar-store';
import { badRequest, notImplemented } from './errors';
import { dateTimeInstant, timestamp } from './formats';
import { newEtag } from './ids';
import type { Params } from './params';

type Event = calendar_v3.Schema$Event;
const MAX_PAGE = 2500;

function constraints(params: Params, name: string): [string, string][] {
  return params.strings(name).map((c) => {
    const at = c.indexOf('=');
    if (at <= 0)
      throw badRequest(`Invalid value for ${name}: '${c}'. Use propertyName=value.`, 'invalidParameter', {
        location: name,
        locationType: 'parameter',
      });
    return [c.slice(0, at), c.slice(at + 1)];
  });
}

function matchesText(event: Event, q: string): boolean {
  const haystack = [
    event.summary,
    event.description,
    event.location,
    event.organizer?.email,
    event.organizer?.displayName,
    ...(event.attendees ?? []).flatMap((a) => [a.email, a.displayName]),
  ]
    .filter((s): s is string => typeof s === 'string')
    .join('\n')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '')
    .every((term) => haystack.includes(term));
}

/** Limits attendees to maxAttendees, flagging attendeesOmitted as Calendar does. */
export function limitAttendees(event: Event, maxAttendees: number | undefined): Event {
  const copy = structuredClone(event);
  if (maxAttendees !== undefined && copy.attendees != null && copy.attendees.length > maxAttendees) {
    copy.attendees = copy.attendees.slice(0, maxAttendees);
    copy.attendeesOmitted = true;
  }
  return copy;
}

function pageToken(offset: number, signature: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: signature })).toString('base64url');
}

function readPageToken(token: string, signature: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'o' in parsed &&
      's' in parsed &&
      parsed.s === signature &&
      typeof parsed.o === 'number'
    )
      return parsed.o;
  } catch {
    // fall through to the refusal below
  }
  throw badRequest('Invalid page token value.', 'invalid', {
    location: 'pageToken',
    locationType: 'parameter',
  });
}

export function listEvents(
  records: EventRecord[],
  params: Params,
  owner: string,
  calendarTimeZone: string,
): calendar_v3.Schema$Events {
  if (params.has('syncToken')) throw notImplemented('incremental sync (events.list syncToken)');
  const orderBy = params.string('orderBy');
  if (orderBy === 'startTime' && params.boolean('singleEvents') !== true) {
    throw badRequest('The requested ordering is not available for the particular query.', 'badRequest');
  }
  const timeMin = params.string('timeMin');
  const timeMax = params.string('timeMax');
  const min = timeMin === undefined ? undefined : (dateTimeInstant(timeMin, 'UTC') ?? 0);
  const max = timeMax === undefined ? undefined : (dateTimeInstant(timeMax, 'UTC') ?? 0);
  if (min !== undefined && max !== undefined && min >= max)
    throw badRequest('The specified time range is empty.', 'timeRangeEmpty');
  const updatedMinText = params.string('updatedMin');
  const updatedMin = updatedMinText === undefined ? undefined : (dateTimeInstant(updatedMinText, 'UTC') ?? 0);
  const privateProps = constraints(params, 'privateExtendedProperty');
  const sharedProps = constraints(params, 'sharedExtendedProperty');
  const types = params.strings('eventTypes');
  const iCalUID = params.string('iCalUID');
  const q = params.string('q');
  // Deleted events since updatedMin are always included, whatever showDeleted says.
  const showDeleted = params.boolean('showDeleted') === true || updatedMin !== undefined;

  let events = records
    .map((r) => r.event)
    .filter((e) => {
      if (e.status === 'cancelled' && !showDeleted) return false;
      const start = e.start == null ? Number.NaN : instantOf(e.start, calendarTimeZone);
      const end = e.end == null ? Number.NaN : instantOf(e.end, calendarTimeZone);
      if (min !== undefined && !(end > min)) return false;
      if (max !== undefined && !(start < max)) return false;
      if (updatedMin !== undefined && Date.parse(e.updated ?? '') < updatedMin) return false;
      if (!privateProps.every(([k, v]) => e.extendedProperties?.private?.[k] === v)) return false;
      if (!sharedProps.every(([k, v]) => e.extendedProperties?.shared?.[k] === v)) return false;
      if (types.length > 0 && !types.includes(e.eventType ?? 'default')) return false;
      if (iCalUID !== undefined && e.iCalUID !== iCalUID) return false;
      return q === undefined || matchesText(e, q);
    });
  if (orderBy === 'startTime')
    events = events.sort(
      (a, b) => instantOf(a.start ?? {}, calendarTimeZone) - instantOf(b.start ?? {}, calendarTimeZone),
    );
  if (orderBy === 'updated')
    events = events.sort((a, b) => Date.parse(a.updated ?? '') - Date.parse(b.updated ?? ''));

  const signature = createHash('sha256')
    .update(
      JSON.stringify([
        owner,
        orderBy,
        timeMin,
        timeMax,
        updatedMinText,
        privateProps,
        sharedProps,
        types,
        iCalUID,
        q,
        showDeleted,
      ]),
    )
    .digest('hex');
  const token = params.string('pageToken');
  const offset = token === undefined ? 0 : readPageToken(token, signature);
  const size = Math.min(params.integer('maxResults') ?? 250, MAX_PAGE);
  const page = events
    .slice(offset, offset + size)
    .map((e) => limitAttendees(e, params.integer('maxAttendees')));
  const result: calendar_v3.Schema$Events = {
    kind: 'calendar#events',
    etag: newEtag(),
    summary: owner,
    // The calendar's last change, or now for a calendar never written to.
    updated: timestamp(
      Math.max(0, ...records.map((r) => Date.parse(r.event.updated ?? '') || 0)) || Date.now(),
    ),
    timeZone: calendarTimeZone,
    accessRole: 'owner',
    defaultReminders: [{ method: 'popup', minutes: 10 }],
  };
  if (offset + size < events.length) result.nextPageToken = pageToken(offset + size, signature);
  result.items = page;
  return result;
}
