// A conference's timeline from its policy: when each audience is invited for each part, when
// reports and the family's copies are due, whether the date is inside the statutory timescale,
// and what falls due after it. Pure: the same request and policy always give the same answer.
import { Temporal } from 'temporal-polyfill';
import { workingCalendar, type WorkingCalendar } from '../calendar/working-days';
import { startsAPlan, type ConferenceType } from '../conference/conference-type';
import { ValidationError, type Problem } from '../errors';
import type { Duration, Policy } from '../policy/schema';
import { parseClockTime, zonedOrProblem } from '../time/local-time';
import { problemMessages, toProblems } from '../validation/zod-problems';
import { beforeEvent, onWorkingDayOrEarlier, shiftDate, type DeadlineContext } from './deadlines';
import { planReminders, type Reminder } from './reminders';
import { crossFieldProblems, timelineRequestSchema, type TimelineRequest } from './timeline-request';
import { timescaleFor, type Timescale } from './timescale';

export type Audience = 'chair' | 'family' | 'professionals';

export interface AudienceSlot {
  readonly audience: Audience;
  /** 1-based part number. */
  readonly part: number;
  readonly arrive: Temporal.ZonedDateTime;
  readonly end: Temporal.ZonedDateTime;
}

export interface Timeline {
  readonly policyId: string;
  readonly type: ConferenceType;
  /** When everyone is first together. */
  readonly start: Temporal.ZonedDateTime;
  readonly end: Temporal.ZonedDateTime;
  readonly audiences: readonly AudienceSlot[];
  readonly reportDue: Temporal.ZonedDateTime;
  readonly familyShareDue: Temporal.ZonedDateTime | null;
  readonly timescale: Timescale | null;
  readonly recordDue: Temporal.PlainDate;
  readonly outcomeToChildDue: Temporal.PlainDate;
  readonly coreGroupDue: Temporal.PlainDate | null;
  readonly nextReviewDue: Temporal.PlainDate;
  readonly reminders: readonly Reminder[];
  /** Things the coordinator should see before booking, none of which stop the timeline. */
  readonly warnings: readonly string[];
}

export class TimelineError extends ValidationError {
  constructor(problems: readonly Problem[]) {
    super('TIMELINE.INVALID', problems, 'The conference cannot be planned');
  }
}

function isProblems(value: readonly AudienceSlot[] | readonly Problem[]): value is Problem[] {
  return value.some((item) => 'message' in item);
}

function dayName(date: Temporal.PlainDate): string {
  return date.toLocaleString('en-GB', { weekday: 'long' });
}

/** Parses and checks a request from outside (the CLI or the API); throws TimelineError listing every problem. */
export function parseTimelineRequest(input: unknown): TimelineRequest {
  const parsed = timelineRequestSchema.safeParse(input, { error: problemMessages, reportInput: true });
  if (!parsed.success) throw new TimelineError(toProblems(parsed.error));
  const problems = crossFieldProblems(parsed.data);
  if (problems.length > 0) throw new TimelineError(problems);
  return parsed.data;
}

export interface PlanOptions {
  /**
   * The coordinator has seen that the day is a weekend or bank holiday and books it anyway (an
   * emergency conference, say). Without it such a day is refused, naming the holiday.
   */
  readonly allowNonWorkingDay?: boolean;
}

function startOrProblems(
  request: TimelineRequest,
  policy: Policy,
  calendar: WorkingCalendar,
  options: PlanOptions,
): Temporal.ZonedDateTime | Problem[] {
  const date = request.start.toPlainDate();
  if (!calendar.isWorkingDay(date) && options.allowNonWorkingDay !== true) {
    const why = calendar.holidayOn(date) ?? `a ${dayName(date)}`;
    return [
      {
        field: 'start',
        message: `${date.toString()} is not a working day in ${policy.nation} (${why})`,
      },
    ];
  }
  const start = zonedOrProblem(request.start, policy.timeZone);
  return typeof start === 'string' ? [{ field: 'start', message: start }] : start;
}

