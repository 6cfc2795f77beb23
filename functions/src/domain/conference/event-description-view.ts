// What an event's description template is given: times and dates already in words, in the
// council's time zone, so templates only place them. No names: guests are addressed by role.
import { Temporal } from 'temporal-polyfill';
import type { Policy } from '../policy/schema';
import { clock, longDate, timeOnDate } from '../time/in-words';
import type { PlannedEvent } from './calendar-plan';
import type { Conference, MeetDetails } from './conference';

export interface EventDescriptionView {
  readonly reference: string;
  readonly audience: PlannedEvent['audience'];
  readonly part: number;
  readonly partCount: number;
  readonly separateParts: boolean;
  /** e.g. "Monday 30 March 2026". */
  readonly date: string;
  /** When this audience is invited for, e.g. "10:00". */
  readonly arrive: string;
  /** When everyone is together (the professionals join the family). */
  readonly together: string;
  readonly end: string;
  readonly venue: string | null;
  readonly meetingUri: string | null;
  /** When reports are due, in words; professionals only. */
  readonly reportDue: string;
  readonly reportInbox: string | null;
  readonly reportAddress: string | null;
  readonly familyShareFirst: boolean;
  /** Agencies that do not share their report with the family first, e.g. "Police". */
  readonly familyShareExempt: string | null;
  /** Professionals only: the family meets the chair before they are admitted. */
  readonly familyFirst: boolean;
  readonly councilName: string;
}

/** The request inbox's plus address for this conference, so replies file themselves. */
export function reportAddress(inbox: string | null, reference: string): string | null {
  if (inbox === null) return null;
  const at = inbox.lastIndexOf('@');
  return `${inbox.slice(0, at)}+${reference.toLowerCase()}${inbox.slice(at)}`;
}

export function eventDescriptionView(
  event: PlannedEvent,
  conference: Conference,
  meet: MeetDetails | null,
  policy: Policy,
): EventDescriptionView {
  const family = conference.timeline.audiences.find((a) => a.audience === 'family' && a.part === event.part);
  const exempt = policy.reports.familyShare.exemptAgencies.map(
    (id) => policy.agencies.find((a) => a.id === id)?.label ?? id,
  );
  // The professionals' time is when the family's private time with the chair ends.
  const together =
    conference.timeline.audiences.find((a) => a.audience === 'professionals' && a.part === event.part)
      ?.arrive ?? event.start;
  return {
    reference: conference.reference,
    audience: event.audience,
    part: event.part,
    partCount: event.partCount,
    separateParts: event.partCount > 1,
    date: longDate(event.start.toPlainDate()),
    arrive: clock(event.start),
    together: clock(together),
    end: clock(event.end),
    venue: conference.venue,
    meetingUri: meet?.meetingUri ?? null,
    reportDue: timeOnDate(conference.timeline.reportDue),
    reportInbox: policy.reports.inbox,
    reportAddress: reportAddress(policy.reports.inbox, conference.reference),
    familyShareFirst: policy.reports.familyShare.due !== null,
    familyShareExempt: exempt.length === 0 ? null : exempt.join(', '),
    familyFirst: family !== undefined && Temporal.ZonedDateTime.compare(family.arrive, event.start) < 0,
    councilName: policy.name,
  };
}
