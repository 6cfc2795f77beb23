// The chair records the outcome through the real API: two kinds of draft appear in the chair's
// own Gmail (in the strict fake, made acting as the chair), the follow-ups are queued, and bad
// outcomes get a 400 naming the field. Drafts are read back with a real MIME parser.
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { Temporal } from 'temporal-polyfill';
import { FAMILY_ACRONYMS } from '../../functions/src/domain/outcome/outcome';
import { CHAIR, NOW, separatedParentsBooking, UNIT_MAILBOX } from '../support/bookings';
import {
  OTHER_CHAIR,
  REPORT_INBOX,
  startApi,
  testClock,
  type Api,
  type TestClock,
} from '../support/api-harness';

const SOCIAL_WORKER = 'social.worker@hackney.gov.uk';
const POLICE = 'dc.one@police.example.org';
const HEALTH = 'health.visitor@nhs.example.org';
const SCHOOL = 'dsl@school.example.org';
const MOTHER = 'parent.one@example.com';
const FATHER = 'parent.two@example.com';
/** Monday 7 December 2026, after the conference. */
const AFTER = Temporal.Instant.from('2026-12-07T14:00:00Z');
const PRIVATE = 'Restricted: the police report has a part the family must not see.';
const REASON = 'Two police call-outs this month for shouting.';

function outcome(
  overrides: Record<string, unknown> = {},
  child: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    attended: [SOCIAL_WORKER, POLICE, HEALTH, 'family-1', 'family-2'],
    children: [
      {
        caseReference: 'LCS-104233',
        scores: [
          { who: SOCIAL_WORKER, score: 3, reason: 'The danger statement is not addressed.' },
          { who: POLICE, score: 2, reason: REASON },
          { who: HEALTH, score: 5, reason: 'Appointments are kept.' },
          { who: 'family-1', score: 7 },
        ],
        recommendations: [
          { who: POLICE, recommendation: 'child-protection-plan' },
          { who: HEALTH, recommendation: 'child-in-need-plan' },
        ],
        decision: 'child-protection-plan',
        category: 'neglect',
        proposedCategories: [{ who: POLICE, category: 'emotional-abuse' }],
        categoryRationale: 'Neglect is the main worry for everyone but the police.',
        disagreements: 'Health recommended a child in need plan.',
        rationale: 'The worries about home conditions are not yet met by safety.',
        ...child,
      },
    ],
    coreGroup: { members: [SOCIAL_WORKER, POLICE, 'family-1', 'family-2'], firstMeeting: '2026-12-14' },
    contingency: 'If the plan is not followed, the social worker will ask for legal advice.',
    notesForProfessionals: PRIVATE,
    ...overrides,
  };
}

let api: Api;
let clock: TestClock;

async function book(): Promise<string> {
  const { status, body } = await api.call('POST', '/conferences', { body: separatedParentsBooking() });
  expect(status).toBe(201);
  return body.reference as string;
}

async function drafts(): Promise<ParsedMail[]> {
  return Promise.all(api.fake.gmail.drafts(CHAIR).map((d) => simpleParser(d.message.raw)));
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).sort();
}

beforeEach(async () => {
  clock = testClock(NOW);
  api = await startApi({ clock });
});

afterEach(async () => {
  await api.stop();
});