const hhmm = (value: Temporal.ZonedDateTime): string =>
  value.toPlainTime().toString({ smallestUnit: 'minute' });

/** A wall-clock time on the conference's day, or a problem naming the field. */
function onTheDay(
  start: Temporal.ZonedDateTime,
  time: Temporal.PlainTime,
  field: string,
  problems: Problem[],
): Temporal.ZonedDateTime | undefined {
  const zoned = zonedOrProblem(start.toPlainDate().toPlainDateTime(time), start.timeZoneId);
  if (typeof zoned === 'string') {
    problems.push({ field, message: zoned });
    return undefined;
  }
  return zoned;
}

/**
 * Who is invited when, per part. Separated parts must not overlap: the second parent must not
 * arrive while the first is still in the meeting.
 */
function audienceSlots(
  request: TimelineRequest,
  policy: Policy,
  start: Temporal.ZonedDateTime,
): AudienceSlot[] | Problem[] {
  const familyLead = policy.arrival.family.minutesBeforeStart;
  const parts = request.parts ?? [{}];
  const slots: AudienceSlot[] = [];
  const problems: Problem[] = [];
  let together = start;
  let previousEnd: Temporal.ZonedDateTime | undefined;
  parts.forEach((part, index) => {
    const number = index + 1;
    const field = `parts[${index}]`;
    const familyAttends = part.familyAttends ?? true;
    if (part.start !== undefined) {
      if (index === 0) {
        if (!part.start.equals(start.toPlainTime())) {
          problems.push({
            field: `${field}.start`,
            message: `part 1 starts at the conference's start (${hhmm(start)}); change start instead`,
          });
        }
      } else {
        together = onTheDay(start, part.start, `${field}.start`, problems) ?? together;
      }
    }
    const end = together.add({ minutes: part.durationMinutes ?? policy.durationMinutes[request.type] });
    const familyArrive = together.subtract({ minutes: familyLead });
    // Professionals come early (to read, in Devon) only before the first part; for later parts
    // they are already there and rejoin when the next family member has met the chair.
    let professionalsArrive =
      number === 1
        ? together.subtract({ minutes: policy.arrival.professionals.minutesBeforeStart })
        : together;
    if (part.professionalsArrive !== undefined) {
      const chosen = onTheDay(start, part.professionalsArrive, `${field}.professionalsArrive`, problems);
      if (chosen !== undefined && Temporal.ZonedDateTime.compare(chosen, end) >= 0) {
        problems.push({
          field: `${field}.professionalsArrive`,
          message: `${hhmm(chosen)} is not before part ${number} ends at ${hhmm(end)}`,
        });
      } else if (chosen !== undefined) {
        professionalsArrive = chosen;
      }
    }
    const firstArrival = familyAttends ? familyArrive : professionalsArrive;
    if (previousEnd !== undefined && Temporal.ZonedDateTime.compare(firstArrival, previousEnd) < 0) {
      problems.push({
        field: part.start !== undefined ? `${field}.start` : field,
        message: `part ${number} overlaps part ${number - 1}: its ${familyAttends ? 'family is' : 'professionals are'} invited for ${hhmm(firstArrival)}, before part ${number - 1} ends at ${hhmm(previousEnd)}`,
      });
    }
    const chairArrive =
      familyAttends && Temporal.ZonedDateTime.compare(familyArrive, professionalsArrive) < 0
        ? familyArrive
        : professionalsArrive;
    slots.push({ audience: 'chair', part: number, arrive: chairArrive, end });
    if (familyAttends) slots.push({ audience: 'family', part: number, arrive: familyArrive, end });
    slots.push({ audience: 'professionals', part: number, arrive: professionalsArrive, end });
    previousEnd = end;
    // The next part starts once its family has had their time with the chair.
    const nextFamilyAttends = parts[index + 1]?.familyAttends ?? true;
    together = nextFamilyAttends ? end.add({ minutes: familyLead }) : end;
  });
  return problems.length > 0 ? problems : slots;
}

