// Calendar events through the real @googleapis/calendar client: what Google stores and returns,
// what it refuses, deletion that keeps the event cancelled, patch semantics, listing and the
// notifications sendUpdates would send.
import type { calendar_v3 } from '@googleapis/calendar';
import type { GoogleFake } from './index';
import { anEvent, calendarFor, CHAIR, DOMAIN, refusal, startTestFake, UNIT, withNulls } from './test-clients';

let fake: GoogleFake;
let cal: calendar_v3.Calendar;

beforeAll(async () => {
  fake = await startTestFake();
  cal = await calendarFor(fake);
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
});

const insert = async (
  event: calendar_v3.Schema$Event,
  extra: Partial<calendar_v3.Params$Resource$Events$Insert> = {},
): Promise<calendar_v3.Schema$Event> =>
  (await cal.events.insert({ calendarId: 'primary', requestBody: event, ...extra })).data;

describe('the Google fake: inserting events', () => {
  it('returns the event with the fields Google fills in, leaving out default-valued guest permissions', async () => {
    const event = await insert(anEvent({ attendees: [{ email: 'parent@example.com' }] }));
    expect(event).toMatchObject({
      kind: 'calendar#event',
      status: 'confirmed',
      creator: { email: UNIT, self: true },
      organizer: { email: UNIT, self: true },
      sequence: 0,
      reminders: { useDefault: true },
      eventType: 'default',
      attendees: [{ email: 'parent@example.com', responseStatus: 'needsAction' }],
    });
    expect(event.id).toMatch(/^[a-v0-9]{26}$/);
    expect(event.iCalUID).toBe(`${event.id ?? ''}@google.com`);
    expect(event.etag).toMatch(/^"\d+"$/);
    expect(event.htmlLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);
    expect(event).not.toHaveProperty('guestsCanInviteOthers');
    expect(event).not.toHaveProperty('guestsCanSeeOtherGuests');
    expect(event).not.toHaveProperty('visibility');
  });

  it('returns guest permissions only when they differ from the default', async () => {
    const event = await insert(
      anEvent({ guestsCanInviteOthers: false, guestsCanSeeOtherGuests: false, guestsCanModify: false }),
    );
    expect(event.guestsCanInviteOthers).toBe(false);
    expect(event.guestsCanSeeOtherGuests).toBe(false);
    expect(event).not.toHaveProperty('guestsCanModify');
  });

  it('keeps an id the client chose, so a retried insert can be recognised', async () => {
    const event = await insert(anEvent({ id: 'cpconf20261207a1' }));
    expect(event.id).toBe('cpconf20261207a1');
    expect((await cal.events.get({ calendarId: 'primary', eventId: 'cpconf20261207a1' })).data.summary).toBe(
      anEvent().summary,
    );
  });

  it.each(['CPCONF1234', 'conf-1234', 'confw1234', 'abcd', 'conf_1234'])(
    'refuses the event id %s, outside base32hex or too short, as Calendar does',
    async (id) => {
      const refused = await refusal(
        cal.events.insert({ calendarId: 'primary', requestBody: anEvent({ id }) }),
      );
      expect(refused.status).toBe(400);
      expect(refused.error).toMatchObject({
        code: 400,
        message: 'Invalid resource id value.',
        errors: [{ domain: 'global', reason: 'invalid' }],
      });
    },
  );

  it('refuses an id already used in the calendar with 409 duplicate — even when that event was deleted', async () => {
    await insert(anEvent({ id: 'dupe12345' }));
    const again = await refusal(
      cal.events.insert({ calendarId: 'primary', requestBody: anEvent({ id: 'dupe12345' }) }),
    );
    expect(again.status).toBe(409);
    expect(again.error.errors?.[0]).toMatchObject({
      reason: 'duplicate',
      message: 'The requested identifier already exists.',
    });
    await cal.events.delete({ calendarId: 'primary', eventId: 'dupe12345' });
    expect(
      (await refusal(cal.events.insert({ calendarId: 'primary', requestBody: anEvent({ id: 'dupe12345' }) })))
        .status,
    ).toBe(409);
  });

  it('refuses an event without an end, ending before it starts, or mixing dates with times', async () => {
    const noEnd = await refusal(
      cal.events.insert({
        calendarId: 'primary',
        requestBody: { summary: 'x', start: { dateTime: '2026-12-07T10:00:00Z' } },
      }),
    );
    expect(noEnd.error).toMatchObject({ message: 'Missing end time.', errors: [{ reason: 'required' }] });
    const backwards = await refusal(
      cal.events.insert({
        calendarId: 'primary',
        requestBody: anEvent({ end: { dateTime: '2026-12-07T09:00:00Z' } }),
      }),
    );
    expect(backwards.error).toMatchObject({
      message: 'The specified time range is empty.',
      errors: [{ reason: 'timeRangeEmpty' }],
    });
    const mixed = await refusal(
      cal.events.insert({ calendarId: 'primary', requestBody: anEvent({ end: { date: '2026-12-08' } }) }),
    );
    expect(mixed.status).toBe(400);
  });

  it('needs a time zone for a dateTime without an offset, and accepts one with it', async () => {
    const local = { start: { dateTime: '2026-12-07T10:00:00' }, end: { dateTime: '2026-12-07T11:00:00' } };
    expect(
      (await refusal(cal.events.insert({ calendarId: 'primary', requestBody: anEvent(local) }))).status,
    ).toBe(400);
    const zoned = await insert(
      anEvent({
        start: { dateTime: '2026-12-07T10:00:00', timeZone: 'Europe/London' },
        end: { dateTime: '2026-12-07T11:00:00', timeZone: 'Europe/London' },
      }),
    );
    expect(zoned.start).toEqual({ dateTime: '2026-12-07T10:00:00', timeZone: 'Europe/London' });
    const badZone = {
      start: { dateTime: '2026-12-07T10:00:00', timeZone: 'Europe/Atlantis' },
      end: { dateTime: '2026-12-07T11:00:00', timeZone: 'Europe/London' },
    };
    expect(
      (await refusal(cal.events.insert({ calendarId: 'primary', requestBody: anEvent(badZone) }))).status,
    ).toBe(400);
  });

  it('refuses an attendee address that is not an email address', async () => {
    const refused = await refusal(
      cal.events.insert({
        calendarId: 'primary',
        requestBody: anEvent({ attendees: [{ email: 'Parent One' }] }),
      }),
    );
    expect(refused.error).toMatchObject({
      message: 'Invalid attendee email.',
      errors: [{ reason: 'invalid' }],
    });
  });

  it('flags the organizer among the attendees and does not add them itself', async () => {
    const event = await insert(anEvent({ attendees: [{ email: UNIT }, { email: CHAIR }] }));
    expect(event.attendees).toEqual([
      { email: UNIT, organizer: true, self: true, responseStatus: 'accepted' },
      { email: CHAIR, responseStatus: 'needsAction' },
    ]);
    expect((await insert(anEvent({ attendees: [{ email: CHAIR }] }))).attendees).toHaveLength(1);
  });

  it("knows the user's calendar as 'primary' or by address, and no other calendar", async () => {
    expect((await cal.events.insert({ calendarId: UNIT, requestBody: anEvent() })).status).toBe(200);
    const other = await refusal(cal.events.insert({ calendarId: CHAIR, requestBody: anEvent() }));
    expect(other.status).toBe(404);
    expect(other.error.errors?.[0]?.reason).toBe('notFound');
    expect(fake.events(UNIT)).toHaveLength(1);
  });

  it('hands out deep copies of what it stored', async () => {
    await insert(anEvent({ id: 'copied12345' }));
    const [copy] = fake.events(UNIT);
    if (copy !== undefined) copy.summary = 'changed by the test';
    expect(fake.events(UNIT)[0]?.summary).toBe(anEvent().summary);
  });
});

