// Gmail through the real @googleapis/gmail client, mailbox-wide: profile, watch and stop, the
// history log (paging, filters, the 404 for history Gmail no longer keeps), labels, who may reach
// a mailbox with which scopes, and the shared machinery (fields, prettyPrint, faults) on Gmail paths.
import type { gmail_v1 } from '@googleapis/gmail';
import type { GoogleFake } from './index';
import {
  aMail,
  CHAIR,
  DOMAIN,
  GMAIL_READONLY,
  gmailFor,
  raw,
  refusal,
  SERVICE_ACCOUNT,
  startTestFake,
  statusOf,
  UNIT,
} from './test-clients';
import { delegatedAccessToken } from './client-helpers';

let fake: GoogleFake;
let gm: gmail_v1.Gmail;

beforeAll(async () => {
  fake = await startTestFake();
  gm = await gmailFor(fake);
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
});

const TOPIC = 'projects/council-project/topics/report-inbox';
const me = { userId: 'me' };

describe('the Google fake: Gmail profile, watch and stop', () => {
  it("gives the mailbox's address, totals and current history id", async () => {
    fake.gmail.deliver(UNIT, aMail());
    fake.gmail.deliver(UNIT, aMail());
    const { data } = await gm.users.getProfile(me);
    expect(data).toEqual({
      emailAddress: UNIT,
      messagesTotal: 2,
      threadsTotal: 2,
      historyId: fake.gmail.historyId(UNIT),
    });
  });

  it('watches with the current history id and a week-long expiration, and a later watch replaces it', async () => {
    const before = Date.now();
    const { data } = await gm.users.watch({
      ...me,
      requestBody: { topicName: TOPIC, labelIds: ['INBOX'], labelFilterBehavior: 'include' },
    });
    expect(data.historyId).toBe(fake.gmail.historyId(UNIT));
    expect(data.expiration).toMatch(/^\d+$/);
    const expires = Number(data.expiration) - before;
    expect(expires).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
    expect(expires).toBeLessThan(7 * 24 * 3600 * 1000 + 60_000);
    expect(fake.gmail.watch(UNIT)).toMatchObject({
      topicName: TOPIC,
      labelIds: ['INBOX'],
      labelFilterBehavior: 'include',
    });
    await gm.users.watch({ ...me, requestBody: { topicName: `${TOPIC}-2` } });
    expect(fake.gmail.watch(UNIT)).toMatchObject({ topicName: `${TOPIC}-2`, labelIds: [] });
    const stopped = await gm.users.stop(me);
    expect(stopped.status).toBe(204);
    expect(fake.gmail.watch(UNIT)).toBeUndefined();
  });

  it.each([
    ['report-inbox', 'Invalid topicName does not match projects/SOME-PROJECT/topics/SOME-TOPIC'],
    ['', 'topicName required'],
  ])('refuses the topic name %j with 400 invalidArgument', async (topicName, message) => {
    const refused = await refusal(gm.users.watch({ ...me, requestBody: { topicName } }));
    expect(refused.status).toBe(400);
    expect(refused.error).toEqual({
      code: 400,
      message,
      errors: [{ message, domain: 'global', reason: 'invalidArgument' }],
      status: 'INVALID_ARGUMENT',
    });
    expect(fake.gmail.watch(UNIT)).toBeUndefined();
  });
});

