// Converts a Conference to the Firestore document that stores it and back, checking what is
// read so a document changed by hand or by another version fails loudly, naming each bad field.
// A few fields are copies kept only so Firestore can query them (eventIds, chairEmail, invited).
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { FamilyMember, Invitees, Professional } from '../../domain/conference/booking-request';
import type { PlannedEventKey } from '../../domain/conference/calendar-plan';
import { censusFields } from '../../domain/conference/census';
import { CONFERENCE_TYPES } from '../../domain/conference/conference-type';
import type { Conference, ConferenceStatus } from '../../domain/conference/conference';
import type { TimelineRequest } from '../../domain/timeline/timeline-request';
import {
  clockTime,
  day,
  localDate,
  localDateTime,
  members,
  parseStored,
  timeZone,
  timestamp,
  toInstant,
  toTimestamp,
} from './stored-fields';
import { decodeTimeline, encodeTimeline, timelineSchema } from './timeline-codec';

export { StoredConferenceError } from './stored-fields';

export const CONFERENCE_SCHEMA_VERSION = 1;

const status = members<ConferenceStatus>({ booking: true, booked: true, cancelled: true, held: true });
const eventKey = z.string().regex(/^(family|professionals)-[1-9]$/, { error: 'must be an event key' });

// Children in Need census field names, so a census return can be read straight off the store.
const censusSchema = z.object({
  S47ActualStartDate: localDate.optional(),
  InitialCPCtarget: localDate.optional(),
  DateOfInitialCPC: localDate.optional(),
  CPPreviewDate: localDate.optional(),
});

const inviteesSchema = z.object({
  chair: z.object({ email: z.string().min(3) }),
  socialWorker: z.object({ email: z.string().min(3), name: z.string().nullable() }),
  professionals: z.array(
    z.object({
      email: z.string().min(3),
      agency: z.string().min(1),
      name: z.string().nullable(),
      role: z.string().nullable(),
    }),
  ),
  family: z.array(
    z.object({
      email: z.string().nullable(),
      relationship: z.string().min(1),
      part: z.int().min(1).nullable(),
    }),
  ),
});

