// Which messages a conference owes people, from its stored timeline (the dates people were told)
// and, once the chair has recorded it, its outcome; and how the stored outbox must change to
// match. Pure: the same conference always plans the same entries, so booking, rescheduling,
// cancelling and the sweep can all re-plan without ever adding a copy.
import { Temporal } from 'temporal-polyfill';
import { workingCalendar } from '../calendar/working-days';
import type { Conference } from '../conference/conference';
import { attendeesOf, type Attendee } from '../outcome/outcome';
import type { OutcomeRecord } from '../outcome/outcome-record';
import type { Policy } from '../policy/schema';
import { atTime, parseClockTime } from '../time/local-time';
import type { ReminderKind } from '../timeline/reminders';
import {
  plannedId,
  OUTBOX_KINDS,
  recipientOf,
  versionOf,
  type OutboxEntry,
  type OutboxKind,
  type OutboxRecipient,
  type PlannedMessage,
} from './outbox-entry';

/** Kinds raised by events (the last report filed, a message failing), not by the plan. */
const EVENT_KINDS: ReadonlySet<OutboxKind> = new Set<OutboxKind>(['all-reports-in', 'delivery-failed']);

/** Kinds the plan makes. */
export const PLANNED_KINDS: ReadonlySet<OutboxKind> = new Set(
  OUTBOX_KINDS.filter((k) => !EVENT_KINDS.has(k)),
);

/** How long after its time a feedback request is still worth sending. */
const FEEDBACK_WINDOW_DAYS = 14;

export interface PlanContext {
  readonly policy: Policy;
  /** Where warnings for coordinators go. */
  readonly coordinator: string;
}

function fromAttendee(a: Attendee): OutboxRecipient | null {
  if (a.address === null) return null;
  return recipientOf(a.role === 'family' ? 'family' : a.role, a.address, a.agency, a.part);
}

function reminderAt(conference: Conference, kind: ReminderKind, audience?: string): Temporal.Instant[] {
  return conference.timeline.reminders
    .filter((r) => r.kind === kind && (audience === undefined || r.audience === audience))
    .map((r) => r.at.toInstant());
}

/** The invitations and reminders before the conference. */
function beforeConference(conference: Conference, ctx: PlanContext): PlannedMessage[] {
  const { timeline, invitees } = conference;
  const start = timeline.start.toInstant();
  const reportDue = timeline.reportDue.toInstant();
  // Requests and invitations go as soon as the booking is complete, and again (a new version)
  // when what they say changes; they are never dropped for being "late".
  const booked = conference.history.find((h) => h.status === 'booked')?.at ?? conference.createdAt;
  const professionals: OutboxRecipient[] = [
    recipientOf('social-worker', invitees.socialWorker.email, ctx.policy.socialCareAgency, null),
    ...invitees.professionals.map((p) => recipientOf('professional', p.email, p.agency, null)),
  ];
  const family = invitees.family.flatMap((f) =>
    f.email === undefined ? [] : [recipientOf('family', f.email, null, f.part ?? 1)],
  );
  const arrival = (audience: 'family' | 'professionals', part: number): Temporal.Instant =>
    timeline.audiences.find((a) => a.audience === audience && a.part === part)?.arrive.toInstant() ?? start;
  const out: PlannedMessage[] = [];
  const add = (
    kind: OutboxKind,
    recipients: readonly OutboxRecipient[],
    dueAt: Temporal.Instant,
    expiresAt: Temporal.Instant | null,
    catchUp: boolean,
    version: (r: OutboxRecipient) => string,
  ): void => {
    for (const recipient of recipients) {
      out.push({ kind, recipient, version: version(recipient), dueAt, expiresAt, catchUp });
    }
  };
  const venue = conference.venue;
  const meet = conference.meet?.meetingUri ?? null;
  add('report-request', professionals, booked, start, true, () => versionOf(reportDue, start));
  add('professional-invitation', professionals, booked, start, true, () =>
    versionOf(arrival('professionals', 1), venue, meet),
  );
  for (const f of family) {
    add('family-invitation', [f], booked, arrival('family', f.part ?? 1), true, () =>
      versionOf(arrival('family', f.part ?? 1), venue, meet),
    );
  }
  for (const at of reminderAt(conference, 'report-reminder')) {
    add('report-reminder', professionals, at, reportDue, false, () => versionOf(at, reportDue));
  }
  for (const at of reminderAt(conference, 'report-overdue')) {
    add('report-overdue', professionals, at, start, false, () => versionOf(at, start));
  }
  const coordinator = recipientOf('coordinator', ctx.coordinator, null, null);
  for (const at of reminderAt(conference, 'quorum-check')) {
    add('quorum-check', [coordinator], at, start, false, () => versionOf(at, start));
  }
  for (const at of reminderAt(conference, 'day-before', 'professionals')) {
    add('day-before-professionals', professionals, at, start, false, () => versionOf(at, start, venue, meet));
  }
  for (const at of reminderAt(conference, 'day-before', 'family')) {
    for (const f of family) {
      const arrive = arrival('family', f.part ?? 1);
      add('day-before-family', [f], at, arrive, false, () => versionOf(at, arrive, venue, meet));
    }
  }
  return out;
}