describe('the Google fake: Gmail history', () => {
  it('lists changes after startHistoryId in order, as Gmail shapes each record type', async () => {
    const start = fake.gmail.historyId(UNIT);
    const first = fake.gmail.deliver(UNIT, aMail());
    await gm.users.messages.modify({
      ...me,
      id: first.id,
      requestBody: { addLabelIds: ['STARRED'], removeLabelIds: ['UNREAD'] },
    });
    const second = fake.gmail.deliver(UNIT, aMail(), { labelIds: ['SPAM'] });
    fake.gmail.delete(UNIT, second.id);
    const { data } = await gm.users.history.list({ ...me, startHistoryId: start });
    expect(data.historyId).toBe(fake.gmail.historyId(UNIT));
    expect(data.nextPageToken).toBeUndefined();
    const history = data.history ?? [];
    expect(history).toHaveLength(4);
    const ids = history.map((h) => Number(h.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(ids[0]).toBeGreaterThan(Number(start));
    const ref = { id: first.id, threadId: first.threadId };
    expect(history[0]).toEqual({
      id: first.historyId,
      messages: [ref],
      messagesAdded: [{ message: { ...ref, labelIds: ['INBOX', 'UNREAD'] } }],
    });
    expect(history[1]).toEqual({
      id: expect.any(String) as string,
      messages: [ref],
      labelsAdded: [{ message: { ...ref, labelIds: ['INBOX', 'STARRED'] }, labelIds: ['STARRED'] }],
      labelsRemoved: [{ message: { ...ref, labelIds: ['INBOX', 'STARRED'] }, labelIds: ['UNREAD'] }],
    });
    expect(history[3]).toMatchObject({ messagesDeleted: [{ message: { id: second.id } }] });
  });

  it('filters by historyTypes and labelId', async () => {
    const start = fake.gmail.historyId(UNIT);
    const inbox = fake.gmail.deliver(UNIT, aMail());
    fake.gmail.deliver(UNIT, aMail(), { labelIds: ['SPAM'] });
    await gm.users.messages.modify({ ...me, id: inbox.id, requestBody: { removeLabelIds: ['UNREAD'] } });
    const added = await gm.users.history.list({
      ...me,
      startHistoryId: start,
      historyTypes: ['messageAdded'],
      labelId: 'INBOX',
    });
    expect(added.data.history?.map((h) => h.messagesAdded?.[0]?.message?.id)).toEqual([inbox.id]);
    const removed = await gm.users.history.list({
      ...me,
      startHistoryId: start,
      historyTypes: ['labelRemoved'],
    });
    expect(removed.data.history).toHaveLength(1);
    expect(removed.data.history?.[0]).not.toHaveProperty('messagesAdded');
  });

  it('pages with maxResults and nextPageToken, every page carrying the current history id', async () => {
    const start = fake.gmail.historyId(UNIT);
    const delivered = [1, 2, 3, 4, 5].map(() => fake.gmail.deliver(UNIT, aMail()).id);
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const { data } = await gm.users.history.list({
        ...me,
        startHistoryId: start,
        maxResults: 2,
        ...(pageToken === undefined ? {} : { pageToken }),
      });
      expect(data.historyId).toBe(fake.gmail.historyId(UNIT));
      for (const h of data.history ?? []) seen.push(h.messagesAdded?.[0]?.message?.id ?? '');
      pageToken = data.nextPageToken ?? undefined;
      pages += 1;
    } while (pageToken !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(delivered);
  });

  it('answers a startHistoryId at or after the current one with no history and the current id', async () => {
    fake.gmail.deliver(UNIT, aMail());
    const current = fake.gmail.historyId(UNIT);
    for (const startHistoryId of [current, String(Number(current) + 1000)]) {
      const { data } = await gm.users.history.list({ ...me, startHistoryId });
      expect(data).toEqual({ historyId: current });
    }
  });

  it('answers 404 notFound for history it no longer keeps, so the caller does a full sync', async () => {
    const old = fake.gmail.historyId(UNIT);
    fake.gmail.deliver(UNIT, aMail());
    const kept = fake.gmail.historyId(UNIT);
    fake.gmail.deliver(UNIT, aMail());
    fake.gmail.forgetHistoryBefore(UNIT, kept);
    const refused = await refusal(gm.users.history.list({ ...me, startHistoryId: old }));
    expect(refused.status).toBe(404);
    expect(refused.error).toEqual({
      code: 404,
      message: 'Requested entity was not found.',
      errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }],
      status: 'NOT_FOUND',
    });
    expect((await gm.users.history.list({ ...me, startHistoryId: kept })).data.history).toHaveLength(1);
    fake.gmail.expireHistory(UNIT);
    await expect(gm.users.history.list({ ...me, startHistoryId: kept })).rejects.toMatchObject({
      status: 404,
    });
    await expect(gm.users.history.list({ ...me, startHistoryId: '1' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('refuses a missing or malformed startHistoryId with 400', async () => {
    for (const startHistoryId of [undefined, 'latest']) {
      const refused = await refusal(
        gm.users.history.list({ ...me, ...(startHistoryId === undefined ? {} : { startHistoryId }) }),
      );
      expect(refused.status).toBe(400);
      expect(refused.error.message).toBe('Missing/invalid parameter: startHistoryId');
    }
  });

  it('gives each change a larger history id than the last', () => {
    const ids = [1, 2, 3].map(() => Number(fake.gmail.deliver(UNIT, aMail()).historyId));
    expect(ids[1]).toBeGreaterThan(ids[0] ?? Infinity);
    expect(ids[2]).toBeGreaterThan(ids[1] ?? Infinity);
  });
});

describe('the Google fake: Gmail labels', () => {
  it('lists the system labels every mailbox has, then user labels', async () => {
    const { data } = await gm.users.labels.list(me);
    const ids = (data.labels ?? []).map((l) => l.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'INBOX',
        'SENT',
        'DRAFT',
        'SPAM',
        'TRASH',
        'UNREAD',
        'STARRED',
        'CATEGORY_PERSONAL',
      ]),
    );
    expect((data.labels ?? []).every((l) => l.type === 'system')).toBe(true);
  });

  it('creates user labels with ids like Label_1, nested names allowed, and gets them with counts', async () => {
    const created = await gm.users.labels.create({
      ...me,
      requestBody: {
        name: 'Reports/Received',
        labelListVisibility: 'labelShow',
        messageListVisibility: 'show',
      },
    });
    expect(created.data).toEqual({
      id: expect.stringMatching(/^Label_\d+$/) as string,
      name: 'Reports/Received',
      messageListVisibility: 'show',
      labelListVisibility: 'labelShow',
      type: 'user',
    });
    const labelId = created.data.id ?? '';
    const { id } = fake.gmail.deliver(UNIT, aMail(), { labelIds: ['INBOX', 'UNREAD', labelId] });
    const got = await gm.users.labels.get({ ...me, id: labelId });
    expect(got.data).toMatchObject({
      messagesTotal: 1,
      messagesUnread: 1,
      threadsTotal: 1,
      threadsUnread: 1,
    });
    expect(fake.gmail.labelNames(UNIT, id)).toEqual(['INBOX', 'UNREAD', 'Reports/Received']);
    expect((await gm.users.labels.list(me)).data.labels?.map((l) => l.name)).toContain('Reports/Received');
  });

  it('refuses a name that exists (any case) with 409, and a reserved name with 400', async () => {
    const body = { labelListVisibility: 'labelShow', messageListVisibility: 'show' };
    await gm.users.labels.create({ ...me, requestBody: { ...body, name: 'Processed' } });
    const conflict = await refusal(
      gm.users.labels.create({ ...me, requestBody: { ...body, name: 'PROCESSED' } }),
    );
    expect(conflict.status).toBe(409);
    expect(conflict.error).toMatchObject({
      message: 'Label name exists or conflicts',
      errors: [{ reason: 'aborted' }],
    });
    for (const name of ['Inbox', 'UNREAD', 'Sent Mail']) {
      const reserved = await refusal(gm.users.labels.create({ ...me, requestBody: { ...body, name } }));
      expect(reserved.status).toBe(400);
      expect(reserved.error).toMatchObject({
        message: 'Invalid label name',
        errors: [{ reason: 'invalidArgument' }],
      });
    }
  });

  it('needs both visibilities on create, as the discovery document says', async () => {
    const refused = await refusal(gm.users.labels.create({ ...me, requestBody: { name: 'Bare' } }));
    expect(refused.status).toBe(400);
  });

  it('deletes a user label (taking it off its messages) but not a system one', async () => {
    const { data } = await gm.users.labels.create({
      ...me,
      requestBody: { name: 'Temp', labelListVisibility: 'labelShow', messageListVisibility: 'show' },
    });
    const labelId = data.id ?? '';
    const { id } = fake.gmail.deliver(UNIT, aMail(), { labelIds: ['INBOX', labelId] });
    expect((await gm.users.labels.delete({ ...me, id: labelId })).status).toBe(204);
    expect(fake.gmail.message(UNIT, id)?.labelIds).toEqual(['INBOX']);
    expect((await refusal(gm.users.labels.get({ ...me, id: labelId }))).status).toBe(404);
    expect((await refusal(gm.users.labels.delete({ ...me, id: 'INBOX' }))).status).toBe(400);
  });
});

describe('the Google fake: who reaches a Gmail mailbox', () => {
  it("takes the token user's own address for 'me', in any case", async () => {
    expect((await gm.users.getProfile({ userId: UNIT.toUpperCase() })).data.emailAddress).toBe(UNIT);
  });

  it("refuses another user's mailbox with 403 'Delegation denied' naming the token's user", async () => {
    const refused = await refusal(gm.users.getProfile({ userId: CHAIR }));
    expect(refused.status).toBe(403);
    expect(refused.error).toEqual({
      code: 403,
      message: `Delegation denied for ${UNIT}`,
      errors: [{ message: `Delegation denied for ${UNIT}`, domain: 'global', reason: 'forbidden' }],
      status: 'PERMISSION_DENIED',
    });
  });

  it('keeps each user in their own mailbox', async () => {
    const chair = await gmailFor(fake, CHAIR);
    fake.gmail.deliver(CHAIR, aMail({ to: CHAIR }));
    expect((await chair.users.getProfile(me)).data).toMatchObject({ emailAddress: CHAIR, messagesTotal: 1 });
    expect((await gm.users.getProfile(me)).data.messagesTotal).toBe(0);
  });

  it('lets gmail.readonly read but not label, send or create labels (403 insufficient scopes)', async () => {
    const { id } = fake.gmail.deliver(UNIT, aMail());
    const readonly = await gmailFor(fake, UNIT, [GMAIL_READONLY]);
    expect((await readonly.users.messages.get({ ...me, id, format: 'minimal' })).status).toBe(200);
    expect(
      await statusOf(readonly.users.history.list({ ...me, startHistoryId: fake.gmail.historyId(UNIT) })),
    ).toBe(200);
    const refusals = await Promise.all([
      refusal(readonly.users.messages.modify({ ...me, id, requestBody: { addLabelIds: ['STARRED'] } })),
      refusal(
        readonly.users.messages.send({
          ...me,
          requestBody: { raw: Buffer.from(aMail()).toString('base64url') },
        }),
      ),
      refusal(
        readonly.users.labels.create({
          ...me,
          requestBody: { name: 'x', labelListVisibility: 'labelShow', messageListVisibility: 'show' },
        }),
      ),
    ]);
    for (const refused of refusals) {
      expect(refused.status).toBe(403);
      expect(refused.error).toMatchObject({
        message: 'Request had insufficient authentication scopes.',
        errors: [{ reason: 'insufficientPermissions' }],
      });
    }
    expect(fake.gmail.message(UNIT, id)?.labelIds).toEqual(['INBOX', 'UNREAD']);
    expect(fake.gmail.sent(UNIT)).toEqual([]);
  });

  it('refuses a token without any Gmail scope', async () => {
    const token = await delegatedAccessToken(fake, SERVICE_ACCOUNT, UNIT, [
      'https://www.googleapis.com/auth/calendar.events',
    ]);
    expect((await raw(fake, 'GET', '/gmail/v1/users/me/profile', { token })).status).toBe(403);
  });

  it('throws, not answers, when a test names a user outside the domain', () => {
    expect(() => fake.gmail.deliver(`stranger@${DOMAIN}`, aMail())).toThrow(/no Gmail mailbox/);
  });
});

describe('the Google fake: shared machinery on Gmail paths', () => {
  it('selects fields', async () => {
    const { id } = fake.gmail.deliver(UNIT, aMail());
    const { data } = await gm.users.messages.get({ ...me, id, format: 'minimal', fields: 'id,labelIds' });
    expect(data).toEqual({ id, labelIds: ['INBOX', 'UNREAD'] });
    expect(
      (await refusal(gm.users.messages.get({ ...me, id, format: 'minimal', fields: 'nope' }))).status,
    ).toBe(400);
  });

  it('answers 503 once for an injected fault, changing nothing, then serves the retry', async () => {
    const { id } = fake.gmail.deliver(UNIT, aMail());
    fake.inject({
      method: 'POST',
      path: /\/gmail\/v1\/users\/me\/messages\/[0-9a-f]+\/modify$/,
      status: 503,
    });
    const modify = (): Promise<unknown> =>
      gm.users.messages.modify({ ...me, id, requestBody: { removeLabelIds: ['UNREAD'] } }, { retry: false });
    const refused = await refusal(modify());
    expect(refused.status).toBe(503);
    expect(refused.error.errors?.[0]?.reason).toBe('backendError');
    expect(fake.gmail.message(UNIT, id)?.labelIds).toEqual(['INBOX', 'UNREAD']);
    await modify();
    expect(fake.gmail.message(UNIT, id)?.labelIds).toEqual(['INBOX']);
    expect(fake.callCounts()['gmail.users.messages.modify']).toBe(2);
    expect(fake.requests.filter((r) => r.api === 'gmail').map((r) => r.status)).toEqual([503, 200]);
  });

  it('pretty-prints JSON by default and answers compactly for prettyPrint=false, as Google does', async () => {
    const token = await delegatedAccessToken(fake, SERVICE_ACCOUNT, UNIT, [GMAIL_READONLY]);
    const get = async (query: string): Promise<string> =>
      (
        await fetch(`${fake.url}/gmail/v1/users/me/profile${query}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).text();
    const pretty = await get('');
    expect(pretty).toMatch(/^\{\n {2}"emailAddress": /);
    const compact = await get('?prettyPrint=false');
    expect(compact).toMatch(/^\{"emailAddress":"/);
    expect(JSON.parse(compact)).toEqual(JSON.parse(pretty));
  });

  it('answers 501 for a Gmail method the fake does not implement', async () => {
    const refused = await refusal(gm.users.threads.list(me, { retry: false }));
    expect(refused.status).toBe(501);
    expect(refused.error.message).toContain('gmail.users.threads.list');
  });
});
