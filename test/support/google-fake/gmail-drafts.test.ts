// Gmail drafts through the real @googleapis/gmail client: a draft is a message labelled DRAFT
// wrapped in {id, message}; create keeps the bytes but for Gmail's own rewrites (Bcc stays), get in
// minimal/metadata/raw, list with the search operators (rfc822msgid: included) and paging, delete,
// send, and what create refuses.
import type { gmail_v1 } from '@googleapis/gmail';
import type { GoogleFake } from './index';
import { aMail, GMAIL_COMPOSE, GMAIL_READONLY, gmailFor, refusal, startTestFake, UNIT } from './test-clients';

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

const me = { userId: 'me' };
const encode = (text: string | Buffer): string => Buffer.from(text).toString('base64url');
const DRAFT_ID = /^r-?\d{1,19}$/;
const HEX16 = /^[0-9a-f]{16}$/;

async function create(mail: string, threadId?: string): Promise<gmail_v1.Schema$Draft> {
  const message = { raw: encode(mail), ...(threadId === undefined ? {} : { threadId }) };
  return (await gm.users.drafts.create({ ...me, requestBody: { message } })).data;
}

async function listIds(
  params: Omit<gmail_v1.Params$Resource$Users$Drafts$List, 'userId'>,
): Promise<string[]> {
  const { data } = await gm.users.drafts.list({ ...me, ...params });
  return (data.drafts ?? []).map((d) => d.id ?? '');
}