describe('recording the outcome', () => {
  it('puts the record and decision and one plan per separated parent in the chair’s Gmail, and queues the follow-ups', async () => {
    const reference = await book();
    clock.set(AFTER);
    const { status, body } = await api.call('POST', `/conferences/${reference}/outcome`, {
      as: CHAIR,
      body: outcome(),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'held', nextReview: '2027-03-05', recordSent: null });
    const followUps = body.followUps as {
      kind: string;
      state: string;
      recipient: { address: string | null };
    }[];
    expect(
      followUps
        .filter((f) => f.kind === 'record-and-decision' || f.kind === 'family-plan')
        .map((f) => `${f.kind}:${f.state}`)
        .sort(),
    ).toEqual(['family-plan:sent', 'family-plan:sent', 'record-and-decision:sent']);
    expect(
      followUps
        .filter((f) => f.kind === 'core-group-invitation')
        .map((f) => f.recipient.address)
        .sort(),
    ).toEqual([FATHER, MOTHER, POLICE, SOCIAL_WORKER].sort());
    expect(followUps.filter((f) => f.kind === 'record-reminder' || f.kind === 'review-booking')).toHaveLength(
      2,
    );

    const made = await drafts();
    expect(made).toHaveLength(3);
    for (const draft of made) {
      expect(draft.subject).toContain(reference);
      expect(draft.subject).not.toMatch(/mother|father|parent|LCS-104233/i);
      expect(draft.from?.value[0]?.address).toBe(CHAIR);
    }
    // Professionals who attended, none seeing another's address; the school did not attend.
    const record = made.find((d) => addresses(d.bcc).length > 0);
    expect(addresses(record?.to)).toEqual([CHAIR]);
    expect(addresses(record?.bcc)).toEqual([HEALTH, POLICE, SOCIAL_WORKER].sort());
    expect(record?.text).toContain(REASON);
    expect(record?.text).toContain(PRIVATE);
    expect(record?.text).toContain('Neglect');
    expect(record?.text).toMatch(
      /0.*It is certain the child will be harmed|It is certain the child will be harmed/,
    );

    // Each parent's plan goes to that parent alone, in plain English, without professionals' notes.
    const family = made.filter((d) => d !== record);
    expect(family.map((d) => addresses(d.to))).toEqual(expect.arrayContaining([[MOTHER], [FATHER]]));
    for (const letter of family) {
      expect(addresses(letter.bcc)).toEqual([]);
      const words = `${letter.subject ?? ''}\n${letter.text ?? ''}\n${String(letter.html)}`;
      expect(words).not.toContain(PRIVATE);
      expect(words).not.toContain(REASON);
      for (const acronym of FAMILY_ACRONYMS) {
        expect(words).not.toMatch(new RegExp(`(^|[^A-Za-z0-9])${acronym}([^A-Za-z0-9]|$)`));
      }
      expect(letter.text).toContain('child protection plan');
      expect(letter.text).toContain('Monday 14 December 2026');
      expect(letter.text).toContain('Friday 5 March 2027');
    }
  });

  it('sent twice, makes the drafts once; a different outcome afterwards is refused', async () => {
    const reference = await book();
    clock.set(AFTER);
    const first = await api.call('POST', `/conferences/${reference}/outcome`, { as: CHAIR, body: outcome() });
    const again = await api.call('POST', `/conferences/${reference}/outcome`, { as: CHAIR, body: outcome() });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(api.fake.gmail.drafts(CHAIR)).toHaveLength(3);
    const other = await api.call('POST', `/conferences/${reference}/outcome`, {
      as: CHAIR,
      body: outcome({ contingency: 'Something else.' }),
    });
    expect(other.status).toBe(409);
    expect((other.body.error as { code: string }).code).toBe('OUTCOME.RECORDED');
  });

  it('sends the core group invitations and the review reminder, and chases the record only until it is marked sent', async () => {
    const reference = await book();
    clock.set(AFTER);
    await api.call('POST', `/conferences/${reference}/outcome`, { as: CHAIR, body: outcome() });
    await api.runJob('sweep');
    const sent = await Promise.all(api.fake.gmail.sent(REPORT_INBOX).map((m) => simpleParser(m.raw)));
    const messages = (await api.call('GET', `/conferences/${reference}/outbox`)).body.messages as {
      kind: string;
      state: string;
      id: string;
    }[];
    const invitations = messages.filter((m) => m.kind === 'core-group-invitation');
    expect(invitations.map((m) => m.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    const ids = new Set(invitations.map((m) => `<${m.id}@hackney.gov.uk>`));
    expect(
      sent
        .filter((m) => ids.has(m.messageId ?? ''))
        .map((m) => addresses(m.to)[0])
        .sort(),
    ).toEqual([FATHER, MOTHER, POLICE, SOCIAL_WORKER].sort());
    expect(
      sent.filter((m) => addresses(m.to)[0] === UNIT_MAILBOX && /review/i.test(m.subject ?? '')),
    ).toHaveLength(1);

    // Another chair can neither read the outcome or the messages nor stop the reminder.
    for (const [method, path] of [
      ['GET', 'outcome'],
      ['GET', 'outbox'],
      ['POST', 'outcome/record-sent'],
    ] as const) {
      const other = await api.call(method, `/conferences/${reference}/${path}`, { as: OTHER_CHAIR });
      const code = (other.body.error as { code?: string } | undefined)?.code;
      expect({ path, status: other.status, code }).toEqual({
        path,
        status: 404,
        code: 'CONFERENCE.NOT_FOUND',
      });
    }
    const marked = await api.call('POST', `/conferences/${reference}/outcome/record-sent`, { as: CHAIR });
    expect(marked.status).toBe(200);
    // A second click changes nothing and is not a second entry.
    await api.call('POST', `/conferences/${reference}/outcome/record-sent`, { as: CHAIR });
    const audit = (await api.call('GET', `/conferences/${reference}/audit`)).body.audit as {
      action: string;
      by: string;
    }[];
    expect(audit.filter((a) => a.action === 'record-sent')).toEqual([
      expect.objectContaining({ by: CHAIR, fields: ['outcome.recordSent'] }),
    ]);
    expect(audit.at(-1)?.action).toBe('record-sent');
    clock.set(AFTER.add({ hours: 24 }));
    await api.runJob('sweep');
    const { body } = await api.call('GET', `/conferences/${reference}/outbox`);
    const reminder = (body.messages as { kind: string; state: string; reason: string | null }[]).find(
      (m) => m.kind === 'record-reminder',
    );
    expect(reminder).toMatchObject({ state: 'skipped', reason: 'record-sent' });
  });
});

describe('bad outcomes', () => {
  async function refused(
    reference: string,
    body: unknown,
    as = CHAIR,
  ): Promise<{ status: number; fields: string[] }> {
    const answer = await api.call('POST', `/conferences/${reference}/outcome`, { as, body });
    const fields = (answer.body.error as { fields: { field: string }[] }).fields.map((f) => f.field);
    return { status: answer.status, fields };
  }

  it('get a 400 naming each field, and nothing is drafted', async () => {
    const reference = await book();
    clock.set(AFTER);
    expect(await refused(reference, outcome({}, { category: undefined }))).toEqual({
      status: 400,
      fields: ['children[0].category'],
    });
    const scores = [
      { who: POLICE, score: 11, reason: REASON },
      { who: HEALTH, score: 4 },
    ];
    expect(await refused(reference, outcome({}, { scores }))).toEqual({
      status: 400,
      fields: ['children[0].scores[0].score', 'children[0].scores[1].reason'],
    });
    expect(
      await refused(reference, outcome({ coreGroup: { members: [SCHOOL], firstMeeting: '2026-12-14' } })),
    ).toEqual({ status: 400, fields: ['coreGroup.members[0]'] });
    expect(api.fake.gmail.drafts(CHAIR)).toHaveLength(0);
  });

  it('are refused for a conference that has not started or was cancelled, and from another chair', async () => {
    const reference = await book();
    expect(await refused(reference, outcome())).toEqual({ status: 400, fields: ['conference'] });
    clock.set(AFTER);
    // Another chair is not told the conference exists.
    expect((await refused(reference, outcome(), OTHER_CHAIR)).status).toBe(404);

    clock.set(NOW);
    const cancelled = await book();
    await api.call('DELETE', `/conferences/${cancelled}`, { body: { reason: 'Family moved away' } });
    clock.set(AFTER);
    expect(await refused(cancelled, outcome())).toEqual({ status: 400, fields: ['conference'] });
  });
});
