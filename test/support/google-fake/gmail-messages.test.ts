// Gmail messages through the real @googleapis/gmail client: listing with the search operators the
// service uses (and 501 for any other), get in minimal/metadata/raw (30 MB included), label changes
// and sending, with Gmail's checks and rewrites.
import type { gmail_v1 } from '@googleapis/gmail';
import type { GoogleFake } from './index';
import { aMail, gmailFor, refusal, startTestFake, UNIT } from './test-clients';

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

async function listIds(
  params: Omit<gmail_v1.Params$Resource$Users$Messages$List, 'userId'>,
): Promise<string[]> {
  const { data } = await gm.users.messages.list({ ...me, ...params });
  return (data.messages ?? []).map((m) => m.id ?? '');
}

describe('the Google fake: listing Gmail messages', () => {
  it('lists newest first, leaves out Spam and Trash unless asked, and filters on every labelId', async () => {
    const old = fake.gmail.deliver(UNIT, aMail(), { internalDate: new Date('2026-12-01T10:00:00Z') });
    const recent = fake.gmail.deliver(UNIT, aMail(), { internalDate: new Date('2026-12-03T10:00:00Z') });
    const read = fake.gmail.deliver(UNIT, aMail(), {
      labelIds: ['INBOX'],
      internalDate: new Date('2026-12-02T10:00:00Z'),
    });
    const spam = fake.gmail.deliver(UNIT, aMail(), { labelIds: ['SPAM'] });
    const { data } = await gm.users.messages.list(me);
    expect(data.messages).toEqual([
      { id: recent.id, threadId: recent.threadId },
      { id: read.id, threadId: read.threadId },
      { id: old.id, threadId: old.threadId },
    ]);
    expect(data.resultSizeEstimate).toBe(3);
    expect(await listIds({ includeSpamTrash: true })).toContain(spam.id);
    expect(await listIds({ labelIds: ['INBOX', 'UNREAD'] })).toEqual([recent.id, old.id]);
    expect(await listIds({ q: 'in:spam' })).toEqual([spam.id]);
  });

  it('answers an empty result with resultSizeEstimate 0 and no messages', async () => {
    expect((await gm.users.messages.list(me)).data).toEqual({ resultSizeEstimate: 0 });
  });

  it('gives message ids and thread ids as 16 lowercase hex digits, later ones larger', () => {
    const a = fake.gmail.deliver(UNIT, aMail());
    const b = fake.gmail.deliver(UNIT, aMail());
    for (const id of [a.id, a.threadId, b.id]) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(b.id > a.id).toBe(true);
    expect(a.threadId).toBe(a.id);
  });

  it('pages with maxResults and nextPageToken', async () => {
    const ids = [1, 2, 3, 4, 5].map(
      (day) => fake.gmail.deliver(UNIT, aMail(), { internalDate: new Date(`2026-12-0${day}T10:00:00Z`) }).id,
    );
    const first = await gm.users.messages.list({ ...me, maxResults: 2 });
    const second = await gm.users.messages.list({
      ...me,
      maxResults: 2,
      pageToken: first.data.nextPageToken ?? '',
    });
    const third = await gm.users.messages.list({
      ...me,
      maxResults: 2,
      pageToken: second.data.nextPageToken ?? '',
    });
    expect([first, second, third].flatMap((p) => (p.data.messages ?? []).map((m) => m.id))).toEqual(
      [...ids].reverse(),
    );
    expect(third.data.nextPageToken).toBeUndefined();
    const mixed = await refusal(
      gm.users.messages.list({ ...me, q: 'in:inbox', pageToken: first.data.nextPageToken ?? '' }),
    );
    expect(mixed.status).toBe(400);
  });

  it('filters with after: and before: as epoch seconds or dates in the mailbox time zone', async () => {
    const at = (iso: string): string => fake.gmail.deliver(UNIT, aMail(), { internalDate: new Date(iso) }).id;
    const a = at('2026-06-30T22:30:00Z'); // 23:30 on 30 June in London (BST)
    const b = at('2026-06-30T23:30:00Z'); // 00:30 on 1 July in London
    const c = at('2026-07-02T12:00:00Z');
    const seconds = Math.floor(Date.parse('2026-06-30T23:00:00Z') / 1000);
    expect(await listIds({ q: `after:${seconds}` })).toEqual([c, b]);
    expect(await listIds({ q: `before:${seconds}` })).toEqual([a]);
    expect(await listIds({ q: 'after:2026/07/01' })).toEqual([c, b]);
    expect(await listIds({ q: 'after:2026/07/01 before:2026/07/02' })).toEqual([b]);
    expect(await listIds({ q: `after:${seconds}`, labelIds: ['INBOX'] })).toEqual([c, b]);
  });

  it('understands in:, is:, label: (by name, any case, spaces as hyphens) and their negation', async () => {
    const { data: label } = await gm.users.labels.create({
      ...me,
      requestBody: {
        name: 'Reports Received',
        labelListVisibility: 'labelShow',
        messageListVisibility: 'show',
      },
    });
    const labelled = fake.gmail.deliver(UNIT, aMail(), { labelIds: ['INBOX', label.id ?? ''] });
    const plain = fake.gmail.deliver(UNIT, aMail(), { labelIds: ['INBOX'] });
    const sent = await gm.users.messages.send({
      ...me,
      requestBody: { raw: encode(aMail({ to: 'parent@example.com' })) },
    });
    expect(await listIds({ q: 'label:reports-received' })).toEqual([labelled.id]);
    expect(await listIds({ q: 'label:"Reports Received"' })).toEqual([labelled.id]);
    expect(await listIds({ q: 'in:inbox -label:reports-received' })).toEqual([plain.id]);
    expect(await listIds({ q: 'in:sent' })).toEqual([sent.data.id]);
    expect((await listIds({ q: '-in:sent' })).sort()).toEqual([labelled.id, plain.id].sort());
    expect(await listIds({ q: 'is:unread' })).toEqual([]);
  });

  it.each([
    ['from:parent@example.com', "operator 'from:'"],
    ['report', "free text 'report'"],
    ['in:inbox OR in:sent', "syntax 'OR'"],
    ['after:yesterday', "date 'after:yesterday'"],
    ['has:attachment', "operator 'has:'"],
  ])('answers 501 for q=%j, naming what it does not understand, rather than ignore it', async (q, named) => {
    const refused = await refusal(gm.users.messages.list({ ...me, q }, { retry: false }));
    expect(refused.status).toBe(501);
    expect(refused.error.message).toContain(named);
  });
});

