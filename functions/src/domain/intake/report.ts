// One email to the report request inbox, as the service keeps it: keyed by the mailbox's own
// message id, so however often Gmail tells us about it, or a function is retried, it is filed
// (or held) once. The email stays in the mailbox; this holds only what it was filed as and facts
// about it (sizes and hashes of attachments, the authentication verdicts), never its words.
import type { Temporal } from 'temporal-polyfill';
import type { Rsvp } from '../quorum';
import type { AutomaticRule } from './automatic-mail';
import type { AttachmentFacts, AuthenticationVerdicts } from './inbound-message';

/**
 * filed: counted against a conference. held: waiting for a coordinator. dismissed: not a report
 * (a coordinator said so). automatic: sent by a program (an auto-reply, a bounce, a receipt):
 * kept for the record, never filed, answered or counted. redelivered: a second delivery of an
 * email already recorded (same Message-ID, same sender): it counts once, as the first.
 */
export type ReportState = 'filed' | 'held' | 'dismissed' | 'automatic' | 'redelivered';

/** What a filed email is to its conference. */
export type ContributionKind = 'report' | 'family-views';

/** How a filed email found its conference. */
export type MatchRule = 'plus-address' | 'subject' | 'invited-sender' | 'coordinator';

/** Why an email waits for a coordinator; the list the stored records and the corpus are checked against. */
export const HOLD_CODES = [
  'unreadable',
  'too-large',
  'no-match',
  'several-matches',
  'conference-closed',
  'sender-not-invited',
  'several-senders',
  'authentication-failed',
  'not-authenticated',
  'risky-attachment',
  /** Automatic mail (an out-of-office, a bounce) that carries something that could be a report. */
  'automatic-with-attachment',
] as const;
export type HoldCode = (typeof HOLD_CODES)[number];

/** Why a message waits for a person, in words a coordinator can act on. No content, no names. */
export interface HoldReason {
  readonly code: HoldCode;
  readonly message: string;
}

export interface Contribution {
  readonly kind: ContributionKind;
  /** The agency whose report it is (policy agency id); null for the family's views. */
  readonly agency: string | null;
  /**
   * Whose report it is: the invited professional's (or social worker's) address, lower-cased.
   * Null for the family's views, and for a report a coordinator filed for an agency only.
   */
  readonly invitee: string | null;
  /** The family member's relationship (e.g. mother) for the family's views; null for reports. */
  readonly relationship: string | null;
  /** on-time: received by the report deadline (family views: before the conference started). */
  readonly timing: 'on-time' | 'late';
  /** The deadline it was measured against. */
  readonly due: Temporal.Instant;
}

export interface ReportEvent {
  readonly at: Temporal.Instant;
  /** The coordinator's address, or "service". */
  readonly by: string;
  readonly action: 'filed' | 'held' | 'dismissed' | 'acknowledged' | 'automatic' | 'redelivered';
  readonly reason: string | null;
}

/**
 * pending: to be sent (or its sending was interrupted: look in Sent before sending again).
 * sent: done. none: not to be sent (held, dismissed, or the sender is not someone to reply to).
 */
export interface Acknowledgement {
  readonly state: 'pending' | 'sent' | 'none';
  /** Our own Message-ID for it, so an uncertain send can be looked up in Sent instead of repeated. */
  readonly messageIdHeader: string;
  /** Attempts started; after the first, Sent is searched before sending again. */
  readonly attempts: number;
  readonly sentAt: Temporal.Instant | null;
  /**
   * Not to be sent before this time: a sender is acknowledged at most once an hour per
   * conference, so a report arriving within the hour of the last acknowledgement waits, and is
   * acknowledged together with any others from them in one email.
   */
  readonly notBefore: Temporal.Instant;
  /** The record whose acknowledgement email covers this one too (its own id when it leads). */
  readonly coveredBy: string | null;
}

