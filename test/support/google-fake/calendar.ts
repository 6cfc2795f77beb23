// Calendar v3 events on each user's primary calendar ('primary' or the user's own address; any other
// calendar is 404, as another user's calendar is to a delegated token without sharing).
import type { ApiCall, ApiModule } from './api';
import { succeeded } from './calendar-conference';
import { limitAttendees, listEvents } from './calendar-list';
import type { CalendarStore, EventRecord } from './calendar-store';
import { EventWriter, type WriteContext } from './calendar-writes';
import { loadDiscovery } from './discovery';
import { notFound, permissionDenied } from './errors';
import { json, type Reply } from './http';
import { newEtag } from './ids';
import { buildRoutes } from './routes';

const APP_CREATED = 'https://www.googleapis.com/auth/calendar.app.created';

function ownerOf(call: ApiCall): string {
  const calendarId = call.params.requireString('calendarId');
  const subject = call.token.subject;
  if (calendarId !== 'primary' && calendarId.toLowerCase() !== subject.toLowerCase()) throw notFound();
  // calendar.app.created reaches only calendars the app created, never a user's primary calendar.
  const usable = (call.route.spec.scopes ?? []).filter((s) => call.token.scopes.includes(s));
  if (usable.length > 0 && usable.every((s) => s === APP_CREATED))
    throw permissionDenied('Forbidden', 'forbidden');
  return subject;
}

/** events.get advances a pending Meet createRequest: it turns 'success' once its pending reads are used up. */
function advancePending(record: EventRecord): void {
  if (record.pendingReads === null || record.pendingSpace === null) return;
  if (record.pendingReads > 0) {
    record.pendingReads -= 1;
    return;
  }
  const request = record.event.conferenceData?.createRequest ?? {};
  const data = succeeded(request, record.pendingSpace);
  record.event = {
    ...record.event,
    conferenceData: data,
    hangoutLink: record.pendingSpace.space.meetingUri ?? null,
    etag: newEtag(),
  };
  record.pendingReads = null;
  record.pendingSpace = null;
}

export function createCalendarApi(ctx: WriteContext & { store: CalendarStore }): ApiModule {
  const doc = loadDiscovery('calendar-v3.json');
  const writer = new EventWriter(ctx);
  const present = (call: ApiCall, record: EventRecord): Reply =>
    json(200, limitAttendees(record.event, call.params.integer('maxAttendees')));
  return {
    name: 'calendar',
    doc,
    style: 'legacy',
    service: 'calendar-json.googleapis.com',
    routes: buildRoutes('calendar', doc),
    bodyRootName: () => 'resource',
    requiredMessage: (property) =>
      property === 'start' ? 'Missing start time.' : property === 'end' ? 'Missing end time.' : undefined,
    handlers: {
      'events.insert': (call) => present(call, writer.insert(call, ownerOf(call))),
      'events.get': (call) => {
        const record = ctx.store.get(ownerOf(call), call.params.requireString('eventId'));
        if (record === undefined) throw notFound();
        advancePending(record);
        return present(call, record);
      },
      'events.patch': (call) => present(call, writer.change(call, ownerOf(call), 'patch')),
      'events.update': (call) => present(call, writer.change(call, ownerOf(call), 'update')),
      'events.delete': (call) => {
        writer.delete(call, ownerOf(call));
        return { status: 204 };
      },
      'events.list': (call) => {
        const owner = ownerOf(call);
        return json(200, listEvents(ctx.store.all(owner), call.params, owner, ctx.timeZone));
      },
    },
  };
}