function warningsFor(policy: Policy, slots: readonly AudienceSlot[], timescale: Timescale | null): string[] {
  const warnings: string[] = [];
  if (timescale !== null && !timescale.within) {
    warnings.push(
      `The conference is after ${timescale.latest.toString()}, the latest date in timescale (${timescale.basis}). Booking it needs a recorded reason.`,
    );
  }
  const dayStart = parseClockTime(policy.workingHours.start);
  const dayEnd = parseClockTime(policy.workingHours.end);
  for (const slot of slots) {
    if (slot.audience === 'chair') continue;
    if (Temporal.PlainTime.compare(slot.arrive.toPlainTime(), dayStart) < 0) {
      warnings.push(
        `Part ${slot.part}: the ${slot.audience} are invited for ${slot.arrive.toPlainTime().toString({ smallestUnit: 'minute' })}, before the working day starts at ${policy.workingHours.start}.`,
      );
    }
  }
  const last = slots.at(-1);
  if (last !== undefined && Temporal.PlainTime.compare(last.end.toPlainTime(), dayEnd) > 0) {
    warnings.push(
      `The conference ends at ${last.end.toPlainTime().toString({ smallestUnit: 'minute' })}, after the working day ends at ${policy.workingHours.end}.`,
    );
  }
  return warnings;
}

/** The whole timeline of a conference. Throws TimelineError when the request cannot be planned. */
export function planTimeline(request: TimelineRequest, policy: Policy, options: PlanOptions = {}): Timeline {
  const calendar = workingCalendar(policy.nation);
  const ctx: DeadlineContext = { calendar, timeZone: policy.timeZone };
  const startOrErrors = startOrProblems(request, policy, calendar, options);
  if (Array.isArray(startOrErrors)) throw new TimelineError(startOrErrors);
  const start = startOrErrors;
  const slotsOrErrors = audienceSlots(request, policy, start);
  if (isProblems(slotsOrErrors)) throw new TimelineError(slotsOrErrors);
  const audiences = slotsOrErrors;
  const date = start.toPlainDate();
  const dayEnd = parseClockTime(policy.workingHours.end);

  const dueBefore = (duration: Duration): Temporal.ZonedDateTime => {
    const due = beforeEvent(start, duration, dayEnd, ctx);
    return policy.reports.dueOnNonWorkingDay === 'previous-working-day'
      ? onWorkingDayOrEarlier(due, dayEnd, ctx)
      : due;
  };
  const reportDue = dueBefore(policy.reports.due[request.type]);
  const share = policy.reports.familyShare.due;
  const familyShareDue = share === null ? null : share === 'with-report' ? reportDue : dueBefore(share);

  const end = audiences.reduce(
    (latest, s) => (Temporal.ZonedDateTime.compare(s.end, latest) > 0 ? s.end : latest),
    start,
  );
  const timescale = timescaleFor(request, policy, ctx);
  const recordDue = shiftDate(date, policy.recordAndDecision.within, 1, ctx);
  const months =
    request.type === 'review'
      ? policy.timescales.laterReviewsWithinMonths
      : policy.timescales.firstReviewWithinMonths;

  return {
    policyId: policy.id,
    type: request.type,
    start,
    end,
    audiences,
    reportDue,
    familyShareDue,
    timescale,
    recordDue,
    outcomeToChildDue: shiftDate(date, policy.outcomeToChild.within, 1, ctx),
    coreGroupDue: startsAPlan(request.type) ? shiftDate(date, policy.coreGroup.firstWithin, 1, ctx) : null,
    // Month arithmetic clamps to the month's end: 31 August + 6 months is 28 (or 29) February.
    nextReviewDue: date.add({ months }),
    reminders: planReminders({ policy, ctx, start, end, reportDue, recordDue }),
    warnings: [
      ...(calendar.isWorkingDay(date)
        ? []
        : [
            `${date.toString()} is not a working day (${calendar.holidayOn(date) ?? `a ${dayName(date)}`}); it was booked on purpose.`,
          ]),
      ...warningsFor(policy, audiences, timescale),
    ],
  };
}
