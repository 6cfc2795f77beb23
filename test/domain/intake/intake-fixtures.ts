// Conferences, inbound messages and filed reports for the intake rules' specifications.
import { Temporal } from 'temporal-polyfill';
import { REFERENCE_ALPHABET, type Conference } from '../../../functions/src/domain/conference/conference';
import type { AttachmentFacts, InboundMessage } from '../../../functions/src/domain/intake/inbound-message';
import type { Contribution, ReportRecord } from '../../../functions/src/domain/intake/report';
import { draftConference, hackneyBooking } from '../../support/bookings';

export const INBOX = 'childprotectioninvitereportrequest@hackney.gov.uk';
export const POLICE = 'dc.one@police.example.org';

let next = 0;
/** A booked Hackney conference (7 December 2026, reports due 4 December) with its own reference. */
export function bookedConference(reference?: string, overrides: Record<string, unknown> = {}): Conference {
  next += 1;
  return {
    ...draftConference(hackneyBooking(overrides)),
    reference: reference ?? `CPC-${REFERENCE_ALPHABET.charAt(next % REFERENCE_ALPHABET.length)}234`,
    status: 'booked',
  };
}

/** A part of an email as the reader describes it: a file of the email itself unless said otherwise. */
export function attachment(overrides: Partial<AttachmentFacts> = {}): AttachmentFacts {
  return {
    filename: 'report.pdf',
    contentType: 'application/pdf',
    size: 2048,
    sha256: 'a'.repeat(64),
    findings: [],
    within: [],
    inline: false,
    calendar: null,
    ...overrides,
  };
}

/** An email from the police officer invited to Hackney bookings, DMARC passing, one PDF. */
export function inbound(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return {
    messageIdHeader: 'CAF=abc123@mail.example.org',
    from: [{ address: POLICE, name: 'DC One' }],
    recipients: [INBOX],
    recipientCount: 1,
    deliveredTo: [INBOX],
    subject: 'Police report',
    date: null,
    textCharacters: 120,
    mentioned: { addresses: [], messageIds: [] },
    attachments: [attachment()],
    authentication: {
      authservId: 'mx.google.com',
      spf: { result: 'pass', domain: 'police.example.org' },
      dkim: [{ result: 'pass', domain: 'police.example.org' }],
      dmarc: { result: 'pass', domain: 'police.example.org' },
    },
    origin: {
      autoSubmitted: null,
      xAutoreply: null,
      xAutorespond: null,
      precedence: null,
      returnPath: POLICE,
      contentType: 'multipart/mixed',
      reportType: null,
    },
    report: null,
    size: 4096,
    ...overrides,
  };
}

export const HEALTH_VISITOR = 'health.visitor@nhs.example.org';
export const GP = 'gp@surgery.example.org';

/** A booked Hackney conference with two professionals from health: a health visitor and a GP. */
export function conferenceWithTwoFromHealth(reference = 'CPC-7F3K'): Conference {
  return bookedConference(reference, {
    professionals: [
      { email: POLICE, agency: 'police' },
      { email: HEALTH_VISITOR, agency: 'health', role: 'health visitor', name: 'Sam Visitor' },
      { email: GP, agency: 'health', role: 'GP' },
      { email: 'dsl@school.example.org', agency: 'school' },
    ],
  });
}

/** A filed report record, as the service or a coordinator filed it. */
export function filedReport(
  conference: Conference,
  from: string,
  contribution: Partial<Contribution> = {},
  extra: Partial<ReportRecord> = {},
): ReportRecord {
  next += 1;
  const receivedAt = Temporal.Instant.from('2026-12-01T12:00:00Z').add({ minutes: next });
  return {
    messageId: `18c0ffee${String(next).padStart(8, '0')}`,
    state: 'filed',
    conferenceId: conference.id,
    reference: conference.reference,
    contribution: {
      kind: 'report',
      agency: null,
      invitee: from,
      relationship: null,
      timing: 'on-time',
      due: conference.timeline.reportDue.toInstant(),
      ...contribution,
    },
    matchedBy: 'plus-address',
    sender: { address: from, name: '' },
    receivedAt,
    attachments: [],
    authentication: null,
    messageIdHeader: null,
    size: 2048,
    link: 'https://mail.google.com/',
    holdReasons: [],
    heldSubject: null,
    candidates: [],
    duplicateOf: null,
    redeliveryOf: null,
    automatic: null,
    acknowledgement: {
      state: 'sent',
      messageIdHeader: '<ack@hackney.gov.uk>',
      attempts: 1,
      sentAt: receivedAt,
      notBefore: receivedAt,
      coveredBy: null,
    },
    labelled: true,
    nextFollowUp: receivedAt,
    history: [],
    revision: 1,
    ...extra,
  };
}