/** What an automatic email was, as far as the service read it. No content, no names. */
export interface AutomaticMail {
  readonly rule: AutomaticRule;
  /** Which of the service's emails a bounce or receipt is about (an outbox kind, e.g. report-request), when it says. */
  readonly aboutMessage: string | null;
  /**
   * For a bounce or delay notice: each address it reports on, which invitee of the conference
   * that is ("police", "social worker"; null when none), its Action and Status (RFC 3464).
   */
  readonly undelivered: readonly {
    readonly address: string;
    readonly invitee: string | null;
    readonly action: string | null;
    readonly status: string | null;
  }[];
  /** For an answer to a calendar invitation: whose, what, and whether it was counted. */
  readonly answer: {
    readonly attendee: string;
    readonly answer: Rsvp;
    /** recorded: counted towards quorum. The others say why not. */
    readonly counted: 'recorded' | 'outdated' | 'unknown-event' | 'not-the-guest' | 'not-recorded';
  } | null;
}

export interface ReportRecord {
  /** The mailbox's message id (Gmail's), the document's key. */
  readonly messageId: string;
  readonly state: ReportState;
  /** The conference it is filed against (or, when held, the one it most likely belongs to). */
  readonly conferenceId: string | null;
  readonly reference: string | null;
  readonly contribution: Contribution | null;
  readonly matchedBy: MatchRule | null;
  /** The sender's address and display name as the From header gave them. */
  readonly sender: { readonly address: string; readonly name: string } | null;
  /** When the mailbox received it (not the sender's Date header, which anyone can set). */
  readonly receivedAt: Temporal.Instant;
  readonly attachments: readonly AttachmentFacts[];
  readonly authentication: AuthenticationVerdicts | null;
  readonly messageIdHeader: string | null;
  /** Bytes, as read (or as the mailbox reported for a message too large to read). */
  readonly size: number;
  /** Opens the email in the mailbox. */
  readonly link: string;
  /** Why it waits for a coordinator; empty unless held (kept after filing, for the record). */
  readonly holdReasons: readonly HoldReason[];
  /**
   * The subject, kept only while held so a coordinator can recognise it; it may name a child,
   * so it is never logged and is cleared when the message is filed or dismissed.
   */
  readonly heldSubject: string | null;
  /** References the email could belong to, for the coordinator choosing one. */
  readonly candidates: readonly string[];
  /** An earlier filed email with the same sender and the same attachments (sent twice). */
  readonly duplicateOf: string | null;
  /** The record of the first delivery, when this is the same email delivered again. */
  readonly redeliveryOf: string | null;
  /** What the automatic email was; null unless the state is (or was) automatic. */
  readonly automatic: AutomaticMail | null;
  readonly acknowledgement: Acknowledgement;
  /** Whether the mailbox's labels show its state yet (labelsFor); false until they are applied. */
  readonly labelled: boolean;
  /**
   * Outstanding labels or acknowledgement are left to whoever is doing them until this time; after
   * it, the reconcile takes them up (so it never races the step that is still sending).
   */
  readonly nextFollowUp: Temporal.Instant;
  readonly history: readonly ReportEvent[];
  readonly revision: number;
}

export const HELD_LABEL = 'Conferences/Held';
export const DISMISSED_LABEL = 'Conferences/Dismissed';
export const AUTOMATIC_LABEL = 'Conferences/Automatic';
export const REDELIVERED_LABEL = 'Conferences/Delivered twice';

export function conferenceLabel(reference: string): string {
  return `Conferences/${reference}`;
}

/** The labels that show a record's state in the mailbox, so coordinators working in Gmail see it. */
export function labelsFor(report: Pick<ReportRecord, 'state' | 'reference'>): {
  readonly add: readonly string[];
  readonly remove: readonly string[];
} {
  switch (report.state) {
    case 'filed':
      return {
        add: report.reference === null ? [] : [conferenceLabel(report.reference)],
        remove: [HELD_LABEL],
      };
    case 'held':
      return { add: [HELD_LABEL], remove: [] };
    case 'dismissed':
      return { add: [DISMISSED_LABEL], remove: [HELD_LABEL] };
    case 'automatic':
      return { add: [AUTOMATIC_LABEL], remove: [] };
    case 'redelivered':
      // The first copy carries the decision; this one only says it is a copy.
      return { add: [REDELIVERED_LABEL], remove: [] };
  }
}