/** One working day after `at`, at the same time of day: when an unsent record is chased. */
function nextWorkingDay(at: Temporal.Instant, policy: Policy): Temporal.Instant {
  const zoned = at.toZonedDateTimeISO(policy.timeZone);
  const day = workingCalendar(policy.nation).addWorkingDays(zoned.toPlainDate(), 1);
  return atTime(day, zoned.toPlainTime(), policy.timeZone).toInstant();
}

/** The drafts and follow-ups once the chair has recorded the outcome. */
function afterOutcome(conference: Conference, outcome: OutcomeRecord, ctx: PlanContext): PlannedMessage[] {
  const { policy } = ctx;
  const recorded = outcome.recordedAt;
  const version = versionOf(recorded);
  const chair = recipientOf('chair', conference.invitees.chair.email, null, null);
  const out: PlannedMessage[] = [
    {
      kind: 'record-and-decision',
      recipient: chair,
      version,
      dueAt: recorded,
      expiresAt: null,
      catchUp: true,
    },
    {
      kind: 'record-reminder',
      recipient: chair,
      version,
      dueAt: nextWorkingDay(recorded, policy),
      expiresAt: null,
      catchUp: true,
    },
  ];
  // One letter per part: separated parents each get their own, never the other's address.
  const parts = [...new Set(conference.invitees.family.map((f) => f.part ?? 1))].sort((a, b) => a - b);
  for (const part of parts) {
    out.push({
      kind: 'family-plan',
      recipient: { key: `part-${part}`, role: 'family', address: null, agency: null, part },
      version,
      dueAt: recorded,
      expiresAt: null,
      catchUp: true,
    });
  }
  const attendees = attendeesOf(conference, policy);
  const core = outcome.outcome.coreGroup;
  if (core !== undefined) {
    const first = atTime(
      core.firstMeeting,
      parseClockTime(policy.workingHours.start),
      policy.timeZone,
    ).toInstant();
    const members = new Map<string, OutboxRecipient>();
    for (const w of core.members) {
      const attendee = attendees.get(w);
      const recipient = attendee === undefined ? null : fromAttendee(attendee);
      if (recipient !== null) members.set(recipient.key, recipient);
    }
    for (const recipient of members.values()) {
      out.push({
        kind: 'core-group-invitation',
        recipient,
        version: versionOf(core.firstMeeting.toString()),
        dueAt: recorded,
        expiresAt: first,
        catchUp: true,
      });
    }
  }
  if (outcome.nextReview !== null) {
    const by = atTime(
      outcome.nextReview,
      parseClockTime(policy.workingHours.start),
      policy.timeZone,
    ).toInstant();
    out.push({
      kind: 'review-booking',
      recipient: recipientOf('coordinator', ctx.coordinator, null, null),
      version: versionOf(outcome.nextReview.toString()),
      dueAt: recorded,
      expiresAt: by,
      catchUp: true,
    });
  }
  return out;
}