describe('the Google fake: getting, deleting, patching and updating events', () => {
  it('answers 404 notFound for an id it never stored', async () => {
    const refused = await refusal(cal.events.get({ calendarId: 'primary', eventId: 'nosuchevent' }));
    expect(refused.status).toBe(404);
    expect(refused.error.errors?.[0]?.reason).toBe('notFound');
  });

  it('deletes with 204, keeps the event as cancelled, and answers 410 deleted to a second delete', async () => {
    const { id } = await insert(anEvent());
    const deleted = await cal.events.delete({ calendarId: 'primary', eventId: id ?? '' });
    expect(deleted.status).toBe(204);
    expect((await cal.events.get({ calendarId: 'primary', eventId: id ?? '' })).data.status).toBe(
      'cancelled',
    );
    const again = await refusal(
      cal.events.delete({ calendarId: 'primary', eventId: id ?? '' }, { retry: false }),
    );
    expect(again.status).toBe(410);
    expect(again.error.errors?.[0]).toMatchObject({
      reason: 'deleted',
      message: 'Resource has been deleted',
    });
    expect((await refusal(cal.events.delete({ calendarId: 'primary', eventId: 'nosuchevent' }))).status).toBe(
      404,
    );
  });

  it('patches field by field: nested objects merge, null deletes, arrays replace', async () => {
    const { id } = await insert(
      anEvent({
        extendedProperties: { private: { conference: 'C-1', kind: 'family' } },
        attendees: [{ email: 'a@example.com' }, { email: 'b@example.com' }],
      }),
    );
    const { data } = await cal.events.patch({
      calendarId: 'primary',
      eventId: id ?? '',
      requestBody: withNulls({
        location: 'Room 4',
        extendedProperties: { private: { kind: null, venue: 'room-4' } },
        attendees: [{ email: 'c@example.com' }],
      }),
    });
    expect(data.summary).toBe(anEvent().summary);
    expect(data.location).toBe('Room 4');
    expect(data.extendedProperties?.private).toEqual({ conference: 'C-1', venue: 'room-4' });
    expect(data.attendees?.map((a) => a.email)).toEqual(['c@example.com']);
  });

  it('raises the sequence when the time or the guests change, not for other fields, and refuses a lower one', async () => {
    const { id } = await insert(anEvent());
    const eventId = id ?? '';
    expect(
      (await cal.events.patch({ calendarId: 'primary', eventId, requestBody: { summary: 'Renamed' } })).data
        .sequence,
    ).toBe(0);
    expect(
      (
        await cal.events.patch({
          calendarId: 'primary',
          eventId,
          requestBody: { end: { dateTime: '2026-12-07T11:30:00Z' } },
        })
      ).data.sequence,
    ).toBe(1);
    expect(
      (
        await cal.events.patch({
          calendarId: 'primary',
          eventId,
          requestBody: { attendees: [{ email: CHAIR }] },
        })
      ).data.sequence,
    ).toBe(2);
    const lower = await refusal(
      cal.events.patch({ calendarId: 'primary', eventId, requestBody: { sequence: 1 } }),
    );
    expect(lower.status).toBe(400);
  });

  it('patches a cancelled event, which stays cancelled unless the patch sets a status', async () => {
    const { id } = await insert(anEvent());
    await cal.events.delete({ calendarId: 'primary', eventId: id ?? '' });
    const patched = await cal.events.patch({
      calendarId: 'primary',
      eventId: id ?? '',
      requestBody: { summary: 'Still gone' },
    });
    expect(patched.data.status).toBe('cancelled');
    const restored = await cal.events.patch({
      calendarId: 'primary',
      eventId: id ?? '',
      requestBody: { status: 'confirmed' },
    });
    expect(restored.data.status).toBe('confirmed');
  });

  it('replaces the whole event on update, and needs start and end for it', async () => {
    const { id } = await insert(anEvent({ location: 'Room 1', description: 'Agenda' }));
    const { data } = await cal.events.update({
      calendarId: 'primary',
      eventId: id ?? '',
      requestBody: anEvent({ summary: 'Review conference' }),
    });
    expect(data.summary).toBe('Review conference');
    expect(data).not.toHaveProperty('location');
    expect(data.id).toBe(id);
    const noTimes = await refusal(
      cal.events.update({ calendarId: 'primary', eventId: id ?? '', requestBody: { summary: 'x' } }),
    );
    expect(noTimes.error.errors?.[0]?.reason).toBe('required');
    expect(
      (
        await refusal(
          cal.events.update({ calendarId: 'primary', eventId: 'nosuchevent', requestBody: anEvent() }),
        )
      ).status,
    ).toBe(404);
  });

  it('cuts the attendee list to maxAttendees and says so', async () => {
    const { id } = await insert(
      anEvent({ attendees: [{ email: 'a@example.com' }, { email: 'b@example.com' }] }),
    );
    const { data } = await cal.events.get({ calendarId: 'primary', eventId: id ?? '', maxAttendees: 1 });
    expect(data.attendees).toHaveLength(1);
    expect(data.attendeesOmitted).toBe(true);
  });
});

