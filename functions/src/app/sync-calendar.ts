// Makes the calendar match a conference's plan: one event per audience and part, each carrying
// the one Meet. Safe to run again after any failure: event ids are derived from the conference,
// an event found by its id is adopted rather than duplicated, and a withdrawn id (Calendar keeps
// them for ever) moves on to the next generation. Writes go one at a time: Calendar limits rapid
// writes to one calendar.
import { setTimeout as sleep } from 'node:timers/promises';
import { currentEventId, plannedEvents, type PlannedEvent } from '../domain/conference/calendar-plan';
import type { CalendarEventRecord, Conference, MeetDetails } from '../domain/conference/conference';
import { eventDescriptionView } from '../domain/conference/event-description-view';
import { ConflictError, UpstreamError } from '../domain/errors';
import { EventExistsError, EventGoneError, type EventSpec, type ExistingEvent } from '../ports';
import type { BookingDeps } from './booking-deps';

/** A taken id found cancelled more often than this means someone keeps deleting our events. */
const MAX_GENERATIONS_PER_SYNC = 3;

export interface SyncResult {
  readonly events: readonly CalendarEventRecord[];
  readonly meet: MeetDetails | null;
}

export interface SyncOptions {
  /**
   * Look each event up by id before inserting it: after a failed attempt, or when events may
   * exist that the conference does not record. A first booking skips it (half the calls).
   */
  readonly lookUpFirst: boolean;
  /**
   * Rewrite an event found by its id to the current plan. A change needs it (the event was made
   * from the plan before the change); a booking retry does not (same plan, and a rewrite would
   * email every guest an "updated invitation" for nothing).
   */
  readonly refreshFound: boolean;
}

async function waitForMeet(deps: BookingDeps, owner: string, eventId: string): Promise<MeetDetails> {
  const { attempts, intervalMs } = deps.settings.meetPending;
  for (let i = 0; i < attempts; i += 1) {
    await sleep(intervalMs);
    const event = await deps.calendar.get(owner, eventId);
    if (event !== undefined && event.meet !== null && event.meet !== 'pending') return event.meet;
  }
  throw new UpstreamError(
    'MEET.PENDING',
    'Google Calendar is still creating the meeting link. Try again in a minute: the booking will continue where it stopped.',
  );
}

export async function syncCalendar(
  deps: BookingDeps,
  conference: Conference,
  options: SyncOptions,
): Promise<SyncResult> {
  const { calendar, descriptions, settings } = deps;
  const owner = conference.calendarOwner;
  const records: CalendarEventRecord[] = [...conference.events];
  let meet = conference.meet;

  const spec = (event: PlannedEvent, eventId: string): EventSpec => ({
    eventId,
    conferenceId: conference.id,
    event,
    description: descriptions.render(eventDescriptionView(event, conference, meet, settings.policy)),
    location: conference.venue,
    meet: meet ?? { create: conference.id },
  });

  const adopt = (event: PlannedEvent, found: ExistingEvent): 'created' | 'withdrawn' => {
    if (found.conferenceId !== conference.id) {
      throw new ConflictError(
        'CALENDAR.ID_TAKEN',
        `An event that does not belong to conference ${conference.reference} has its calendar id; ask IT to check the unit's calendar`,
      );
    }
    records.push({ key: event.key, eventId: found.eventId, state: found.cancelled ? 'deleted' : 'created' });
    return found.cancelled ? 'withdrawn' : 'created';
  };

  const make = async (event: PlannedEvent): Promise<void> => {
    for (let generation = 0; generation < MAX_GENERATIONS_PER_SYNC; generation += 1) {
      const eventId = currentEventId(conference.id, records, event.key);
      let found = options.lookUpFirst ? await calendar.get(owner, eventId) : undefined;
      let madeNow = false;
      if (found === undefined) {
        try {
          found = await calendar.insert(owner, spec(event, eventId));
          madeNow = true;
        } catch (error) {
          // Made by an earlier attempt whose answer was lost, or withdrawn: look at it.
          if (!(error instanceof EventExistsError)) throw error;
          found = await calendar.get(owner, eventId);
          if (found === undefined) {
            throw new UpstreamError(
              'CALENDAR.INCONSISTENT',
              'Google Calendar reported an event it cannot find; try again',
            );
          }
        }
      }
      if (adopt(event, found) === 'created') {
        if (!madeNow && options.refreshFound) await calendar.update(owner, spec(event, eventId));
        if (meet === null)
          meet =
            found.meet === 'pending' || found.meet === null
              ? await waitForMeet(deps, owner, eventId)
              : found.meet;
        return;
      }
    }
    throw new ConflictError(
      'CALENDAR.EVENT_KEEPS_DISAPPEARING',
      `The ${event.audience} event of conference ${conference.reference} was deleted again as it was made; check who is editing the unit's calendar`,
    );
  };

  const planned = plannedEvents(conference);
  for (const event of planned) {
    const live = records.findIndex((r) => r.key === event.key && r.state === 'created');
    const record = records[live];
    if (record === undefined) {
      await make(event);
      continue;
    }
    try {
      await calendar.update(owner, spec(event, record.eventId));
    } catch (error) {
      if (!(error instanceof EventGoneError)) throw error;
      // Someone deleted it in Calendar: its id is spent, so make it again under the next one.
      records[live] = { ...record, state: 'deleted' };
      await make(event);
    }
  }

  const wanted = new Set(planned.map((e) => e.key));
  for (const [index, record] of records.entries()) {
    if (record.state !== 'created' || wanted.has(record.key)) continue;
    await calendar.delete(owner, record.eventId);
    records[index] = { ...record, state: 'deleted' };
  }
  return { events: records, meet };
}

/**
 * Deletes every event the conference has or may have: recorded ones, and for a booking that
 * stopped half-way, the ids its next attempt would have used.
 */
export async function withdrawCalendar(
  deps: BookingDeps,
  conference: Conference,
): Promise<CalendarEventRecord[]> {
  const records = [...conference.events];
  const candidates = new Map<string, PlannedEvent['key']>(
    records.filter((r) => r.state === 'created').map((r) => [r.eventId, r.key]),
  );
  if (conference.status === 'booking') {
    for (const event of plannedEvents(conference)) {
      candidates.set(currentEventId(conference.id, records, event.key), event.key);
    }
  }
  for (const [eventId, key] of candidates) {
    const outcome = await deps.calendar.delete(conference.calendarOwner, eventId);
    const index = records.findIndex((r) => r.eventId === eventId);
    const record = records[index];
    if (record !== undefined) records[index] = { ...record, state: 'deleted' };
    // An event made by an attempt that never recorded it: its id is spent now too.
    else if (outcome === 'deleted') records.push({ key, eventId, state: 'deleted' });
  }
  return records;
}
