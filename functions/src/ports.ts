// What the use cases need from the world. Adapters implement these; tests run the use cases
// against any adapter set (Firestore emulator, the strict Google fake, SMTP on loopback).
import type { Temporal } from 'temporal-polyfill';
import { AppError } from './domain/errors';
import type { PlannedEvent } from './domain/conference/calendar-plan';
import type { Conference, ConferenceStatus, MeetDetails } from './domain/conference/conference';
import type { EventDescriptionView } from './domain/conference/event-description-view';

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
  'booking-started' | 'meet-created' | 'booked' | 'changed' | 'cancelled' | 'invitations-updated';

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
  audit(id: string): Promise<AuditEntry[]>;
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
