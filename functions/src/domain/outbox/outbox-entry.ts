// One message the service owes someone: what, to whom, when, and what became of it. The id is
// fixed by (conference, kind, recipient, version), so planning the same conference twice finds the
// same entries instead of adding copies, and the Message-ID sent with it is made from the id, so a
// send whose answer was lost can be looked up in Sent rather than repeated.
import type { Temporal } from 'temporal-polyfill';
import type { MessageName } from '../messages/message-views';

export const OUTBOX_KINDS = [
  'report-request',
  'professional-invitation',
  'family-invitation',
  'report-reminder',
  'report-overdue',
  'quorum-check',
  'day-before-professionals',
  'day-before-family',
  'all-reports-in',
  'record-and-decision',
  'family-plan',
  'record-reminder',
  'core-group-invitation',
  'review-booking',
  'feedback-request',
  'delivery-failed',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** The template each kind is written from: a quorum check, when it warns, says quorum is at risk. */
export function messageOf(kind: OutboxKind): MessageName {
  return kind === 'quorum-check' ? 'quorum-at-risk' : kind;
}

/** Drafts go into the chair's own Gmail for them to check and send; everything else is sent. */
export function channelOf(kind: OutboxKind): 'send' | 'draft' {
  return kind === 'record-and-decision' || kind === 'family-plan' ? 'draft' : 'send';
}

export type RecipientRole = 'professional' | 'social-worker' | 'family' | 'chair' | 'coordinator';

export interface OutboxRecipient {
  /** Stable within the conference: a hash of the address, or e.g. "part-2" for a family draft. */
  readonly key: string;
  readonly role: RecipientRole;
  /** Null for a family draft addressed at send time (or posted). */
  readonly address: string | null;
  readonly agency: string | null;
  readonly part: number | null;
}

/**
 * pending: waits for `wakeAt`. sending: claimed by a sweep until `wakeAt` (its lease); a sweep
 * that finds it past that assumes the holder died and checks Sent before sending again.
 * sent: done (`result` says where). skipped: no longer needed when its time came (a report
 * arrived, the conference moved). cancelled: withdrawn by a re-plan before its time. failed:
 * every attempt failed; the coordinator was told.
 */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'skipped' | 'cancelled' | 'failed';

export const OPEN_STATES: readonly OutboxState[] = ['pending', 'sending'];

export interface OutboxEntry {
  readonly id: string;
  readonly conferenceId: string;
  readonly reference: string;
  readonly kind: OutboxKind;
  readonly recipient: OutboxRecipient;
  /** Changes when what the message says changes (a new date), making a new entry. */
  readonly version: string;
  readonly dueAt: Temporal.Instant;
  /** After this it is pointless (a day-before note after the day): skipped, not sent late. */
  readonly expiresAt: Temporal.Instant | null;
  readonly state: OutboxState;
  /** When a sweep should next look at it; null once it is closed. */
  readonly wakeAt: Temporal.Instant | null;
  readonly attempts: number;
  /** The sweep holding it while `sending`. */
  readonly holder: string | null;
  /** Our own Message-ID, with angle brackets. */
  readonly messageIdHeader: string;
  /** The Gmail message (or draft) id once sent. */
  readonly result: { readonly providerId: string; readonly at: Temporal.Instant } | null;
  /** Why it was skipped, cancelled or failed: a code, never personal data. */
  readonly reason: string | null;
  /** For a delivery-failed alert: the entry that failed. */
  readonly about: string | null;
  /** The earlier version to the same person (a request re-sent after the conference moved). */
  readonly replaces: string | null;
  /**
   * The staff member who asked for it now (a coordinator's "send a reminder now"); null for what
   * the plan or an event raised. Such an entry is not the plan's to move or withdraw.
   */
  readonly requestedBy: string | null;
  readonly createdAt: Temporal.Instant;
  readonly updatedAt: Temporal.Instant;
}

/** A message the conference's state implies now, before it becomes (or matches) an entry. */
export interface PlannedMessage {
  readonly kind: OutboxKind;
  readonly recipient: OutboxRecipient;
  readonly version: string;
  readonly dueAt: Temporal.Instant;
  readonly expiresAt: Temporal.Instant | null;
  /** Still send it when planned after its time (a request), or drop it (a reminder already past). */
  readonly catchUp: boolean;
}

/** 64-bit FNV-1a as 16 hex digits: stable ids from addresses without putting them in ids. */
export function shortHash(...parts: readonly string[]): string {
  let hash = 0xcbf29ce484222325n;
  for (const char of parts.join('\u0000')) {
    hash ^= BigInt(char.codePointAt(0) ?? 0);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

export function recipientKey(address: string): string {
  return shortHash(address.toLowerCase());
}

/** A recipient with an address, keyed by it. */
export function recipientOf(
  role: RecipientRole,
  address: string,
  agency: string | null = null,
  part: number | null = null,
): OutboxRecipient {
  return { key: recipientKey(address), role, address, agency, part };
}

/** A version from the instants the message states: it changes exactly when they do. */
export function versionOf(...instants: readonly (Temporal.Instant | string | null)[]): string {
  return shortHash(...instants.map((i) => (i === null ? '-' : i.toString()))).slice(0, 8);
}

export function entryId(conferenceId: string, kind: OutboxKind, recipient: string, version: string): string {
  return `${conferenceId}-${kind}-${recipient}-${version}`;
}

export function plannedId(conferenceId: string, planned: PlannedMessage): string {
  return entryId(conferenceId, planned.kind, planned.recipient.key, planned.version);
}

/**
 * Which of the outbox's emails a Message-ID is, when it is one of ours (a bounce or a receipt
 * quotes the message it is about): its conference and kind. Null for anyone else's.
 */
export function outboxEmailOf(
  messageIdHeader: string,
): { readonly conferenceId: string; readonly kind: OutboxKind } | null {
  const id = /^<?([0-9a-v]{20})-([a-z-]+?)-[0-9a-f]{16}-[0-9a-f]{8}(?:-alert)?@/.exec(messageIdHeader.trim());
  const kind = OUTBOX_KINDS.find((k) => k === id?.[2]);
  return id?.[1] === undefined || kind === undefined ? null : { conferenceId: id[1], kind };
}

/** <id@domain>: ours, unique, and without anything personal in it. */
export function outboxMessageId(id: string, senderAddress: string): string {
  return `<${id}@${senderAddress.slice(senderAddress.lastIndexOf('@') + 1)}>`;
}

export function newEntry(
  conferenceId: string,
  reference: string,
  planned: PlannedMessage,
  senderAddress: string,
  now: Temporal.Instant,
  links: {
    readonly about?: string;
    readonly replaces?: string | null;
    readonly requestedBy?: string;
  } = {},
): OutboxEntry {
  const about = links.about ?? null;
  const id = about === null ? plannedId(conferenceId, planned) : `${about}-alert`;
  return {
    id,
    conferenceId,
    reference,
    kind: planned.kind,
    recipient: planned.recipient,
    version: planned.version,
    dueAt: planned.dueAt,
    expiresAt: planned.expiresAt,
    state: 'pending',
    wakeAt: planned.dueAt,
    attempts: 0,
    holder: null,
    messageIdHeader: outboxMessageId(id, senderAddress),
    result: null,
    reason: null,
    about,
    replaces: links.replaces ?? null,
    requestedBy: links.requestedBy ?? null,
    createdAt: now,
    updatedAt: now,
  };
}
