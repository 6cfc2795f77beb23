// What the use cases need from the world. Adapters implement these; tests run the use cases
// against any adapter set (Firestore emulator, the strict Google fake, SMTP on loopback).
import type { Temporal } from 'temporal-polyfill';
import { AppError } from './domain/errors';
import type { PlannedEvent } from './domain/conference/calendar-plan';
import type { Conference, ConferenceStatus, MeetDetails } from './domain/conference/conference';
import type { EventDescriptionView } from './domain/conference/event-description-view';
import type { ReadOutcome } from './domain/intake/inbound-message';
import type { ReportRecord } from './domain/intake/report';
import type { OutboxEntry } from './domain/outbox/outbox-entry';
import type { PlanChanges } from './domain/outbox/plan-outbox';
import type { OutcomeRecord } from './domain/outcome/outcome-record';
import type { Rsvp } from './domain/quorum';

export interface Clock {
  now(): Temporal.Instant;
}

/** Random identifiers; a port so tests can force collisions. */
export interface IdSource {
  /** 20 base32hex characters (0-9, a-v), from a cryptographic source. */
  conferenceId(): string;
  /** A candidate reference, CPC- and four characters of REFERENCE_ALPHABET; the store checks it is free. */
  reference(): string;
}

export type AuditAction =
  | 'booking-started'
  | 'meet-created'
  | 'booked'
  | 'changed'
  | 'cancelled'
  | 'invitations-updated'
  | 'outcome-recorded'
  | 'record-sent';

/** Who changed what, when: kept with the conference for ever. */
export interface AuditEntry {
  readonly at: Temporal.Instant;
  /** The staff member's Workspace address, or "service" for the service's own steps. */
  readonly by: string;
  readonly action: AuditAction;
  /** Field paths changed, never their values. */
  readonly fields: readonly string[];
  readonly reason: string | null;
}

export interface BookingClaim {
  /** The client's idempotency key, scoped to the coordinator who sent it. */
  readonly idempotencyKey: string;
  /** A hash of the request, so a key reused for a different booking is refused, not answered wrongly. */
  readonly fingerprint: string;
}

export interface ConferenceQuery {
  /** Conferences starting at or after this instant... */
  readonly from: Temporal.Instant;
  /** ...and before this one. */
  readonly to: Temporal.Instant;
  readonly statuses: readonly ConferenceStatus[];
  /** Only conferences this address chairs. */
  readonly chair?: string;
  readonly limit: number;
}

export interface ConferenceStore {
  /**
   * Stores a new conference under a fresh unique reference, unless the claim's key already
   * made one: then returns that one (created: false). Atomic: the key, the reference and the
   * conference are written together or not at all.
   */
  create(
    conference: Omit<Conference, 'reference'>,
    claim: BookingClaim,
    audit: AuditEntry,
  ): Promise<{ conference: Conference; created: boolean }>;
  /** Replaces the conference if it is still at `expectedRevision`; throws ConflictError otherwise. */
  update(conference: Conference, expectedRevision: number, audit: AuditEntry): Promise<void>;
  get(id: string): Promise<Conference | undefined>;
  getByReference(reference: string): Promise<Conference | undefined>;
  getByEventId(eventId: string): Promise<Conference | undefined>;
  list(query: ConferenceQuery): Promise<Conference[]>;
  /** Conferences in `statuses` that invite `address` (any audience); at most `limit`. */
  inviting(address: string, statuses: readonly ConferenceStatus[], limit: number): Promise<Conference[]>;
  audit(id: string): Promise<AuditEntry[]>;
  /**
   * Adds an entry about something kept beside the conference (its outcome), not in it. Written
   * once per `key`: a retry that finds the entry there changes nothing.
   */
  appendAudit(id: string, key: string, entry: AuditEntry): Promise<void>;
}

/** One calendar event as the Calendar adapter is asked to make it. */
export interface EventSpec {
  readonly eventId: string;
  readonly conferenceId: string;
  readonly event: PlannedEvent;
  readonly description: string;
  readonly location: string | null;
  /** The meeting to attach; 'create' asks Calendar to make one (the policy's calendar option). */
  readonly meet: MeetDetails | { readonly create: string };
}

export interface ExistingEvent {
  readonly eventId: string;
  readonly cancelled: boolean;
  /** The conference id in the event's private extended properties; undefined when it is not ours. */
  readonly conferenceId: string | undefined;
  /** The Meet on it; 'pending' while Calendar is still creating one. */
  readonly meet: MeetDetails | 'pending' | null;
}

