// Converts a Conference to the Firestore document that stores it and back, checking what is
// read so a document changed by hand or by another version fails loudly, naming each bad field.
import { Timestamp } from '@google-cloud/firestore';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { censusFields } from '../../domain/conference/census';
import { CONFERENCE_TYPES } from '../../domain/conference/conference-type';
import type { Conference, ConferenceStatus } from '../../domain/conference/conference';
import { AppError, type Problem } from '../../domain/errors';
import type { Audience, Timeline } from '../../domain/timeline/plan-timeline';
import type { ReminderAudience, ReminderKind } from '../../domain/timeline/reminders';
import type { TimelineRequest } from '../../domain/timeline/timeline-request';
import { isTimeZone, parseLocalDate, parseLocalDateTime } from '../../domain/time/local-time';
import { formatPath } from '../../domain/validation/zod-problems';

export const CONFERENCE_SCHEMA_VERSION = 1;

/** A stored conference that cannot be read back. Lists field paths only: stored values may be personal data. */
export class StoredConferenceError extends AppError {
  constructor(
    readonly documentId: string,
    readonly problems: readonly Problem[],
  ) {
    super(
      'CONFERENCE.STORED_DATA_INVALID',
      `The stored conference document "${documentId}" does not have the shape this version of Conference Desk ` +
        `writes (${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}). It was changed outside the ` +
        'service or by another version: restore it from a backup or correct those fields.',
      500,
    );
  }
}

/** A zod enum from a record, so the compiler checks that every member of the union is listed. */
function members<T extends string>(all: Record<T, true>) {
  const values = Object.keys(all) as T[];
  return z.custom<T>((v) => typeof v === 'string' && (values as string[]).includes(v), {
    error: `must be one of ${values.join(', ')}`,
  });
}

const timestamp = z.custom<Timestamp>((v) => v instanceof Timestamp, { error: 'must be a Timestamp' });
const localDate = z
  .string({ error: 'must be a date string' })
  .refine((s) => typeof parseLocalDate(s) !== 'string', { error: 'must be a real date written YYYY-MM-DD' });
const localDateTime = z
  .string({ error: 'must be a date-time string' })
  .refine((s) => typeof parseLocalDateTime(s) !== 'string', {
    error: 'must be a real date and time written YYYY-MM-DDTHH:mm',
  });
const timeZone = z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/London' });

const status = members<ConferenceStatus>({ draft: true, booked: true, cancelled: true, held: true });
const audience = members<Audience>({ chair: true, family: true, professionals: true });
const reminderKind = members<ReminderKind>({
  'report-reminder': true,
  'report-overdue': true,
  'quorum-check': true,
  'day-before': true,
  'record-due': true,
  'feedback-request': true,
});
const reminderAudience = members<ReminderAudience>({
  professionals: true,
  family: true,
  coordinator: true,
  chair: true,
  attendees: true,
});

// Children in Need census field names, so a census return can be read straight off the store.
const censusSchema = z.object({
  S47ActualStartDate: localDate.optional(),
  InitialCPCtarget: localDate.optional(),
  DateOfInitialCPC: localDate.optional(),
  CPPreviewDate: localDate.optional(),
});

const timelineSchema = z.object({
  audiences: z.array(z.object({ audience, part: z.int().min(1), arrive: timestamp, end: timestamp })),
  reportDue: timestamp,
  familyShareDue: timestamp.nullable(),
  timescale: z.object({ latest: localDate, within: z.boolean(), basis: z.string() }).nullable(),
  recordDue: localDate,
  outcomeToChildDue: localDate,
  coreGroupDue: localDate.nullable(),
  nextReviewDue: localDate,
  reminders: z.array(z.object({ kind: reminderKind, audience: reminderAudience, at: timestamp })),
  warnings: z.array(z.string()),
});

const documentSchema = z.object({
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
    .array(z.object({ durationMinutes: z.int().min(1).nullable(), familyAttends: z.boolean().nullable() }))
    .nullable(),
  timeline: timelineSchema,
  census: censusSchema,
  outsideTimescaleReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** The Firestore document for one conference. */
export type ConferenceDocument = z.output<typeof documentSchema>;

// Messages for stored data never quote the value: it may be a child's details typed in the wrong place.
const storedMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      if (issue.expected === 'array') return 'must be a list';
      if (issue.expected === 'object') return 'must be a map';
      if (issue.expected === 'int') return 'must be a whole number';
      return `must be a ${issue.expected}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`;
    default:
      return 'is not valid';
  }
};