describe('the Google fake: listing events', () => {
  const at = (day: number, conference: string, kind: string): calendar_v3.Schema$Event =>
    anEvent({
      start: { dateTime: `2026-12-${String(day).padStart(2, '0')}T10:00:00Z` },
      end: { dateTime: `2026-12-${String(day).padStart(2, '0')}T11:00:00Z` },
      extendedProperties: { private: { conference, kind } },
    });

  it('filters on every privateExtendedProperty given, hides deleted events unless showDeleted', async () => {
    await insert(at(8, 'C-1', 'family'));
    const gone = await insert(at(7, 'C-1', 'professionals'));
    await insert(at(9, 'C-2', 'family'));
    await cal.events.delete({ calendarId: 'primary', eventId: gone.id ?? '' });
    const c1 = await cal.events.list({ calendarId: 'primary', privateExtendedProperty: ['conference=C-1'] });
    expect(c1.data.kind).toBe('calendar#events');
    expect(c1.data.items?.map((e) => e.extendedProperties?.private?.kind)).toEqual(['family']);
    const both = await cal.events.list({
      calendarId: 'primary',
      privateExtendedProperty: ['conference=C-1', 'kind=family'],
      showDeleted: true,
    });
    expect(both.data.items).toHaveLength(1);
    const withDeleted = await cal.events.list({
      calendarId: 'primary',
      privateExtendedProperty: ['conference=C-1'],
      showDeleted: true,
    });
    expect(withDeleted.data.items?.map((e) => e.status).sort()).toEqual(['cancelled', 'confirmed']);
  });

  it('keeps events that end after timeMin and start before timeMax', async () => {
    await insert(at(7, 'C-1', 'a'));
    await insert(at(8, 'C-2', 'b'));
    await insert(at(9, 'C-3', 'c'));
    const { data } = await cal.events.list({
      calendarId: 'primary',
      timeMin: '2026-12-07T11:00:00Z',
      timeMax: '2026-12-09T10:00:00Z',
    });
    expect(data.items?.map((e) => e.extendedProperties?.private?.conference)).toEqual(['C-2']);
  });

  it('pages with maxResults and nextPageToken', async () => {
    for (const day of [7, 8, 9]) await insert(at(day, `C-${day}`, 'x'));
    const first = await cal.events.list({ calendarId: 'primary', maxResults: 2 });
    expect(first.data.items).toHaveLength(2);
    const second = await cal.events.list({
      calendarId: 'primary',
      maxResults: 2,
      pageToken: first.data.nextPageToken ?? '',
    });
    expect(second.data.items).toHaveLength(1);
    expect(second.data.nextPageToken).toBeUndefined();
  });

  it('orders by start time only for single events, as Calendar requires', async () => {
    await insert(at(9, 'C-9', 'x'));
    await insert(at(7, 'C-7', 'x'));
    const refused = await refusal(
      cal.events.list({ calendarId: 'primary', orderBy: 'startTime' }, { retry: false }),
    );
    expect(refused.status).toBe(400);
    const { data } = await cal.events.list({
      calendarId: 'primary',
      orderBy: 'startTime',
      singleEvents: true,
    });
    expect(data.items?.map((e) => e.extendedProperties?.private?.conference)).toEqual(['C-7', 'C-9']);
  });
});

