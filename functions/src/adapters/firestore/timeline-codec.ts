// The stored form of a conference's timeline: instants as Timestamps (so Firestore can sort and
// query them), dates as YYYY-MM-DD strings, read back in the zone the conference was planned in.
import type { Timestamp } from '@google-cloud/firestore';
import type { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Audience, Timeline } from '../../domain/timeline/plan-timeline';
import type { ReminderAudience, ReminderKind } from '../../domain/timeline/reminders';
import { day, localDate, members, orNull, timestamp, toInstant, toTimestamp } from './stored-fields';

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

export const timelineSchema = z.object({
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

export type TimelineDocument = z.output<typeof timelineSchema>;

const zoned = (value: Temporal.ZonedDateTime): Timestamp => toTimestamp(value.toInstant());

export function encodeTimeline(timeline: Timeline): TimelineDocument {
  return {
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
    coreGroupDue: timeline.coreGroupDue?.toString() ?? null,
    nextReviewDue: timeline.nextReviewDue.toString(),
    reminders: timeline.reminders.map((r) => ({ kind: r.kind, audience: r.audience, at: zoned(r.at) })),
    warnings: [...timeline.warnings],
  };
}

export interface TimelineHeader {
  readonly policyId: string;
  readonly type: Timeline['type'];
  readonly timeZone: string;
  readonly start: Timestamp;
  readonly end: Timestamp;
}

/** The timeline, with instants back in the zone they were planned in, so wall times read as people were told them. */
export function decodeTimeline(header: TimelineHeader, t: TimelineDocument): Timeline {
  const inZone = (value: Timestamp): Temporal.ZonedDateTime =>
    toInstant(value).toZonedDateTimeISO(header.timeZone);
  return {
    policyId: header.policyId,
    type: header.type,
    start: inZone(header.start),
    end: inZone(header.end),
    audiences: t.audiences.map((a) => ({ ...a, arrive: inZone(a.arrive), end: inZone(a.end) })),
    reportDue: inZone(t.reportDue),
    familyShareDue: orNull(t.familyShareDue, inZone),
    timescale: orNull(t.timescale, (s) => ({ ...s, latest: day(s.latest) })),
    recordDue: day(t.recordDue),
    outcomeToChildDue: day(t.outcomeToChildDue),
    coreGroupDue: orNull(t.coreGroupDue, day),
    nextReviewDue: day(t.nextReviewDue),
    reminders: t.reminders.map((r) => ({ ...r, at: inZone(r.at) })),
    warnings: t.warnings,
  };
}