describe('the Google fake: getting Gmail messages', () => {
  it('gets minimal, metadata and raw in the order Gmail writes the fields', async () => {
    const mail = aMail({ subject: "Parent's report", body: 'It is <urgent>   &\r\n  please   read.' });
    const { id, threadId, historyId } = fake.gmail.deliver(UNIT, mail, {
      internalDate: new Date('2026-12-07T09:00:01Z'),
    });
    const minimal = await gm.users.messages.get({ ...me, id, format: 'minimal' });
    expect(Object.keys(minimal.data)).toEqual([
      'id',
      'threadId',
      'labelIds',
      'snippet',
      'sizeEstimate',
      'historyId',
      'internalDate',
    ]);
    expect(minimal.data).toMatchObject({
      id,
      threadId,
      labelIds: ['INBOX', 'UNREAD'],
      snippet: 'It is &lt;urgent&gt; &amp; please read.',
      sizeEstimate: Buffer.byteLength(mail),
      historyId,
      internalDate: String(Date.parse('2026-12-07T09:00:01Z')),
    });
    const metadata = await gm.users.messages.get({
      ...me,
      id,
      format: 'metadata',
      metadataHeaders: ['subject', 'To'],
    });
    expect(metadata.data.payload).toEqual({
      mimeType: 'text/plain',
      headers: [
        { name: 'To', value: UNIT },
        { name: 'Subject', value: "Parent's report" },
      ],
    });
    const raw = await gm.users.messages.get({ ...me, id, format: 'raw' });
    expect(Object.keys(raw.data)).toEqual([
      'id',
      'threadId',
      'labelIds',
      'snippet',
      'sizeEstimate',
      'raw',
      'historyId',
      'internalDate',
    ]);
    expect(raw.data.raw).toMatch(/^[A-Za-z0-9_-]+={0,2}$/);
    expect((raw.data.raw ?? '').length % 4).toBe(0);
    expect(Buffer.from(raw.data.raw ?? '', 'base64url').toString()).toBe(mail);
  });

  it('snippets the text part of a multipart message, decoding quoted-printable', async () => {
    const mail = [
      'From: parent@example.com',
      `To: ${UNIT}`,
      'Subject: Report',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Caf=C3=A9 report, see attach=',
      'ed.',
      '--inner',
      'Content-Type: text/html',
      '',
      '<p>ignored</p>',
      '--inner--',
      '--outer',
      'Content-Type: application/pdf',
      'Content-Disposition: attachment; filename=report.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQK',
      '--outer--',
      '',
    ].join('\r\n');
    const { id } = fake.gmail.deliver(UNIT, mail);
    const { data } = await gm.users.messages.get({ ...me, id, format: 'metadata' });
    expect(data.snippet).toBe('Café report, see attached.');
    expect(data.payload?.mimeType).toBe('multipart/mixed');
  });

  it('round-trips a 30 MB message through format=raw', async () => {
    const header = Buffer.from(aMail({ body: '' }));
    const big = Buffer.concat([header, Buffer.alloc(30 * 1024 * 1024, 'report attachment data\r\n')]);
    const { id } = fake.gmail.deliver(UNIT, big);
    const { data } = await gm.users.messages.get({ ...me, id, format: 'raw' });
    expect(data.sizeEstimate).toBe(big.length);
    expect(Buffer.from(data.raw ?? '', 'base64url').equals(big)).toBe(true);
  });

  it('answers 404 notFound for an unknown id, 400 for one that is not an id, 501 for format=full', async () => {
    const missing = await refusal(gm.users.messages.get({ ...me, id: '18c0ffee00000000', format: 'raw' }));
    expect(missing.status).toBe(404);
    expect(missing.error).toMatchObject({
      message: 'Requested entity was not found.',
      errors: [{ reason: 'notFound' }],
    });
    expect((await refusal(gm.users.messages.get({ ...me, id: 'not-an-id', format: 'raw' }))).status).toBe(
      400,
    );
    const { id } = fake.gmail.deliver(UNIT, aMail());
    expect((await refusal(gm.users.messages.get({ ...me, id }, { retry: false }))).status).toBe(501);
  });
});