const toTimestamp = (instant: Temporal.Instant): Timestamp => Timestamp.fromInstant(instant);
const toInstant = (timestamp: Timestamp): Temporal.Instant =>
  Temporal.Instant.fromEpochNanoseconds(
    BigInt(timestamp.seconds) * 1_000_000_000n + BigInt(timestamp.nanoseconds),
  );
const day = (text: string): Temporal.PlainDate => Temporal.PlainDate.from(text);
const orNull = <A, B>(value: A | null, convert: (a: A) => B): B | null =>
  value === null ? null : convert(value);

export function encodeConference(conference: Conference): ConferenceDocument {
  const { request, timeline } = conference;
  const zoned = (value: Temporal.ZonedDateTime): Timestamp => toTimestamp(value.toInstant());
  const date = (value: Temporal.PlainDate | undefined | null): string | null => value?.toString() ?? null;
  return {
    schemaVersion: CONFERENCE_SCHEMA_VERSION,
    reference: conference.reference,
    status: conference.status,
    policyId: timeline.policyId,
    type: request.type,
    timeZone: timeline.start.timeZoneId,
    start: zoned(timeline.start),
    startLocal: request.start.toString({ smallestUnit: 'minute' }),
    end: zoned(timeline.end),
    strategyDiscussion: date(request.strategyDiscussion),
    previousConference: date(request.previousConference),
    expectedBirth: date(request.expectedBirth),
    transferNotified: date(request.transferNotified),
    firstReview: request.firstReview ?? null,
    parts:
      request.parts?.map((p) => ({
        durationMinutes: p.durationMinutes ?? null,
        familyAttends: p.familyAttends ?? null,
      })) ?? null,
    timeline: {
      audiences: timeline.audiences.map((a) => ({
        audience: a.audience,
        part: a.part,
        arrive: zoned(a.arrive),
        end: zoned(a.end),
      })),
      reportDue: zoned(timeline.reportDue),
      familyShareDue: orNull(timeline.familyShareDue, zoned),
      timescale: orNull(timeline.timescale, (s) => ({
        latest: s.latest.toString(),
        within: s.within,
        basis: s.basis,
      })),
      recordDue: timeline.recordDue.toString(),
      outcomeToChildDue: timeline.outcomeToChildDue.toString(),
      coreGroupDue: date(timeline.coreGroupDue),
      nextReviewDue: timeline.nextReviewDue.toString(),
      reminders: timeline.reminders.map((r) => ({ kind: r.kind, audience: r.audience, at: zoned(r.at) })),
      warnings: [...timeline.warnings],
    },
    census: censusFields(request, timeline.start.toPlainDate()),
    outsideTimescaleReason: conference.outsideTimescaleReason,
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
      return part;
    });
  }
  return request;
}

/** The conference stored as `data` under `id`; throws StoredConferenceError when it does not match. */
export function decodeConference(id: string, data: unknown): Conference {
  const parsed = documentSchema.safeParse(data, { error: storedMessages });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      field: formatPath(i.path) || '(whole document)',
      message: i.message,
    }));
    throw new StoredConferenceError(id, problems);
  }
  const doc = parsed.data;
  const t = doc.timeline;
  // Instants come back in the zone they were planned in, so wall times read as people were told them.
  const zoned = (value: Timestamp): Temporal.ZonedDateTime =>
    toInstant(value).toZonedDateTimeISO(doc.timeZone);
  const timeline: Timeline = {
    policyId: doc.policyId,
    type: doc.type,
    start: zoned(doc.start),
    end: zoned(doc.end),
    audiences: t.audiences.map((a) => ({ ...a, arrive: zoned(a.arrive), end: zoned(a.end) })),
    reportDue: zoned(t.reportDue),
    familyShareDue: orNull(t.familyShareDue, zoned),
    timescale: orNull(t.timescale, (s) => ({ ...s, latest: day(s.latest) })),
    recordDue: day(t.recordDue),
    outcomeToChildDue: day(t.outcomeToChildDue),
    coreGroupDue: orNull(t.coreGroupDue, day),
    nextReviewDue: day(t.nextReviewDue),
    reminders: t.reminders.map((r) => ({ ...r, at: zoned(r.at) })),
    warnings: t.warnings,
  };
  return {
    id,
    reference: doc.reference,
    status: doc.status,
    request: decodeRequest(doc),
    timeline,
    outsideTimescaleReason: doc.outsideTimescaleReason,
    createdBy: doc.createdBy,
    createdAt: toInstant(doc.createdAt),
    updatedAt: toInstant(doc.updatedAt),
  };
}