describe('the Google fake: creating Gmail drafts', () => {
  it('answers {id, message: {id, threadId, labelIds: [DRAFT]}} and stores the bytes as given, Bcc included', async () => {
    const start = fake.gmail.historyId(UNIT);
    const mail = aMail({
      from: UNIT,
      to: 'parent@example.com',
      messageId: '<invite-1@conference-desk.example>',
      headers: ['Bcc: records@council.example.gov.uk'],
    });
    const draft = await create(mail);
    expect(draft).toEqual({
      id: expect.stringMatching(DRAFT_ID) as string,
      message: {
        id: expect.stringMatching(HEX16) as string,
        threadId: draft.message?.id,
        labelIds: ['DRAFT'],
      },
    });
    const [stored] = fake.gmail.drafts(UNIT);
    expect(stored?.id).toBe(draft.id);
    expect(stored?.message).toMatchObject({ id: draft.message?.id, labelIds: ['DRAFT'] });
    expect(stored?.message.raw.toString()).toBe(mail);
    expect(fake.gmail.sent(UNIT)).toEqual([]);
    const history = await gm.users.history.list({ ...me, startHistoryId: start });
    expect(history.data.history?.[0]?.messagesAdded?.[0]?.message).toEqual(draft.message);
    // A draft is a message: messages.list and messages.get see it too.
    const { data } = await gm.users.messages.list({ ...me, q: 'in:drafts' });
    expect(data.messages).toEqual([{ id: draft.message?.id, threadId: draft.message?.threadId }]);
  });

  it("makes the From the token's user, adds Message-ID and Date when missing, and needs no recipients", async () => {
    const mail = [
      'From: "Conference Desk" <noreply@elsewhere.example>',
      'Subject: Not yet addressed',
      '',
      'Draft.',
    ].join('\r\n');
    await create(mail);
    const stored = fake.gmail.drafts(UNIT)[0]?.message.raw.toString() ?? '';
    expect(stored).toMatch(
      new RegExp(`^From: "Conference Desk" <${UNIT}>\r\nSubject: Not yet addressed\r\n`),
    );
    expect(stored).toMatch(/\r\nMessage-ID: <CA[A-Za-z0-9_-]+@mail\.gmail\.com>\r\n/);
    expect(stored).toMatch(/\r\nDate: \w{3}, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d \+0000\r\n\r\nDraft\.$/);
    await create(['Subject: No From at all', '', 'Draft.'].join('\r\n'));
    expect(fake.gmail.drafts(UNIT)[1]?.message.raw.toString()).toMatch(/\r\nFrom: cp-unit@/);
  });

  it('gives every draft its own r-prefixed id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i += 1) ids.add((await create(aMail({ from: UNIT }))).id ?? '');
    expect(ids.size).toBe(5);
    for (const id of ids) expect(id).toMatch(DRAFT_ID);
  });

  it('puts a draft in the thread it is given only on Gmail’s rules (references it, same subject)', async () => {
    const report = fake.gmail.deliver(UNIT, aMail({ subject: 'Report', messageId: '<r1@example.com>' }));
    const reply = aMail({
      from: UNIT,
      to: 'parent@example.com',
      subject: 'Re: Report',
      headers: ['In-Reply-To: <r1@example.com>'],
    });
    expect((await create(reply, report.threadId)).message?.threadId).toBe(report.threadId);
    const other = await create(aMail({ from: UNIT, subject: 'Other' }), report.threadId);
    expect(other.message?.threadId).toBe(other.message?.id);
    const unknown = await refusal(
      gm.users.drafts.create({
        ...me,
        requestBody: { message: { raw: encode(reply), threadId: '18c0ffee00000000' } },
      }),
    );
    expect(unknown.error.message).toBe('Invalid thread_id value');
  });

  it('refuses a body without message, or message without raw, with 400 invalidArgument', async () => {
    const noMessage = await refusal(gm.users.drafts.create({ ...me, requestBody: {} }));
    expect(noMessage.status).toBe(400);
    expect(noMessage.error).toMatchObject({
      message: 'Missing draft message',
      errors: [{ reason: 'invalidArgument' }],
      status: 'INVALID_ARGUMENT',
    });
    const noRaw = await refusal(
      gm.users.drafts.create({ ...me, requestBody: { message: { threadId: 'x' } } }),
    );
    expect(noRaw.status).toBe(400);
    expect(noRaw.error).toMatchObject({
      message: "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
      errors: [{ reason: 'invalidArgument' }],
    });
    expect(fake.gmail.drafts(UNIT)).toEqual([]);
  });

  it.each([
    ['an empty raw', ''],
    ['base64 no encoder makes', 'QUJDR'],
    ['padding on a short length', 'QQ='],
    ['text that is not RFC 822', encode('Hello, this is not a message.')],
    ['bytes that are not RFC 822', encode(Buffer.from([0xff, 0x00, 0x13, 0x37, 0x0a, 0x0a]))],
    ['a header block with a stray line', encode('Subject: x\r\nnot a header\r\n\r\nbody')],
  ])('refuses %s with 400 invalidArgument, storing nothing', async (_what, raw) => {
    const refused = await refusal(gm.users.drafts.create({ ...me, requestBody: { message: { raw } } }));
    expect(refused.status).toBe(400);
    expect(refused.error).toMatchObject({
      errors: [{ reason: 'invalidArgument' }],
      status: 'INVALID_ARGUMENT',
    });
    expect(fake.gmail.drafts(UNIT)).toEqual([]);
  });

  it('refuses characters outside base64 as messages.send does (400 INVALID_ARGUMENT)', async () => {
    const refused = await refusal(
      gm.users.drafts.create({ ...me, requestBody: { message: { raw: 'not base64!' } } }),
    );
    expect(refused.status).toBe(400);
    expect(refused.error.status).toBe('INVALID_ARGUMENT');
    expect(fake.gmail.drafts(UNIT)).toEqual([]);
  });
});