describe('the Google fake: changing labels', () => {
  it('adds and removes labels, answering with id, threadId and labelIds, and moving the history id', async () => {
    const { id, threadId, historyId } = fake.gmail.deliver(UNIT, aMail());
    const { data } = await gm.users.messages.modify({
      ...me,
      id,
      requestBody: { addLabelIds: ['STARRED', 'INBOX'], removeLabelIds: ['UNREAD'] },
    });
    expect(data).toEqual({ id, threadId, labelIds: ['INBOX', 'STARRED'] });
    expect(Number(fake.gmail.message(UNIT, id)?.historyId)).toBeGreaterThan(Number(historyId));
  });

  it('refuses an unknown label, or SENT, with 400 "Invalid label", changing nothing', async () => {
    const { id } = fake.gmail.deliver(UNIT, aMail());
    for (const label of ['Label_99', 'SENT', 'inbox']) {
      const refused = await refusal(
        gm.users.messages.modify({
          ...me,
          id,
          requestBody: { addLabelIds: ['STARRED'], removeLabelIds: [label] },
        }),
      );
      expect(refused.status).toBe(400);
      expect(refused.error).toMatchObject({
        message: `Invalid label: ${label}`,
        errors: [{ reason: 'invalidArgument' }],
        status: 'INVALID_ARGUMENT',
      });
    }
    expect(fake.gmail.message(UNIT, id)?.labelIds).toEqual(['INBOX', 'UNREAD']);
  });
});

