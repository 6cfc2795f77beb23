// Meet conferences on Calendar events: ignored without conferenceDataVersion=1, created through a
// createRequest that is pending before it succeeds, or copied from a Meet space the fake knows.
import type { calendar_v3 } from '@googleapis/calendar';
import type { meet_v2 } from '@googleapis/meet';
import type { GoogleFake } from './index';
import { anEvent, calendarFor, meetFor, refusal, startTestFake, UNIT, withNulls } from './test-clients';

let fake: GoogleFake;
let cal: calendar_v3.Calendar;
let meet: meet_v2.Meet;

beforeAll(async () => {
  fake = await startTestFake();
  cal = await calendarFor(fake);
  meet = await meetFor(fake);
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
  fake.setMeetPendingReads(1);
});

const createRequest = (requestId: string): calendar_v3.Schema$ConferenceData => ({
  createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } },
});

async function withMeet(requestId = 'req-1'): Promise<calendar_v3.Schema$Event> {
  const { data } = await cal.events.insert({
    calendarId: 'primary',
    conferenceDataVersion: 1,
    requestBody: anEvent({ conferenceData: createRequest(requestId) }),
  });
  return data;
}

const get = async (eventId: string): Promise<calendar_v3.Schema$Event> =>
  (await cal.events.get({ calendarId: 'primary', eventId })).data;