describe('the Google fake: getting, listing and deleting Gmail drafts', () => {
  it('gets minimal, metadata and raw as messages.get would, wrapped in the draft; full is 501', async () => {
    const mail = aMail({
      from: UNIT,
      to: 'parent@example.com',
      subject: 'Invitation',
      body: 'You are invited.',
    });
    const { id, message } = await create(mail);
    const draftId = id ?? '';
    const minimal = await gm.users.drafts.get({ ...me, id: draftId, format: 'minimal' });
    expect(Object.keys(minimal.data)).toEqual(['id', 'message']);
    expect(minimal.data.message).toMatchObject({
      id: message?.id,
      threadId: message?.threadId,
      labelIds: ['DRAFT'],
      snippet: 'You are invited.',
      sizeEstimate: Buffer.byteLength(mail),
    });
    expect(minimal.data.message).not.toHaveProperty('raw');
    const metadata = await gm.users.drafts.get({ ...me, id: draftId, format: 'metadata' });
    expect(metadata.data.message?.payload?.headers).toContainEqual({ name: 'Subject', value: 'Invitation' });
    const raw = await gm.users.drafts.get({ ...me, id: draftId, format: 'raw' });
    expect(Buffer.from(raw.data.message?.raw ?? '', 'base64url').toString()).toBe(mail);
    const full = await refusal(gm.users.drafts.get({ ...me, id: draftId }, { retry: false }));
    expect(full.status).toBe(501);
    expect(full.error.message).toContain('gmail.users.drafts.get');
  });

  it('answers 404 notFound for a draft id it does not know, a message id included', async () => {
    const { message } = await create(aMail({ from: UNIT }));
    for (const id of ['r-1234567890123456789', message?.id ?? '', 'nonsense']) {
      const missing = await refusal(gm.users.drafts.get({ ...me, id, format: 'minimal' }));
      expect(missing.status).toBe(404);
      expect(missing.error).toMatchObject({
        message: 'Requested entity was not found.',
        errors: [{ reason: 'notFound' }],
        status: 'NOT_FOUND',
      });
    }
  });

  it('lists drafts newest first as {id, message: {id, threadId}}, only drafts, and finds one by rfc822msgid:', async () => {
    fake.gmail.deliver(UNIT, aMail({ messageId: '<inbound@example.com>' }));
    const first = await create(aMail({ from: UNIT, messageId: '<inv-1@council.example.gov.uk>' }));
    const second = await create(aMail({ from: UNIT, messageId: '<inv-2@council.example.gov.uk>' }));
    const { data } = await gm.users.drafts.list(me);
    expect(data).toEqual({
      drafts: [second, first].map((d) => ({
        id: d.id,
        message: { id: d.message?.id, threadId: d.message?.threadId },
      })),
      resultSizeEstimate: 2,
    });
    expect(await listIds({ q: 'rfc822msgid:inv-1@council.example.gov.uk' })).toEqual([first.id]);
    expect(await listIds({ q: 'rfc822msgid:<inv-2@council.example.gov.uk>' })).toEqual([second.id]);
    expect(await listIds({ q: 'rfc822msgid:inbound@example.com' })).toEqual([]);
    const refused = await refusal(gm.users.drafts.list({ ...me, q: 'subject:Invitation' }, { retry: false }));
    expect(refused.status).toBe(501);
  });

  it('answers an empty list with resultSizeEstimate 0 and no drafts', async () => {
    expect((await gm.users.drafts.list(me)).data).toEqual({ resultSizeEstimate: 0 });
  });

  it('pages with maxResults and nextPageToken, refusing another query’s token', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await create(aMail({ from: UNIT }))).id ?? '');
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const { data } = await gm.users.drafts.list({
        ...me,
        maxResults: 2,
        ...(pageToken === undefined ? {} : { pageToken }),
      });
      seen.push(...(data.drafts ?? []).map((d) => d.id ?? ''));
      pageToken = data.nextPageToken ?? undefined;
      pages += 1;
    } while (pageToken !== undefined);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen).toHaveLength(5);
    const first = (await gm.users.drafts.list({ ...me, maxResults: 2 })).data.nextPageToken ?? '';
    const mixed = await refusal(gm.users.drafts.list({ ...me, q: 'in:drafts', pageToken: first }));
    expect(mixed.status).toBe(400);
    expect(mixed.error.message).toBe('Invalid pageToken');
    expect((await refusal(gm.users.messages.list({ ...me, pageToken: first }))).status).toBe(400);
  });

  it('deletes for good with 204 (messageDeleted), and a second delete is 404', async () => {
    const { id, message } = await create(aMail({ from: UNIT }));
    const start = fake.gmail.historyId(UNIT);
    expect((await gm.users.drafts.delete({ ...me, id: id ?? '' })).status).toBe(204);
    expect(fake.gmail.drafts(UNIT)).toEqual([]);
    expect(fake.gmail.message(UNIT, message?.id ?? '')).toBeUndefined();
    const history = await gm.users.history.list({ ...me, startHistoryId: start });
    expect(history.data.history?.[0]?.messagesDeleted?.[0]?.message?.id).toBe(message?.id);
    expect((await refusal(gm.users.drafts.delete({ ...me, id: id ?? '' }, { retry: false }))).status).toBe(
      404,
    );
  });
});