describe('the Google fake: sending Gmail messages', () => {
  it('stores the sent message with label SENT and a history record, keeping its bytes', async () => {
    const start = fake.gmail.historyId(UNIT);
    const mail = aMail({
      from: UNIT,
      to: 'Parent One <parent@example.com>',
      messageId: '<ack-1@conference-desk.example>',
    });
    const { data } = await gm.users.messages.send({ ...me, requestBody: { raw: encode(mail) } });
    expect(data).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/) as string,
      threadId: expect.stringMatching(/^[0-9a-f]{16}$/) as string,
      labelIds: ['SENT'],
    });
    const [sent] = fake.gmail.sent(UNIT);
    expect(sent?.raw.toString()).toBe(mail);
    const history = await gm.users.history.list({ ...me, startHistoryId: start });
    expect(history.data.history?.[0]?.messagesAdded?.[0]?.message).toEqual({
      id: data.id,
      threadId: data.threadId,
      labelIds: ['SENT'],
    });
  });

  it('finds a sent message by its Message-ID with rfc822msgid:, brackets or not', async () => {
    await gm.users.messages.send({
      ...me,
      requestBody: {
        raw: encode(
          aMail({ from: UNIT, to: 'parent@example.com', messageId: '<ack-7.c1@council.example.gov.uk>' }),
        ),
      },
    });
    const q = (id: string): Promise<string[]> => listIds({ q: `in:sent rfc822msgid:${id}` });
    expect(await q('ack-7.c1@council.example.gov.uk')).toHaveLength(1);
    expect(await q('<ack-7.c1@council.example.gov.uk>')).toHaveLength(1);
    expect(await q('ack-8@council.example.gov.uk')).toEqual([]);
  });

  it('replaces a Message-ID that is not <local@dotted.domain> with one of its own', async () => {
    await gm.users.messages.send({
      ...me,
      requestBody: {
        raw: encode(aMail({ from: UNIT, to: 'parent@example.com', messageId: '<ack-9@localhost>' })),
      },
    });
    expect(await listIds({ q: 'rfc822msgid:ack-9@localhost' })).toEqual([]);
    expect(fake.gmail.sent(UNIT)[0]?.raw.toString()).toMatch(
      /\r\nMessage-ID: <CA[A-Za-z0-9_-]+@mail\.gmail\.com>\r\n/,
    );
  });

  it("rewrites a From that is not the user's to the user, and adds Message-ID and Date when missing", async () => {
    const mail = [
      'From: "Conference Desk" <noreply@elsewhere.example>',
      'To: parent@example.com',
      'Subject: Thanks',
      '',
      'Received.',
    ].join('\r\n');
    await gm.users.messages.send({ ...me, requestBody: { raw: encode(mail) } });
    const stored = fake.gmail.sent(UNIT)[0]?.raw.toString() ?? '';
    expect(stored).toMatch(
      new RegExp(`^From: "Conference Desk" <${UNIT}>\r\nTo: parent@example.com\r\nSubject: Thanks\r\n`),
    );
    expect(stored).toMatch(/\r\nMessage-ID: <CA[A-Za-z0-9_-]+@mail\.gmail\.com>\r\n/);
    expect(stored).toMatch(/\r\nDate: \w{3}, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d \+0000\r\n\r\nReceived\.$/);
  });

  it('refuses a message without recipients, an empty raw, and a body without raw', async () => {
    for (const raw of [encode(aMail({ to: '' })), '']) {
      const refused = await refusal(gm.users.messages.send({ ...me, requestBody: { raw } }));
      expect(refused.status).toBe(400);
      expect(refused.error).toMatchObject({
        message: 'Recipient address required',
        errors: [{ reason: 'invalidArgument' }],
      });
    }
    const noRaw = await refusal(gm.users.messages.send({ ...me, requestBody: {} }));
    expect(noRaw.status).toBe(400);
    expect(noRaw.error.message).toBe(
      "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
    );
    const badTo = await refusal(
      gm.users.messages.send({ ...me, requestBody: { raw: encode(aMail({ to: 'Parent One' })) } }),
    );
    expect(badTo.error.message).toBe('Invalid To header');
    expect(fake.gmail.sent(UNIT)).toEqual([]);
  });

  it('threads a reply into the given thread only when it references it with the same subject', async () => {
    const report = fake.gmail.deliver(UNIT, aMail({ subject: 'Report', messageId: '<r1@example.com>' }));
    const reply = (subject: string, refs: string[]): string =>
      aMail({ from: UNIT, to: 'parent@example.com', subject, headers: refs.map((r) => `In-Reply-To: ${r}`) });
    const joined = await gm.users.messages.send({
      ...me,
      requestBody: { raw: encode(reply('Re: Report', ['<r1@example.com>'])), threadId: report.threadId },
    });
    expect(joined.data.threadId).toBe(report.threadId);
    const apart = await gm.users.messages.send({
      ...me,
      requestBody: { raw: encode(reply('Something else', ['<r1@example.com>'])), threadId: report.threadId },
    });
    expect(apart.data.threadId).toBe(apart.data.id);
    const unknown = await refusal(
      gm.users.messages.send({
        ...me,
        requestBody: { raw: encode(reply('Re: Report', [])), threadId: '18c0ffee00000000' },
      }),
    );
    expect(unknown.error.message).toBe('Invalid thread_id value');
  });

  it('threads an incoming reply to a sent message by References and subject', async () => {
    const sent = await gm.users.messages.send({
      ...me,
      requestBody: {
        raw: encode(
          aMail({ from: UNIT, to: 'parent@example.com', subject: 'Your report', messageId: '<ack-2@x.org>' }),
        ),
      },
    });
    const answer = fake.gmail.deliver(
      UNIT,
      aMail({ subject: 'RE: Your report', headers: ['References: <ack-2@x.org>'] }),
    );
    expect(answer.threadId).toBe(sent.data.threadId);
  });
});