export interface CalendarGateway {
  /** Inserts the event into `owner`'s calendar and emails the guests; throws EventExistsError on a taken id. */
  insert(owner: string, spec: EventSpec): Promise<ExistingEvent>;
  get(owner: string, eventId: string): Promise<ExistingEvent | undefined>;
  /** Updates times, guests, description and meeting, emailing the guests; throws EventGoneError when deleted. */
  update(owner: string, spec: EventSpec): Promise<void>;
  /** Deletes the event, emailing the guests; 'gone' when it was already deleted or never made. */
  delete(owner: string, eventId: string): Promise<'deleted' | 'gone'>;
  /** Each guest's reply to the event's invitation; undefined when the event is gone. */
  replies(owner: string, eventId: string): Promise<ReadonlyMap<string, Rsvp> | undefined>;
}

export interface MeetGateway {
  /** A new meeting space hosted by `host`, where everyone not admitted must knock. */
  createSpace(host: string): Promise<MeetDetails>;
}

/** Writes each audience's event description from its template. */
export interface EventDescriptions {
  render(view: EventDescriptionView): string;
}

export interface Logger {
  /** Fields must not hold personal data: references, codes and counts only. */
  info(event: string, fields?: Record<string, string | number | boolean | null>): void;
  warn(event: string, fields?: Record<string, string | number | boolean | null>): void;
  error(event: string, fields?: Record<string, string | number | boolean | null>): void;
}

/** Calendar already has an event with that id (made by an earlier attempt, or deleted: ids stay taken). */
export class EventExistsError extends AppError {
  constructor(readonly eventId: string) {
    super('CALENDAR.EVENT_EXISTS', 'The calendar already has an event with this id', 409);
  }
}

/** The event was deleted (in Calendar, by a person or an earlier cancel) or never made. */
export class EventGoneError extends AppError {
  constructor(readonly eventId: string) {
    super('CALENDAR.EVENT_GONE', 'The calendar event no longer exists', 404);
  }
}

// ---- Report intake -------------------------------------------------------------------------

/** One message in the request inbox, read once. */
export interface MailboxMessage {
  readonly id: string;
  readonly labelIds: readonly string[];
  /** When the mailbox received it: what on time or late is measured by. */
  readonly receivedAt: Temporal.Instant;
  /** The mailbox's own estimate, known even when the message was too large to read. */
  readonly sizeEstimate: number | null;
  readonly outcome: ReadOutcome;
}

/** An email the service sends from the request inbox (acknowledgements, reminders, alerts). */
export interface OutgoingMail {
  readonly to: string;
  /** 'auto-replied' for an acknowledgement, 'auto-generated' for what the timeline sends (RFC 3834). */
  readonly autoSubmitted: 'auto-replied' | 'auto-generated';
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Our own Message-ID (with angle brackets), so an uncertain send can be looked up, not repeated. */
  readonly messageIdHeader: string;
  /** The Message-ID it answers, so it threads with the sender's email; null for none. */
  readonly inReplyTo: string | null;
  readonly replyTo: string | null;
}

export type MailboxChanges =
  | {
      readonly kind: 'changes';
      /** Messages added to the inbox since the cursor, oldest first, without repeats. */
      readonly messageIds: readonly string[];
      /** The mailbox's history id when read: the next cursor. */
      readonly historyId: string;
    }
  /** The mailbox no longer keeps history that far back: only a full re-read can catch up. */
  | { readonly kind: 'expired' };

/** The request inbox (Gmail, acting as the inbox through domain-wide delegation). */
export interface MailboxGateway {
  readonly address: string;
  changesSince(historyId: string): Promise<MailboxChanges>;
  currentHistoryId(): Promise<string>;
  /** Inbox messages received after `after`, oldest first, at most `limit` (complete: false when more exist). */
  receivedSince(
    after: Temporal.Instant,
    limit: number,
  ): Promise<{ readonly messageIds: readonly string[]; readonly complete: boolean }>;
  /** Reads one message, stopping at maxBytes; undefined when it no longer exists. */
  read(messageId: string, maxBytes: number): Promise<MailboxMessage | undefined>;
  /** Adds and removes labels by name, creating labels that do not exist yet. */
  relabel(messageId: string, add: readonly string[], remove: readonly string[]): Promise<void>;
  send(mail: OutgoingMail): Promise<{ readonly id: string }>;
  /** Whether Sent holds a message with this Message-ID (after a send whose outcome is unknown). */
  sentContains(messageIdHeader: string): Promise<boolean>;
  /** (Re-)arms push notifications of inbox changes. */
  watch(): Promise<{ readonly historyId: string; readonly expiresAt: Temporal.Instant }>;
  /** A link that opens the message in the mailbox, for coordinators. */
  link(messageId: string): string;
}

