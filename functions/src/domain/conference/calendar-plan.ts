// Which calendar events a conference needs: one per audience and part, each with only that
// audience's guests, titled with the reference alone. Guests never share an event with people
// they must not meet: separated parents each get their own part's event.
import type { Temporal } from 'temporal-polyfill';
import type { Timeline } from '../timeline/plan-timeline';
import type { Invitees } from './booking-request';
import type { CalendarEventRecord } from './conference';

export type EventAudience = 'family' | 'professionals';
export type PlannedEventKey = `${EventAudience}-${number}`;

export interface PlannedEvent {
  readonly key: PlannedEventKey;
  readonly audience: EventAudience;
  readonly part: number;
  readonly partCount: number;
  readonly start: Temporal.ZonedDateTime;
  readonly end: Temporal.ZonedDateTime;
  /** Addresses invited, chair first; nobody on it sees the others (guestsCanSeeOtherGuests=false). */
  readonly guests: readonly string[];
  readonly title: string;
}

export interface CalendarPlanInput {
  readonly reference: string;
  readonly timeline: Timeline;
  readonly invitees: Invitees;
}

export function eventTitle(
  reference: string,
  audience: EventAudience,
  part: number,
  partCount: number,
): string {
  return partCount > 1
    ? `Conference ${reference} (${audience}, part ${part})`
    : `Conference ${reference} (${audience})`;
}

export function plannedEvents({ reference, timeline, invitees }: CalendarPlanInput): PlannedEvent[] {
  const partCount = Math.max(...timeline.audiences.map((slot) => slot.part));
  const professionals = [
    invitees.chair.email,
    invitees.socialWorker.email,
    ...invitees.professionals.map((p) => p.email),
  ];
  return timeline.audiences.flatMap((slot): PlannedEvent[] => {
    if (slot.audience === 'chair') return [];
    const guests =
      slot.audience === 'family'
        ? [
            invitees.chair.email,
            ...invitees.family.flatMap((f) =>
              (f.part ?? 1) === slot.part && f.email !== undefined ? [f.email] : [],
            ),
          ]
        : professionals;
    return [
      {
        key: `${slot.audience}-${slot.part}`,
        audience: slot.audience,
        part: slot.part,
        partCount,
        start: slot.arrive,
        end: slot.end,
        guests,
        title: eventTitle(reference, slot.audience, slot.part, partCount),
      },
    ];
  });
}

const AUDIENCE_CODE: Record<EventAudience, string> = { family: 'f', professionals: 'p' };

/**
 * The Calendar event id for an event: derived from the conference id, so a retried booking
 * finds its own events instead of duplicating them. Calendar keeps a deleted event's id for
 * ever, so an event made again after one was withdrawn takes the next generation.
 */
export function eventIdFor(conferenceId: string, key: PlannedEventKey, generation: number): string {
  const [audience, part] = key.split('-') as [EventAudience, string];
  // base32hex (0-9, a-v) throughout, as Calendar requires: 20 + audience + part (one digit,
  // at most MAX_PARTS) + generation.
  return `${conferenceId}${AUDIENCE_CODE[audience]}${part}${generation.toString(32)}`;
}

/** The id the event for `key` has, or will have when it is next made. */
export function currentEventId(
  conferenceId: string,
  records: readonly CalendarEventRecord[],
  key: PlannedEventKey,
): string {
  const withdrawn = records.filter((r) => r.key === key && r.state === 'deleted').length;
  return eventIdFor(conferenceId, key, withdrawn);
}