function feedback(conference: Conference, outcome: OutcomeRecord | null, ctx: PlanContext): PlannedMessage[] {
  const attendees = attendeesOf(conference, ctx.policy);
  const professionals = [...new Set(attendees.values())].filter(
    (a) =>
      a.role !== 'family' &&
      (outcome === null || outcome.outcome.attended.some((w) => attendees.get(w) === a)),
  );
  return reminderAt(conference, 'feedback-request').flatMap((at) =>
    professionals.flatMap((a) => {
      const recipient = fromAttendee(a);
      return recipient === null
        ? []
        : [
            {
              kind: 'feedback-request' as const,
              recipient,
              version: versionOf(at),
              dueAt: at,
              expiresAt: at.add({ hours: 24 * FEEDBACK_WINDOW_DAYS }),
              catchUp: false,
            },
          ];
    }),
  );
}

/** Every message the conference owes now. A conference still being booked, or cancelled, owes none. */
export function planMessages(
  conference: Conference,
  outcome: OutcomeRecord | null,
  ctx: PlanContext,
): PlannedMessage[] {
  if (conference.status === 'booking' || conference.status === 'cancelled') return [];
  return [
    ...beforeConference(conference, ctx),
    ...feedback(conference, outcome, ctx),
    ...(outcome === null ? [] : afterOutcome(conference, outcome, ctx)),
  ];
}

export interface PlanChanges {
  /** New entries, each with the earlier version to the same person it replaces, if any. */
  readonly create: readonly { readonly planned: PlannedMessage; readonly replaces: string | null }[];
  readonly move: readonly {
    readonly id: string;
    readonly dueAt: Temporal.Instant;
    readonly expiresAt: Temporal.Instant | null;
  }[];
  readonly cancel: readonly { readonly id: string; readonly reason: string }[];
}

/**
 * How the stored entries must change to match the plan: create what is missing (a reminder whose
 * time has already passed is not created late), move pending entries whose time changed, and
 * withdraw pending entries the plan no longer has. Sent, skipped and failed entries are history.
 */
export function planChanges(
  conference: Conference,
  planned: readonly PlannedMessage[],
  stored: readonly OutboxEntry[],
  now: Temporal.Instant,
): PlanChanges {
  const byId = new Map(stored.map((e) => [e.id, e]));
  const wanted = new Set<string>();
  const create: { planned: PlannedMessage; replaces: string | null }[] = [];
  const move: { id: string; dueAt: Temporal.Instant; expiresAt: Temporal.Instant | null }[] = [];
  for (const p of planned) {
    const id = plannedId(conference.id, p);
    if (wanted.has(id)) continue;
    wanted.add(id);
    const existing = byId.get(id);
    if (existing === undefined) {
      const expired = p.expiresAt !== null && Temporal.Instant.compare(p.expiresAt, now) <= 0;
      const late = !p.catchUp && Temporal.Instant.compare(p.dueAt, now) < 0;
      const earlier = stored.find(
        (e) => e.kind === p.kind && e.recipient.key === p.recipient.key && e.state !== 'cancelled',
      );
      if (!expired && !late) create.push({ planned: p, replaces: earlier?.id ?? null });
    } else if (
      existing.state === 'pending' &&
      (!existing.dueAt.equals(p.dueAt) ||
        (existing.expiresAt?.toString() ?? null) !== (p.expiresAt?.toString() ?? null))
    ) {
      move.push({ id, dueAt: p.dueAt, expiresAt: p.expiresAt });
    }
  }
  const reason = conference.status === 'cancelled' ? 'conference-cancelled' : 'replanned';
  const cancel = stored
    .filter(
      (e) =>
        e.state === 'pending' && PLANNED_KINDS.has(e.kind) && e.requestedBy === null && !wanted.has(e.id),
    )
    .map((e) => ({ id: e.id, reason }));
  // Event-raised messages (all reports in) and ones a coordinator asked for go when a conference
  // is cancelled, too.
  if (conference.status === 'cancelled') {
    for (const e of stored) {
      if (e.state === 'pending' && (e.kind === 'all-reports-in' || e.requestedBy !== null)) {
        cancel.push({ id: e.id, reason });
      }
    }
  }
  return { create, move, cancel };
}