const documentSchema = z.object({
  /**
   * Set by every write of the conference, cleared once the outbox matches this revision: a
   * change whose re-plan was interrupted is found and finished by the next sweep.
   */
  outboxStale: z.boolean().optional(),
  schemaVersion: z.literal(CONFERENCE_SCHEMA_VERSION),
  reference: z.string().min(1),
  status,
  policyId: z.string().min(1),
  type: z.enum(CONFERENCE_TYPES),
  timeZone,
  start: timestamp,
  startLocal: localDateTime,
  end: timestamp,
  strategyDiscussion: localDate.nullable(),
  previousConference: localDate.nullable(),
  expectedBirth: localDate.nullable(),
  transferNotified: localDate.nullable(),
  firstReview: z.boolean().nullable(),
  parts: z
    .array(
      z.object({
        durationMinutes: z.int().min(1).nullable(),
        familyAttends: z.boolean().nullable(),
        start: clockTime.nullable(),
        professionalsArrive: clockTime.nullable(),
      }),
    )
    .nullable(),
  timeline: timelineSchema,
  census: censusSchema,
  invitees: inviteesSchema,
  children: z.array(z.object({ caseReference: z.string().min(1) })),
  venue: z.string().nullable(),
  outsideTimescaleReason: z.string().nullable(),
  nonWorkingDayConfirmed: z.boolean(),
  calendarOwner: z.string().min(3),
  meet: z
    .object({
      space: z.string().nullable(),
      meetingCode: z.string().min(1),
      meetingUri: z.string().min(1),
      host: z.string().min(3),
    })
    .nullable(),
  events: z.array(
    z.object({ key: eventKey, eventId: z.string().min(5), state: z.enum(['created', 'deleted']) }),
  ),
  eventIds: z.array(z.string()),
  // Missing on conferences stored before answers could be emailed to the report inbox.
  emailedAnswers: z
    .array(
      z.object({
        eventId: z.string(),
        attendee: z.string(),
        answer: z.enum(['accepted', 'tentative', 'needs-action', 'declined']),
        sequence: z.int().min(0),
      }),
    )
    .default([]),
  chairEmail: z.string(),
  invited: z.array(z.string()),
  history: z.array(z.object({ status, at: timestamp, by: z.string().min(1), reason: z.string().nullable() })),
  revision: z.int().min(0),
  createdBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** The Firestore document for one conference. */
export type ConferenceDocument = z.output<typeof documentSchema>;

/** Every address invited, for finding a conference by its attendee (report intake). */
export function invitedAddresses(invitees: Invitees): string[] {
  const all = [
    invitees.chair.email,
    invitees.socialWorker.email,
    ...invitees.professionals.map((p) => p.email),
    ...invitees.family.flatMap((f) => (f.email === undefined ? [] : [f.email])),
  ];
  return [...new Set(all)];
}

function encodeInvitees(invitees: Invitees): ConferenceDocument['invitees'] {
  return {
    chair: { email: invitees.chair.email },
    socialWorker: { email: invitees.socialWorker.email, name: invitees.socialWorker.name ?? null },
    professionals: invitees.professionals.map((p) => ({
      email: p.email,
      agency: p.agency,
      name: p.name ?? null,
      role: p.role ?? null,
    })),
    family: invitees.family.map((f) => ({
      email: f.email ?? null,
      relationship: f.relationship,
      part: f.part ?? null,
    })),
  };
}

export function encodeConference(conference: Conference): ConferenceDocument {
  const { request, timeline } = conference;
  const date = (value: Temporal.PlainDate | undefined): string | null => value?.toString() ?? null;
  const clock = (value: Temporal.PlainTime | undefined): string | null =>
    value?.toString({ smallestUnit: 'minute' }) ?? null;
  return {
    schemaVersion: CONFERENCE_SCHEMA_VERSION,
    reference: conference.reference,
    status: conference.status,
    policyId: timeline.policyId,
    type: request.type,
    timeZone: timeline.start.timeZoneId,
    start: toTimestamp(timeline.start.toInstant()),
    startLocal: request.start.toString({ smallestUnit: 'minute' }),
    end: toTimestamp(timeline.end.toInstant()),
    strategyDiscussion: date(request.strategyDiscussion),
    previousConference: date(request.previousConference),
    expectedBirth: date(request.expectedBirth),
    transferNotified: date(request.transferNotified),
    firstReview: request.firstReview ?? null,
    parts:
      request.parts?.map((p) => ({
        durationMinutes: p.durationMinutes ?? null,
        familyAttends: p.familyAttends ?? null,
        start: clock(p.start),
        professionalsArrive: clock(p.professionalsArrive),
      })) ?? null,
    timeline: encodeTimeline(timeline),
    census: censusFields(request, timeline.start.toPlainDate()),
    invitees: encodeInvitees(conference.invitees),
    children: conference.children.map((c) => ({ caseReference: c.caseReference })),
    venue: conference.venue,
    outsideTimescaleReason: conference.outsideTimescaleReason,
    nonWorkingDayConfirmed: conference.nonWorkingDayConfirmed,
    calendarOwner: conference.calendarOwner,
    meet: conference.meet === null ? null : { ...conference.meet },
    events: conference.events.map((e) => ({ key: e.key, eventId: e.eventId, state: e.state })),
    eventIds: conference.events.map((e) => e.eventId),
    emailedAnswers: conference.emailedAnswers.map((a) => ({ ...a })),
    chairEmail: conference.invitees.chair.email,
    invited: invitedAddresses(conference.invitees),
    history: conference.history.map((h) => ({
      status: h.status,
      at: toTimestamp(h.at),
      by: h.by,
      reason: h.reason,
    })),
    revision: conference.revision,
    outboxStale: true,
    createdBy: conference.createdBy,
    createdAt: toTimestamp(conference.createdAt),
    updatedAt: toTimestamp(conference.updatedAt),
  };
}

function decodeRequest(doc: ConferenceDocument): TimelineRequest {
  // exactOptionalPropertyTypes: a field the coordinator left out is absent, not undefined.
  const request: TimelineRequest = { type: doc.type, start: Temporal.PlainDateTime.from(doc.startLocal) };
  if (doc.strategyDiscussion !== null) request.strategyDiscussion = day(doc.strategyDiscussion);
  if (doc.previousConference !== null) request.previousConference = day(doc.previousConference);
  if (doc.firstReview !== null) request.firstReview = doc.firstReview;
  if (doc.expectedBirth !== null) request.expectedBirth = day(doc.expectedBirth);
  if (doc.transferNotified !== null) request.transferNotified = day(doc.transferNotified);
  if (doc.parts !== null) {
    request.parts = doc.parts.map((stored) => {
      const part: NonNullable<TimelineRequest['parts']>[number] = {};
      if (stored.durationMinutes !== null) part.durationMinutes = stored.durationMinutes;
      if (stored.familyAttends !== null) part.familyAttends = stored.familyAttends;
      if (stored.start !== null) part.start = Temporal.PlainTime.from(stored.start);
      if (stored.professionalsArrive !== null) {
        part.professionalsArrive = Temporal.PlainTime.from(stored.professionalsArrive);
      }
      return part;
    });
  }
  return request;
}

function decodeInvitees(stored: ConferenceDocument['invitees']): Invitees {
  const socialWorker: Invitees['socialWorker'] =
    stored.socialWorker.name === null
      ? { email: stored.socialWorker.email }
      : { email: stored.socialWorker.email, name: stored.socialWorker.name };
  return {
    chair: { email: stored.chair.email },
    socialWorker,
    professionals: stored.professionals.map((p) => {
      const professional: Professional = { email: p.email, agency: p.agency };
      if (p.name !== null) professional.name = p.name;
      if (p.role !== null) professional.role = p.role;
      return professional;
    }),
    family: stored.family.map((f) => {
      const member: FamilyMember = { relationship: f.relationship };
      if (f.email !== null) member.email = f.email;
      if (f.part !== null) member.part = f.part;
      return member;
    }),
  };
}

/** The conference stored as `data` under `id`; throws StoredConferenceError when it does not match. */
export function decodeConference(id: string, data: unknown): Conference {
  const doc = parseStored(documentSchema, id, data);
  return {
    id,
    reference: doc.reference,
    status: doc.status,
    request: decodeRequest(doc),
    timeline: decodeTimeline(doc, doc.timeline),
    invitees: decodeInvitees(doc.invitees),
    children: doc.children,
    venue: doc.venue,
    outsideTimescaleReason: doc.outsideTimescaleReason,
    nonWorkingDayConfirmed: doc.nonWorkingDayConfirmed,
    calendarOwner: doc.calendarOwner,
    meet: doc.meet,
    events: doc.events.map((e) => ({ ...e, key: e.key as PlannedEventKey })),
    emailedAnswers: doc.emailedAnswers,
    history: doc.history.map((h) => ({ ...h, at: toInstant(h.at) })),
    revision: doc.revision,
    createdBy: doc.createdBy,
    createdAt: toInstant(doc.createdAt),
    updatedAt: toInstant(doc.updatedAt),
  };
}