describe('the Google fake: notifications', () => {
  const guests = [{ email: UNIT }, { email: CHAIR }, { email: 'parent@example.com' }];

  it('sends nothing by default', async () => {
    await insert(anEvent({ attendees: guests }));
    expect(fake.notifications).toEqual([]);
  });

  it("invites every guest but the organizer with sendUpdates 'all' (or the old sendNotifications)", async () => {
    const { id } = await insert(anEvent({ attendees: guests }), { sendUpdates: 'all' });
    expect(fake.notifications).toEqual([
      { to: CHAIR, eventId: id, calendarOwner: UNIT, kind: 'invitation' },
      { to: 'parent@example.com', eventId: id, calendarOwner: UNIT, kind: 'invitation' },
    ]);
    await insert(anEvent({ attendees: guests }), { sendNotifications: true });
    expect(fake.notifications).toHaveLength(4);
  });

  it(`invites only guests outside ${DOMAIN} with sendUpdates 'externalOnly'`, async () => {
    await insert(anEvent({ attendees: guests }), { sendUpdates: 'externalOnly' });
    expect(fake.notifications.map((n) => n.to)).toEqual(['parent@example.com']);
  });

  it('tells remaining guests of a change, new guests of an invitation, removed guests of a cancellation', async () => {
    const { id } = await insert(anEvent({ attendees: [{ email: CHAIR }, { email: 'parent@example.com' }] }));
    await cal.events.patch({
      calendarId: 'primary',
      eventId: id ?? '',
      sendUpdates: 'all',
      requestBody: { attendees: [{ email: CHAIR }, { email: 'gp@example.com' }] },
    });
    expect(fake.notifications.map((n) => [n.to, n.kind])).toEqual([
      [CHAIR, 'update'],
      ['gp@example.com', 'invitation'],
      ['parent@example.com', 'cancellation'],
    ]);
    await cal.events.delete({ calendarId: 'primary', eventId: id ?? '', sendUpdates: 'all' });
    expect(fake.notifications.slice(3).map((n) => [n.to, n.kind])).toEqual([
      [CHAIR, 'cancellation'],
      ['gp@example.com', 'cancellation'],
    ]);
  });
});