/** A guest's answer to an invitation (iTIP REPLY) that reached the report inbox by email. */
export interface EmailedReply {
  readonly uid: string;
  readonly sequence: number;
  /** Lower-cased; intake has checked the guest really sent it. */
  readonly attendee: string;
  readonly answer: Rsvp;
}

/** Where a guest's emailed answer is counted towards quorum, as one at the calendar owner's is. */
export interface InvitationReplies {
  /** 'unknown-event' for an event or guest not the service's; 'outdated' for an earlier version's. */
  record(reply: EmailedReply): Promise<'recorded' | 'outdated' | 'unknown-event'>;
}

export interface ReportStore {
  get(messageId: string): Promise<ReportRecord | undefined>;
  /** Which of these message ids already have a record. */
  existing(messageIds: readonly string[]): Promise<Set<string>>;
  /** Stores a new record; 'exists' (and nothing written) when the message already has one. */
  create(report: ReportRecord): Promise<'created' | 'exists'>;
  /** Replaces the record if still at `expectedRevision`; throws ConflictError otherwise. */
  update(report: ReportRecord, expectedRevision: number): Promise<void>;
  /** Filed records of one conference, oldest first. */
  filedFor(conferenceId: string): Promise<ReportRecord[]>;
  /** Filed records of several conferences at once, by conference id (each oldest first). */
  filedForEach(conferenceIds: readonly string[]): Promise<Map<string, ReportRecord[]>>;
  /**
   * Records of emails with this Message-ID header (without angle brackets), at most `limit`: how
   * a copy of a report in someone else's mailbox, whose Gmail id differs, finds its record.
   */
  withMessageIdHeader(header: string, limit: number): Promise<ReportRecord[]>;
  /** Held records, oldest first. */
  held(limit: number): Promise<ReportRecord[]>;
  /** How many records are held, counted without reading them. */
  heldCount(): Promise<number>;
  /** Automatic mail received at or after `since`, newest first, at most `limit`. */
  automaticSince(since: Temporal.Instant, limit: number): Promise<ReportRecord[]>;
  /** Records with an acknowledgement to send or labels to apply, left to the reconcile by `now`. */
  withFollowUps(now: Temporal.Instant, limit: number): Promise<ReportRecord[]>;
}

export interface MailboxState {
  readonly address: string;
  /** How far the service has read the mailbox's history (a decimal string: it can pass 2^53). */
  readonly historyId: string | null;
  readonly syncedAt: Temporal.Instant | null;
  readonly watchExpiresAt: Temporal.Instant | null;
  readonly watchRenewedAt: Temporal.Instant | null;
  /** The watch expiry the coordinator was last warned about, so they are told once per lapse. */
  readonly lapseWarnedFor: Temporal.Instant | null;
  readonly lastFullSync: {
    readonly at: Temporal.Instant;
    readonly reason: 'history-expired';
    readonly messages: number;
    readonly complete: boolean;
  } | null;
}

export type SyncClaim =
  | { readonly kind: 'claimed'; readonly state: MailboxState }
  /** Another sync holds the mailbox; it was told to look again when it finishes. */
  | { readonly kind: 'busy' }
  /** The notification's history id is already behind the cursor: nothing new. */
  | { readonly kind: 'stale' };

export interface MailboxStore {
  get(address: string): Promise<MailboxState | undefined>;
  /**
   * Takes the mailbox's sync lease (one sync at a time, so two never race over the same messages),
   * or records `hint` for the holder to pick up.
   */
  claimSync(
    address: string,
    holder: string,
    hint: string | null,
    now: Temporal.Instant,
    leaseMs: number,
  ): Promise<SyncClaim>;
  /**
   * Moves the cursor to `historyId` if that is forward (never back), notes the sync, releases the
   * lease, and says whether a newer notification arrived meanwhile.
   */
  finishSync(
    address: string,
    holder: string,
    progress: { readonly historyId: string; readonly fullSync?: MailboxState['lastFullSync'] },
    now: Temporal.Instant,
  ): Promise<{ readonly moreWaiting: boolean }>;
  /** Releases the lease without moving the cursor (the sync failed part-way). */
  abandonSync(address: string, holder: string): Promise<void>;
  recordWatch(
    address: string,
    watch: { readonly expiresAt: Temporal.Instant; readonly renewedAt: Temporal.Instant },
  ): Promise<void>;
  recordLapseWarning(address: string, expiresAt: Temporal.Instant): Promise<void>;
}

