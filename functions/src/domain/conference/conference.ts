// A conference as the service keeps it: what the coordinator asked for, the timeline computed
// from the policy when it was booked (kept, because people were told those dates), who is
// invited, the calendar events and Meet made for it, and how its status changed.
// Names of the child and family never appear here: the reference and case numbers stand for them.
import type { Rsvp } from '../quorum';
import type { Temporal } from 'temporal-polyfill';
import type { Timeline } from '../timeline/plan-timeline';
import type { TimelineRequest } from '../timeline/timeline-request';
import type { Child, Invitees } from './booking-request';
import type { PlannedEventKey } from './calendar-plan';

/**
 * booking: stored, invitations not all sent yet (a retry with the same key completes it).
 * booked: every invitation is out. cancelled: every invitation withdrawn. held: it took place.
 */
export type ConferenceStatus = 'booking' | 'booked' | 'cancelled' | 'held';

/** Short references use letters and digits nobody confuses when reading them aloud (no 0/O, 1/I/L). */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_PATTERN = /^CPC-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/;

/** Conference ids are base32hex (Calendar's event id alphabet), so event ids can be derived from them. */
export const CONFERENCE_ID_PATTERN = /^[a-v0-9]{20}$/;

/** The one Meet space every audience joins, knocking to be let in. */
export interface MeetDetails {
  /** The Meet REST API's resource name (spaces/…); null when Calendar created the meeting. */
  readonly space: string | null;
  readonly meetingCode: string;
  readonly meetingUri: string;
  /** Who hosts it (admits people): the chair who was asked to create it. */
  readonly host: string;
}

/**
 * A guest's answer to an invitation that was emailed to the report inbox rather than to the
 * calendar's organiser, so Google Calendar never saw it; quorum counts it where Calendar shows
 * the guest as not having answered.
 */
export interface EmailedAnswer {
  readonly eventId: string;
  /** Lower-cased. */
  readonly attendee: string;
  readonly answer: Rsvp;
  /** The invitation's SEQUENCE it answers: an answer to an older version is replaced by a newer one. */
  readonly sequence: number;
}

/** A calendar event made (or to be made) for one audience of one part. */
export interface CalendarEventRecord {
  readonly key: PlannedEventKey;
  readonly eventId: string;
  /** created: Calendar has it. deleted: withdrawn (its id can never be used again). */
  readonly state: 'created' | 'deleted';
}

export interface StatusChange {
  readonly status: ConferenceStatus;
  readonly at: Temporal.Instant;
  /** The staff member's Workspace address. */
  readonly by: string;
  readonly reason: string | null;
}

export interface Conference {
  /** The store's id for the conference, base32hex. */
  readonly id: string;
  /** What people see and type, e.g. CPC-7F3K. */
  readonly reference: string;
  readonly status: ConferenceStatus;
  readonly request: TimelineRequest;
  readonly timeline: Timeline;
  readonly invitees: Invitees;
  readonly children: readonly Child[];
  readonly venue: string | null;
  /** Why a conference outside the statutory timescale was booked anyway; null when within it. */
  readonly outsideTimescaleReason: string | null;
  readonly nonWorkingDayConfirmed: boolean;
  /** The mailbox whose calendar holds the events (the unit's shared mailbox). */
  readonly calendarOwner: string;
  readonly meet: MeetDetails | null;
  /** Every event ever made for it, including withdrawn ones, whose ids stay taken. */
  readonly events: readonly CalendarEventRecord[];
  /** Guests' answers that reached the report inbox by email (see EmailedAnswer). */
  readonly emailedAnswers: readonly EmailedAnswer[];
  readonly history: readonly StatusChange[];
  /** Bumped on every change, so two people editing at once cannot overwrite each other. */
  readonly revision: number;
  /** The coordinator's Workspace address. */
  readonly createdBy: string;
  readonly createdAt: Temporal.Instant;
  readonly updatedAt: Temporal.Instant;
}
