// Calendar's own checks on an event, beyond its JSON schema: id alphabet, start/end, attendees,
// string fields that are enums in all but name, reminders — and the way Calendar returns an event
// (defaults filled in, default-valued booleans left out).
import type { calendar_v3 } from '@googleapis/calendar';
import { badRequest, notImplemented } from './errors';
import { dateInstant, dateTimeInstant, hasOffset, isEmail, isTimeZone } from './formats';

type Event = calendar_v3.Schema$Event;
type EventDateTime = calendar_v3.Schema$EventDateTime;
type Attendee = calendar_v3.Schema$EventAttendee;

/** Fields Calendar sets itself and ignores in requests. */
export const OUTPUT_ONLY = [
  'kind',
  'etag',
  'htmlLink',
  'created',
  'updated',
  'creator',
  'organizer',
  'iCalUID',
  'hangoutLink',
  'locked',
];

const ENUMS: Record<string, readonly string[]> = {
  status: ['confirmed', 'tentative', 'cancelled'],
  visibility: ['default', 'public', 'private', 'confidential'],
  transparency: ['opaque', 'transparent'],
  eventType: ['default', 'outOfOffice', 'focusTime', 'workingLocation', 'fromGmail', 'birthday'],
};
const RESPONSE_STATUS = ['needsAction', 'declined', 'tentative', 'accepted'];

/** Values Google leaves out of responses because they are the default. */
const OMITTED_DEFAULTS: Record<string, unknown> = {
  guestsCanInviteOthers: true,
  guestsCanSeeOtherGuests: true,
  guestsCanModify: false,
  anyoneCanAddSelf: false,
  privateCopy: false,
  locked: false,
  attendeesOmitted: false,
  endTimeUnspecified: false,
  visibility: 'default',
  transparency: 'opaque',
};

export function checkEventId(id: string): void {
  // base32hex (lowercase a-v and digits), 5 to 1024 characters, per the Event.id documentation.
  if (!/^[a-v0-9]{5,1024}$/.test(id)) throw badRequest('Invalid resource id value.');
}

export function instantOf(time: EventDateTime, calendarTimeZone: string): number {
  const zone = time.timeZone ?? calendarTimeZone;
  const at =
    typeof time.dateTime === 'string'
      ? dateTimeInstant(time.dateTime, zone)
      : dateInstant(time.date ?? '', zone);
  return at ?? Number.NaN;
}

function checkTime(which: 'start' | 'end', time: EventDateTime | undefined): EventDateTime {
  if (time == null || (time.date == null && time.dateTime == null))
    throw badRequest(`Missing ${which} time.`, 'required');
  if (time.date != null && time.dateTime != null) throw badRequest(`Invalid ${which} time.`);
  if (time.timeZone != null && !isTimeZone(time.timeZone))
    throw badRequest(`Invalid time zone definition for ${which} time.`);
  if (time.dateTime != null && !hasOffset(time.dateTime) && time.timeZone == null) {
    throw badRequest(`Missing time zone definition for ${which} time.`, 'required');
  }
  return time;
}

export function checkTimes(event: Event, calendarTimeZone: string): void {
  const start = checkTime('start', event.start ?? undefined);
  const end = checkTime('end', event.end ?? undefined);
  if ((start.date == null) !== (end.date == null))
    throw badRequest('Start and end times must either both be date or both be dateTime.');
  const s = instantOf(start, calendarTimeZone);
  const e = instantOf(end, calendarTimeZone);
  // A timed event may last zero minutes; an all-day event's end date is exclusive, so must be later.
  if (e < s || (start.date != null && e <= s))
    throw badRequest('The specified time range is empty.', 'timeRangeEmpty');
}

export function checkEventFields(event: Event): void {
  for (const [field, allowed] of Object.entries(ENUMS)) {
    const value = (event as Record<string, unknown>)[field];
    if (value != null && (typeof value !== 'string' || !allowed.includes(value)))
      throw badRequest(`Invalid value for: ${field}`);
  }
  if (event.eventType === 'fromGmail' || event.eventType === 'birthday')
    throw badRequest('Invalid event type.', 'invalid');
  if (event.eventType != null && event.eventType !== 'default')
    throw notImplemented(`events of type ${event.eventType}`);
  if (event.recurrence != null && event.recurrence.length > 0) throw notImplemented('recurring events');
  const reminders = event.reminders;
  if (reminders != null) {
    const overrides = reminders.overrides ?? [];
    if (reminders.useDefault === true && overrides.length > 0) {
      throw badRequest(
        'Cannot specify both default reminders and overrides at the same time.',
        'cannotUseDefaultRemindersAndSpecifyOverride',
      );
    }
    if (overrides.length > 5) throw badRequest('Too many reminders.', 'invalid');
    for (const o of overrides) {
      if (o.method !== 'email' && o.method !== 'popup')
        throw badRequest('Invalid reminder method.', 'invalid');
      if (o.minutes == null || o.minutes < 0 || o.minutes > 40320)
        throw badRequest('Invalid reminder minutes value.', 'invalid');
    }
  }
}

/** Attendees as Calendar stores them: emails checked, the organizer flagged, responseStatus defaulted. */
export function normalizeAttendees(attendees: Attendee[] | undefined, owner: string): Attendee[] | undefined {
  if (attendees == null || attendees.length === 0) return undefined;
  return attendees.map((given) => {
    const { self: _self, organizer: _organizer, id: _id, ...a } = given;
    if (a.email == null || a.email === '') throw badRequest('Missing attendee email.', 'required');
    if (!isEmail(a.email)) throw badRequest('Invalid attendee email.');
    if (a.responseStatus != null && !RESPONSE_STATUS.includes(a.responseStatus))
      throw badRequest('Invalid attendee response status.');
    const isOrganizer = a.email.toLowerCase() === owner.toLowerCase();
    const out: Attendee = {
      ...a,
      responseStatus: a.responseStatus ?? (isOrganizer ? 'accepted' : 'needsAction'),
    };
    if (isOrganizer) Object.assign(out, { organizer: true, self: true });
    if (out.optional === false) delete out.optional;
    if (out.resource === false) delete out.resource;
    if (out.additionalGuests === 0) delete out.additionalGuests;
    return out;
  });
}

/** The event as Calendar returns it: defaults filled in where Google shows them, omitted where it does not. */
export function canonicalize(event: Event): Event {
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(event).filter(
      ([field, value]) => value !== undefined && OMITTED_DEFAULTS[field] !== value,
    ),
  );
  out.reminders ??= { useDefault: true };
  out.eventType ??= 'default';
  return out;
}
