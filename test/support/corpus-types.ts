// The words the intake corpus's runner, its paths and its fate checks share: the conference a
// case runs against, one way into the service, and what a delivery came to.
import { Temporal } from 'temporal-polyfill';
import type { ReportRecord } from '../../functions/src/domain/intake/report';
import type { CorpusFate, INVITEES } from './intake-corpus';

export type Invitee = (typeof INVITEES)[number];
export type Person = Invitee | 'chair' | 'stranger';

/** A conference booked for one case, and what its variables are. */
export interface CaseConference {
  readonly reference: string;
  readonly people: Readonly<Record<Person, string>>;
  /** The agency of each invitee, as the conference was booked. */
  readonly agencies: Readonly<Record<Invitee, string | null>>;
  readonly eventUid: string;
  /** The Message-ID (with angle brackets) of what the service sent each invitee first. */
  readonly requestMessageIds: Readonly<Record<Invitee, string>>;
}

export type Delivery =
  { readonly kind: 'accepted'; readonly id: string } | { readonly kind: 'refused'; readonly code: number };

export interface DeliveryOptions {
  /** What the receiving server concludes of the sender. */
  readonly auth: 'pass' | 'fail' | 'none';
  /** The SMTP reverse-path ('' for the null one). */
  readonly envelopeFrom: string;
  /** The From address (the first, when there are several). */
  readonly from: string | null;
  readonly at: Temporal.Instant;
}

/** One way into the service, for the runner. */
export interface IntakePath {
  readonly name: 'gmail' | 'smtp';
  readonly inbox: string;
  readonly calendarOwner: string;
  /** Books a fresh conference at the suite's "now", with addresses of its own for case `index`. */
  book(index: number): Promise<CaseConference>;
  /** Delivers one message at `at` and waits until intake has taken it in. */
  deliver(raw: Buffer, options: DeliveryOptions): Promise<Delivery>;
  record(id: string): Promise<ReportRecord | undefined>;
  /** The acknowledgement emails the inbox has sent to `address`. */
  acknowledgementsTo(address: string): Promise<number>;
  /** Moves the clock to `at` and runs what the reconcile runs (follow-ups included). */
  reconcileAt(at: Temporal.Instant): Promise<void>;
  /** The conference card's report rows that are received, as sender addresses of what was filed. */
  received(reference: string): Promise<{ readonly rows: number; readonly received: readonly string[] }>;
  /** The guests counted as having accepted, declined or not answered the professionals' invitation. */
  replies(reference: string): Promise<ReadonlyMap<string, string>>;
}

/** When "on time", "late" and "after" are, for the conference every case books (7 December 2026). */
export const DELIVERY_TIMES = {
  'on-time': Temporal.Instant.from('2026-11-30T10:00:00Z'),
  late: Temporal.Instant.from('2026-12-05T10:00:00Z'),
  after: Temporal.Instant.from('2026-12-08T10:00:00Z'),
} as const;

export interface Delivered {
  readonly fate: CorpusFate;
  readonly delivery: Delivery;
  readonly messageId: string;
  readonly at: Temporal.Instant;
}
