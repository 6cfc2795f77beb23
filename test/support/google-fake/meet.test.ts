// Meet v2 spaces through the real @googleapis/meet client: created for the token's user, read by id
// or meeting code by their owner only, config changed through an update mask.
import type { meet_v2 } from '@googleapis/meet';
import type { GoogleFake } from './index';
import {
  anEvent,
  calendarFor,
  CHAIR,
  MEET_CREATED,
  MEET_SETTINGS,
  meetFor,
  raw,
  refusal,
  startTestFake,
  UNIT,
} from './test-clients';

let fake: GoogleFake;
let meet: meet_v2.Meet;

beforeAll(async () => {
  fake = await startTestFake();
  meet = await meetFor(fake);
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
});

describe('the Google fake: Meet spaces', () => {
  it('creates a space with a name, a meeting code and link, and the organisation defaults', async () => {
    const { data } = await meet.spaces.create({});
    expect(data.name).toMatch(/^spaces\/[A-Za-z0-9]{12}$/);
    expect(data.meetingCode).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(data.meetingUri).toBe(`https://meet.google.com/${data.meetingCode ?? ''}`);
    expect(data.config).toEqual({ accessType: 'TRUSTED', entryPointAccess: 'ALL' });
    expect(fake.spaces()).toEqual([{ space: data, owner: UNIT }]);
  });

  it('takes the config given, ignores output-only fields, and refuses unknown ones', async () => {
    const { data } = await meet.spaces.create({
      requestBody: { config: { accessType: 'RESTRICTED' }, meetingCode: 'aaa-bbbb-ccc' },
    });
    expect(data.config?.accessType).toBe('RESTRICTED');
    expect(data.meetingCode).not.toBe('aaa-bbbb-ccc');
    const refused = await refusal(
      meet.spaces.create({
        requestBody: { config: { accessType: 'RESTRICTED', lobby: true } as meet_v2.Schema$SpaceConfig },
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: expect.stringContaining('Unknown name "lobby" at \'space.config\'') as unknown,
    });
    expect(refused.error).not.toHaveProperty('errors');
  });

  it('refuses an access type outside the enum', async () => {
    const refused = await refusal(
      meet.spaces.create({ requestBody: { config: { accessType: 'EVERYONE' } } }),
    );
    expect(refused.error.status).toBe('INVALID_ARGUMENT');
  });

  it('gets a space by name or by meeting code', async () => {
    const { data } = await meet.spaces.create({});
    expect((await meet.spaces.get({ name: data.name ?? '' })).data).toEqual(data);
    expect(
      (await meet.spaces.get({ name: `spaces/${(data.meetingCode ?? '').toUpperCase()}` })).data.name,
    ).toBe(data.name);
  });

  it("answers 404 for an unknown space and 403 for another user's", async () => {
    expect((await refusal(meet.spaces.get({ name: 'spaces/nosuchspace1' }))).error).toMatchObject({
      code: 404,
      status: 'NOT_FOUND',
    });
    const { data } = await meet.spaces.create({});
    const chair = await meetFor(fake, CHAIR);
    expect((await refusal(chair.spaces.get({ name: data.name ?? '' }))).error).toMatchObject({
      code: 403,
      status: 'PERMISSION_DENIED',
    });
  });

  it('changes only the fields in the update mask', async () => {
    const { data } = await meet.spaces.create({
      requestBody: { config: { accessType: 'OPEN', moderation: 'ON' } },
    });
    const patched = await meet.spaces.patch({
      name: data.name ?? '',
      updateMask: 'config.accessType',
      requestBody: { config: { accessType: 'RESTRICTED', moderation: 'OFF' } },
    });
    expect(patched.data.config).toMatchObject({ accessType: 'RESTRICTED', moderation: 'ON' });
  });

  it('updates every field given when there is no update mask, as the Meet reference says', async () => {
    const { data } = await meet.spaces.create({
      requestBody: { config: { accessType: 'OPEN', moderation: 'ON' } },
    });
    const patched = await meet.spaces.patch({
      name: data.name ?? '',
      requestBody: { config: { accessType: 'RESTRICTED' } },
    });
    expect(patched.data.config).toMatchObject({ accessType: 'RESTRICTED', moderation: 'ON' });
  });

  it('refuses an update mask naming a field that is not in the space config', async () => {
    const { data } = await meet.spaces.create({});
    const unknownField = await refusal(
      meet.spaces.patch({ name: data.name ?? '', updateMask: 'config.lobby', requestBody: { config: {} } }),
    );
    expect(unknownField.error.status).toBe('INVALID_ARGUMENT');
    const outputOnly = await refusal(
      meet.spaces.patch({ name: data.name ?? '', updateMask: 'meetingUri', requestBody: {} }),
    );
    expect(outputOnly.status).toBe(400);
  });

  it('reaches spaces Calendar made only with a scope beyond meetings.space.created', async () => {
    const cal = await calendarFor(fake);
    const { data } = await cal.events.insert({
      calendarId: 'primary',
      conferenceDataVersion: 1,
      requestBody: anEvent({
        conferenceData: {
          createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } },
        },
      }),
    });
    await cal.events.get({ calendarId: 'primary', eventId: data.id ?? '' });
    const code =
      (await cal.events.get({ calendarId: 'primary', eventId: data.id ?? '' })).data.conferenceData
        ?.conferenceId ?? '';
    const createdOnly = await meetFor(fake, UNIT, [MEET_CREATED]);
    expect((await refusal(createdOnly.spaces.get({ name: `spaces/${code}` }))).status).toBe(403);
    const settings = await meetFor(fake, UNIT, [MEET_SETTINGS]);
    const patched = await settings.spaces.patch({
      name: fake.spaces()[0]?.space.name ?? '',
      updateMask: 'config.accessType',
      requestBody: { config: { accessType: 'RESTRICTED' } },
    });
    expect(patched.data.config?.accessType).toBe('RESTRICTED');
  });

  it('refuses unknown query parameters the one-platform way', async () => {
    const { data } = await meet.spaces.create({});
    const refused = await refusal(
      meet.spaces.get({ name: data.name ?? '', view: 'FULL' } as meet_v2.Params$Resource$Spaces$Get),
    );
    expect(refused.error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: expect.stringContaining('Cannot bind query parameter') as unknown,
    });
  });

  it('answers 404 for paths Meet does not serve', async () => {
    const { status, body } = await raw(fake, 'GET', '/v2/nothing/here');
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
  });
});