describe('the Google fake: conference data on events', () => {
  it('drops conferenceData silently without conferenceDataVersion=1, as Calendar does', async () => {
    const { data } = await cal.events.insert({
      calendarId: 'primary',
      requestBody: anEvent({ conferenceData: createRequest('req-0') }),
    });
    expect(data).not.toHaveProperty('conferenceData');
    expect(fake.spaces()).toEqual([]);
  });

  it('answers a createRequest as pending, then success after a get, with a Meet link and a space the owner hosts', async () => {
    const inserted = await withMeet();
    expect(inserted.conferenceData).toEqual({
      createRequest: {
        requestId: 'req-1',
        conferenceSolutionKey: { type: 'hangoutsMeet' },
        status: { statusCode: 'pending' },
      },
    });
    expect((await get(inserted.id ?? '')).conferenceData?.createRequest?.status?.statusCode).toBe('pending');
    const ready = await get(inserted.id ?? '');
    const code = ready.conferenceData?.conferenceId ?? '';
    expect(code).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(ready.conferenceData).toMatchObject({
      createRequest: { requestId: 'req-1', status: { statusCode: 'success' } },
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
      entryPoints: [
        { entryPointType: 'video', uri: `https://meet.google.com/${code}`, label: `meet.google.com/${code}` },
      ],
    });
    expect(ready.hangoutLink).toBe(`https://meet.google.com/${code}`);
    expect(fake.spaces()).toEqual([
      { space: expect.objectContaining({ meetingCode: code }) as unknown, owner: UNIT },
    ]);
  });

  it('keeps a createRequest pending for as many gets as the fake is told', async () => {
    fake.setMeetPendingReads(0);
    expect(
      (await get((await withMeet('now')).id ?? '')).conferenceData?.createRequest?.status?.statusCode,
    ).toBe('success');
    fake.setMeetPendingReads(3);
    const { id } = await withMeet('later');
    const states = [];
    for (let i = 0; i < 4; i += 1)
      states.push((await get(id ?? '')).conferenceData?.createRequest?.status?.statusCode);
    expect(states).toEqual(['pending', 'pending', 'pending', 'success']);
  });

  it('refuses a requestId already used for another conference', async () => {
    await withMeet('same-id');
    const refused = await refusal(
      cal.events.insert({
        calendarId: 'primary',
        conferenceDataVersion: 1,
        requestBody: anEvent({ conferenceData: createRequest('same-id') }),
      }),
    );
    expect(refused.status).toBe(400);
  });

  it('ignores the same createRequest sent again for the same event', async () => {
    const { id } = await withMeet('req-2');
    await get(id ?? '');
    const ready = await get(id ?? '');
    const { data } = await cal.events.patch({
      calendarId: 'primary',
      eventId: id ?? '',
      conferenceDataVersion: 1,
      requestBody: { conferenceData: ready.conferenceData ?? {} },
    });
    expect(data.conferenceData?.conferenceId).toBe(ready.conferenceData?.conferenceId);
    expect(fake.spaces()).toHaveLength(1);
  });

  it('keeps the conference through writes without conferenceDataVersion=1 and removes it with null and version 1', async () => {
    const { id } = await withMeet('req-3');
    const eventId = id ?? '';
    await get(eventId);
    const code = (await get(eventId)).conferenceData?.conferenceId;
    await cal.events.patch({
      calendarId: 'primary',
      eventId,
      requestBody: withNulls({ summary: 'Renamed', conferenceData: null }),
    });
    await cal.events.update({
      calendarId: 'primary',
      eventId,
      requestBody: anEvent({ summary: 'Replaced' }),
    });
    expect((await get(eventId)).conferenceData?.conferenceId).toBe(code);
    const { data } = await cal.events.patch({
      calendarId: 'primary',
      eventId,
      conferenceDataVersion: 1,
      requestBody: withNulls({ conferenceData: null }),
    });
    expect(data).not.toHaveProperty('conferenceData');
    expect(data).not.toHaveProperty('hangoutLink');
  });

  it('accepts conference data copied from a Meet space it created', async () => {
    const { data: space } = await meet.spaces.create({
      requestBody: { config: { accessType: 'RESTRICTED' } },
    });
    const conferenceData: calendar_v3.Schema$ConferenceData = {
      conferenceId: space.meetingCode ?? '',
      conferenceSolution: { key: { type: 'hangoutsMeet' } },
      entryPoints: [{ entryPointType: 'video', uri: space.meetingUri ?? '' }],
    };
    const { data } = await cal.events.insert({
      calendarId: 'primary',
      conferenceDataVersion: 1,
      requestBody: anEvent({ conferenceData }),
    });
    expect(data.hangoutLink).toBe(space.meetingUri);
    expect(data.conferenceData).toMatchObject({
      conferenceId: space.meetingCode,
      conferenceSolution: { name: 'Google Meet' },
    });
  });

  it('refuses conference data for a meeting code it did not create, or with a mismatched link', async () => {
    const invented: calendar_v3.Schema$ConferenceData = {
      conferenceId: 'abc-defg-hij',
      conferenceSolution: { key: { type: 'hangoutsMeet' } },
      entryPoints: [{ entryPointType: 'video', uri: 'https://meet.google.com/abc-defg-hij' }],
    };
    const refused = await refusal(
      cal.events.insert({
        calendarId: 'primary',
        conferenceDataVersion: 1,
        requestBody: anEvent({ conferenceData: invented }),
      }),
    );
    expect(refused.error).toMatchObject({
      message: 'Invalid conference data.',
      errors: [{ reason: 'invalid' }],
    });
    const { data: space } = await meet.spaces.create({});
    const mismatched = { ...invented, conferenceId: space.meetingCode ?? '' };
    expect(
      (
        await refusal(
          cal.events.insert({
            calendarId: 'primary',
            conferenceDataVersion: 1,
            requestBody: anEvent({ conferenceData: mismatched }),
          }),
        )
      ).status,
    ).toBe(400);
    const noEntryPoints = {
      conferenceId: space.meetingCode ?? '',
      conferenceSolution: { key: { type: 'hangoutsMeet' } },
    };
    expect(
      (
        await refusal(
          cal.events.insert({
            calendarId: 'primary',
            conferenceDataVersion: 1,
            requestBody: anEvent({ conferenceData: noEntryPoints }),
          }),
        )
      ).status,
    ).toBe(400);
  });

  it('refuses conference types Calendar no longer creates', async () => {
    const hangout = { createRequest: { requestId: 'old', conferenceSolutionKey: { type: 'eventHangout' } } };
    const refused = await refusal(
      cal.events.insert({
        calendarId: 'primary',
        conferenceDataVersion: 1,
        requestBody: anEvent({ conferenceData: hangout }),
      }),
    );
    expect(refused.status).toBe(400);
  });

  it('refuses conferenceDataVersion outside 0..1', async () => {
    const refused = await refusal(
      cal.events.insert({ calendarId: 'primary', conferenceDataVersion: 2, requestBody: anEvent() }),
    );
    expect(refused.error.errors?.[0]?.reason).toBe('invalidParameter');
  });
});
