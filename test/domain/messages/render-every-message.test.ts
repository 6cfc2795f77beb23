// Every message the outbox can send, for every council preset, composed from a fixture
// conference and outcome, rendered by the real templates, built into MIME by nodemailer and read
// back with mailparser: the reference in every subject, no name anywhere it must not be, and no
// acronym or professional's note in what a family reads.
import MailComposer from 'nodemailer/lib/mail-composer';
import { simpleParser } from 'mailparser';
import { Temporal } from 'temporal-polyfill';
import { HandlebarsMessages } from '../../../functions/src/adapters/templates/handlebars-messages';
import { templatesDir } from '../../../functions/src/compose';
import type { Conference } from '../../../functions/src/domain/conference/conference';
import { reportStatus } from '../../../functions/src/domain/intake/report-status';
import { composeMessage } from '../../../functions/src/domain/messages/build-views';
import { FAMILY_MESSAGES } from '../../../functions/src/domain/messages/message-views';
import {
  messageOf,
  newEntry,
  OUTBOX_KINDS,
  recipientKey,
  type OutboxKind,
  type OutboxRecipient,
} from '../../../functions/src/domain/outbox/outbox-entry';
import { checkOutcome, FAMILY_ACRONYMS } from '../../../functions/src/domain/outcome/outcome';
import type { OutcomeRecord } from '../../../functions/src/domain/outcome/outcome-record';
import { loadPreset, PRESET_IDS } from '../../../functions/src/domain/policy/presets';
import { assessQuorum } from '../../../functions/src/domain/quorum';
import { CHAIR, draftConference, NOW, separatedParentsBooking } from '../../support/bookings';

const renderer = new HandlebarsMessages(templatesDir());
const NOTE = 'Restricted note for professionals only';
const REASON = 'Reason given by the police';

function fixture(presetId: (typeof PRESET_IDS)[number]): { conference: Conference; outcome: OutcomeRecord } {
  const policy = loadPreset(presetId);
  const draft = draftConference(separatedParentsBooking(), presetId);
  const conference: Conference = {
    ...draft,
    reference: 'CPC-7F3K',
    status: 'held',
    venue: 'Civic Centre, Room 2',
    meet: {
      space: 'spaces/abc',
      meetingCode: 'abc-defg-hij',
      meetingUri: 'https://meet.google.com/abc-defg-hij',
      host: CHAIR,
    },
    history: [...draft.history, { status: 'booked', at: NOW, by: CHAIR, reason: null }],
  };
  const after = conference.timeline.end.toInstant().add({ hours: 1 });
  const category = policy.categories[0]?.id ?? '';
  const police = conference.invitees.professionals[0]?.email ?? '';
  const checked = checkOutcome(
    {
      attended: [conference.invitees.socialWorker.email, police, 'family-1', 'family-2'],
      children: [
        {
          caseReference: conference.children[0]?.caseReference ?? '',
          scores: [
            { who: police, score: policy.scaling.min, reason: REASON },
            { who: 'family-1', score: policy.scaling.max },
          ],
          recommendations: [{ who: police, recommendation: 'child-protection-plan' }],
          decision: conference.timeline.type === 'review' ? 'continue-plan' : 'child-protection-plan',
          category,
        },
      ],
      coreGroup: {
        members: [police, 'family-1'],
        firstMeeting: conference.timeline.start.toPlainDate().add({ days: 7 }).toString(),
      },
      contingency: 'If the plan is not followed, the social worker will ask for legal advice.',
      notesForProfessionals: NOTE,
    },
    conference,
    { policy, now: after },
  );
  return {
    conference,
    outcome: {
      conferenceId: conference.id,
      reference: conference.reference,
      ...checked,
      recordedBy: CHAIR,
      recordedAt: after,
      fingerprint: 'x',
      recordSent: null,
      revision: 0,
    },
  };
}