describe('the Google fake: sending Gmail drafts', () => {
  it('sends the draft as messages.send would: a SENT message, and the draft is gone', async () => {
    const mail = aMail({ from: UNIT, to: 'parent@example.com', messageId: '<inv-3@council.example.gov.uk>' });
    const { id } = await create(mail);
    const { data } = await gm.users.drafts.send({ ...me, requestBody: { id: id ?? '' } });
    expect(data).toEqual({
      id: expect.stringMatching(HEX16) as string,
      threadId: expect.stringMatching(HEX16) as string,
      labelIds: ['SENT'],
    });
    expect(fake.gmail.drafts(UNIT)).toEqual([]);
    expect(fake.gmail.sent(UNIT).map((m) => m.raw.toString())).toEqual([mail]);
    expect((await refusal(gm.users.drafts.send({ ...me, requestBody: { id: id ?? '' } }))).status).toBe(404);
  });

  it('refuses a draft without recipients (it stays a draft) and a body without id', async () => {
    const { id } = await create(['Subject: Unaddressed', '', 'Draft.'].join('\r\n'));
    const refused = await refusal(gm.users.drafts.send({ ...me, requestBody: { id: id ?? '' } }));
    expect(refused.status).toBe(400);
    expect(refused.error).toMatchObject({
      message: 'Recipient address required',
      errors: [{ reason: 'invalidArgument' }],
    });
    expect(fake.gmail.drafts(UNIT)).toHaveLength(1);
    expect((await refusal(gm.users.drafts.send({ ...me, requestBody: {} }))).status).toBe(400);
  });
});

describe('the Google fake: who reaches Gmail drafts', () => {
  it('lets gmail.compose create, list, get and delete drafts, but not read the mailbox', async () => {
    const compose = await gmailFor(fake, UNIT, [GMAIL_COMPOSE]);
    const { data } = await compose.users.drafts.create({
      ...me,
      requestBody: { message: { raw: encode(aMail({ from: UNIT })) } },
    });
    expect((await compose.users.drafts.list(me)).data.drafts).toHaveLength(1);
    expect((await compose.users.drafts.get({ ...me, id: data.id ?? '', format: 'minimal' })).status).toBe(
      200,
    );
    expect((await compose.users.drafts.delete({ ...me, id: data.id ?? '' })).status).toBe(204);
    const refused = await refusal(compose.users.messages.list(me));
    expect(refused.status).toBe(403);
    expect(refused.error.errors?.[0]?.reason).toBe('insufficientPermissions');
  });

  it('lets gmail.readonly list drafts but not create them', async () => {
    await create(aMail({ from: UNIT }));
    const readonly = await gmailFor(fake, UNIT, [GMAIL_READONLY]);
    expect((await readonly.users.drafts.list(me)).data.drafts).toHaveLength(1);
    const refused = await refusal(
      readonly.users.drafts.create({
        ...me,
        requestBody: { message: { raw: encode(aMail({ from: UNIT })) } },
      }),
    );
    expect(refused.status).toBe(403);
    expect(fake.gmail.drafts(UNIT)).toHaveLength(1);
  });
});
