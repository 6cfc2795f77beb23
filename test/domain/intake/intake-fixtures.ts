// Conferences and inbound messages for the intake rules' specifications.
import { REFERENCE_ALPHABET, type Conference } from '../../../functions/src/domain/conference/conference';
import type { AttachmentFacts, InboundMessage } from '../../../functions/src/domain/intake/inbound-message';
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