function recipientFor(kind: OutboxKind, conference: Conference): OutboxRecipient {
  const person = (
    role: OutboxRecipient['role'],
    address: string,
    agency: string | null,
    part: number | null,
  ) => ({
    key: recipientKey(address),
    role,
    address,
    agency,
    part,
  });
  const professional = conference.invitees.professionals[0];
  const family = conference.invitees.family[1];
  if (kind === 'family-plan') return { key: 'part-2', role: 'family', address: null, agency: null, part: 2 };
  if (kind === 'family-invitation' || kind === 'day-before-family') {
    return person('family', family?.email ?? '', null, family?.part ?? 1);
  }
  if (kind === 'quorum-check' || kind === 'review-booking' || kind === 'delivery-failed') {
    return person('coordinator', 'coordinator@example.gov.uk', null, null);
  }
  if (kind === 'record-and-decision' || kind === 'record-reminder' || kind === 'all-reports-in') {
    return person('chair', CHAIR, null, null);
  }
  return person('professional', professional?.email ?? '', professional?.agency ?? null, null);
}

describe.each(PRESET_IDS)('every message for the %s preset', (presetId) => {
  const policy = loadPreset(presetId);
  const { conference, outcome } = fixture(presetId);
  const reports = reportStatus(conference, [], policy);
  const quorum = assessQuorum([{ role: 'social-worker', rsvp: 'declined' }], policy);

  it.each(OUTBOX_KINDS)('%s renders, and reads back from MIME as it was written', async (kind) => {
    const entry = newEntry(
      conference.id,
      conference.reference,
      {
        kind,
        recipient: recipientFor(kind, conference),
        version: 'v1',
        dueAt: NOW,
        expiresAt: null,
        catchUp: true,
      },
      'reports@example.gov.uk',
      NOW,
    );
    const failed = { ...entry, kind: 'report-request' as const, attempts: 5, reason: 'GOOGLE.UNAVAILABLE' };
    const message = composeMessage(entry, {
      conference,
      policy,
      outcome,
      reports,
      quorum,
      failed,
      coordinator: 'coordinator@example.gov.uk',
    });
    expect(message.name).toBe(messageOf(kind));
    const mail = renderer.render(message.name, message.view);
    const raw = await new MailComposer({
      from: 'reports@example.gov.uk',
      to: [...message.to],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    })
      .compile()
      .build();
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.subject).toContain('CPC-7F3K');
    expect(parsed.subject).not.toMatch(/mother|father|LCS-/i);
    expect(parsed.text?.trim()).toBe(mail.text.trim());
    expect(parsed.html).toContain(policy.name.replaceAll('&', '&amp;'));

    // What a family reads: no acronym, no professional's reason or note.
    const forFamily = FAMILY_MESSAGES.includes(message.name)
      ? `${mail.subject}\n${mail.text}\n${mail.html}`
      : '';
    expect(
      FAMILY_ACRONYMS.filter((a) => new RegExp(`(^|[^A-Za-z0-9])${a}([^A-Za-z0-9]|$)`).test(forFamily)),
    ).toEqual([]);
    expect(forFamily).not.toContain(NOTE);
    expect(forFamily).not.toContain(REASON);
  });
});

it('a professional’s reason and the chair’s note reach the professionals’ record', () => {
  const policy = loadPreset('hackney');
  const { conference, outcome } = fixture('hackney');
  const entry = newEntry(
    conference.id,
    conference.reference,
    {
      kind: 'record-and-decision',
      recipient: recipientFor('record-and-decision', conference),
      version: 'v1',
      dueAt: NOW,
      expiresAt: null,
      catchUp: true,
    },
    'reports@example.gov.uk',
    Temporal.Now.instant(),
  );
  const message = composeMessage(entry, {
    conference,
    policy,
    outcome,
    reports: null,
    quorum: null,
    failed: null,
    coordinator: 'coordinator@example.gov.uk',
  });
  const mail = renderer.render(message.name, message.view);
  expect(mail.text).toContain(REASON);
  expect(mail.text).toContain(NOTE);
});