// ---- The outbox, outcomes and drafts ------------------------------------------------------

/** Sends the service's emails and can tell whether one with a given Message-ID already went. */
export interface Mailer {
  readonly address: string;
  send(mail: OutgoingMail): Promise<{ readonly id: string }>;
  sentContains(messageIdHeader: string): Promise<boolean>;
}

export interface DraftMail {
  readonly to: readonly string[];
  /** Recipients who must not see each other's addresses. */
  readonly bcc: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageIdHeader: string;
  readonly replyTo: string | null;
}

/** Drafts in a staff member's own mailbox (the chair's), made acting as them. */
export interface DraftGateway {
  /**
   * Creates the draft, unless `lookFirst` and a draft with this Message-ID is already there
   * (an earlier attempt whose answer was lost): then returns that one.
   */
  create(
    owner: string,
    mail: DraftMail,
    lookFirst: boolean,
  ): Promise<{ readonly draftId: string; readonly messageId: string }>;
  /** Opens the owner's drafts in Gmail. */
  link(owner: string): string;
}

export interface OutboxStore {
  get(id: string): Promise<OutboxEntry | undefined>;
  forConference(conferenceId: string): Promise<OutboxEntry[]>;
  /**
   * Re-plans one conference's entries in one transaction: `decide` sees them as stored then and
   * returns the changes, which are written with the conference marked planned at `revision` (if
   * it is still at that revision). Returns what was changed.
   */
  replan(
    conference: { readonly id: string; readonly reference: string; readonly revision: number },
    decide: (stored: readonly OutboxEntry[]) => PlanChanges,
    make: (change: PlanChanges['create'][number]) => OutboxEntry,
    now: Temporal.Instant,
  ): Promise<PlanChanges>;
  /** Adds an entry raised by an event (all reports in, a failure alert); 'exists' when it is there. */
  add(entry: OutboxEntry): Promise<'created' | 'exists'>;
  /** Open entries whose time has come (due, backed off, or a lease that ran out), oldest first. */
  due(now: Temporal.Instant, limit: number): Promise<OutboxEntry[]>;
  /** Takes the entry for `holder` until `leaseUntil` if it is still due; undefined when another took it. */
  claim(
    id: string,
    holder: string,
    now: Temporal.Instant,
    leaseUntil: Temporal.Instant,
  ): Promise<OutboxEntry | undefined>;
  /**
   * Writes what became of a claimed entry. Refused (false) when another holder took it meanwhile,
   * except that a sent result is always kept, so it cannot be sent again.
   */
  finish(entry: OutboxEntry, holder: string): Promise<boolean>;
  /** Conferences changed since their outbox was last planned. */
  stalePlans(limit: number): Promise<string[]>;
}

export interface OutcomeStore {
  get(conferenceId: string): Promise<OutcomeRecord | undefined>;
  create(record: OutcomeRecord): Promise<'created' | 'exists'>;
  update(record: OutcomeRecord, expectedRevision: number): Promise<void>;
}

// ---- Without Google: SMTP and iCalendar ---------------------------------------------------

/** An iCalendar invitation sent by email (iMIP, RFC 6047): one guest, one event. */
export interface InvitationMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** REQUEST for a new or changed event, CANCEL when the guest is no longer invited or it is gone. */
  readonly method: 'REQUEST' | 'CANCEL';
  /** The whole VCALENDAR object (RFC 5545), with its METHOD matching `method`. */
  readonly ics: string;
  readonly messageIdHeader: string;
}

/** Sends invitations from the calendar owner's address (the organizer in every invitation). */
export interface InvitationSender {
  readonly address: string;
  sendInvitation(mail: InvitationMail): Promise<void>;
}

/**
 * The Message-IDs an SMTP relay accepted. SMTP cannot be asked what it sent, so this log stands in
 * for Gmail's Sent folder: a send whose answer was lost after the relay accepted it is found here
 * and not repeated; one lost before that is sent again (a repeat is better than a lost reminder).
 */
export interface SentLog {
  record(messageIdHeader: string, at: Temporal.Instant): Promise<void>;
  contains(messageIdHeader: string): Promise<boolean>;
}