describe("the Google fake: guests' replies", () => {
  const guests = [{ email: CHAIR }, { email: 'parent@example.com' }];
  const get = async (eventId: string): Promise<calendar_v3.Schema$Event> =>
    (await cal.events.get({ calendarId: 'primary', eventId })).data;

  it("changes the guest's responseStatus, and the event's updated and etag but not its sequence", async () => {
    const before = await insert(anEvent({ attendees: guests }));
    const eventId = before.id ?? '';
    fake.respond(UNIT, eventId, 'Parent@Example.com', 'declined');
    const after = await get(eventId);
    expect(after.attendees).toEqual([
      { email: CHAIR, responseStatus: 'needsAction' },
      { email: 'parent@example.com', responseStatus: 'declined' },
    ]);
    expect(after.etag).not.toBe(before.etag);
    expect(Date.parse(after.updated ?? '')).toBeGreaterThan(Date.parse(before.updated ?? ''));
    expect(after.sequence).toBe(before.sequence);
    expect({ ...after, attendees: null, etag: null, updated: null }).toEqual({
      ...before,
      attendees: null,
      etag: null,
      updated: null,
    });
    expect(fake.notifications).toEqual([]);
  });

  it('shows the reply in events.list, also to a sync from updatedMin', async () => {
    const { id, updated } = await insert(anEvent({ attendees: guests }));
    fake.respond(UNIT, id ?? '', CHAIR, 'tentative');
    fake.respond(UNIT, id ?? '', CHAIR, 'accepted');
    const { data } = await cal.events.list({ calendarId: 'primary', updatedMin: updated ?? '' });
    expect(data.items?.map((e) => e.attendees?.map((a) => [a.email, a.responseStatus]))).toEqual([
      [
        [CHAIR, 'accepted'],
        ['parent@example.com', 'needsAction'],
      ],
    ]);
    expect(fake.events(UNIT)[0]?.attendees?.[0]?.responseStatus).toBe('accepted');
  });

  it('throws, naming the problem, for an event or an attendee that does not exist', async () => {
    const { id } = await insert(anEvent({ attendees: guests }));
    expect(() => {
      fake.respond(UNIT, 'nosuchevent', CHAIR, 'accepted');
    }).toThrow(`${UNIT} has no event nosuchevent`);
    expect(() => {
      fake.respond(UNIT, id ?? '', 'stranger@example.com', 'accepted');
    }).toThrow(`has no attendee stranger@example.com`);
    expect(() => {
      fake.respond(CHAIR, id ?? '', CHAIR, 'accepted');
    }).toThrow(`${CHAIR} has no event`);
    await cal.events.delete({ calendarId: 'primary', eventId: id ?? '' });
    expect(() => {
      fake.respond(UNIT, id ?? '', CHAIR, 'accepted');
    }).toThrow(/is cancelled/);
  });
});
