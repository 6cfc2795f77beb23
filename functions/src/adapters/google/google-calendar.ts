// Calendar v3 as the unit's mailbox: one event per audience and part, with `sendUpdates=all`
// (the API's default sends nobody anything) and conferenceDataVersion=1 (without it Calendar
// silently drops the Meet). Writes to one calendar go one at a time.
import type { Rsvp } from '../../domain/quorum';
import type { calendar_v3 } from '@googleapis/calendar';
import {
  EventExistsError,
  EventGoneError,
  type CalendarGateway,
  type EventSpec,
  type ExistingEvent,
} from '../../ports';
import type { Delegation } from './delegation';
import { eventBody, readEvent } from './event-body';
import { readFailure, toAppError } from './google-errors';
import { calendarClients } from './lazy-clients';
import { withRetry, type RetryPolicy } from './retry';

/** Events on calendars the mailbox owns, and nothing else of its calendar. */
export const CALENDAR_SCOPES = ['https://www.googleapis.com/auth/calendar.events.owned'] as const;

export interface GoogleCalendarOptions {
  readonly delegation: Delegation;
  readonly retry: RetryPolicy;
  /** Google's by default; the test fake's in tests. */
  readonly rootUrl?: string;
  readonly timeoutMs?: number;
  readonly onCall?: (operation: string) => void;
}

export class GoogleCalendar implements CalendarGateway {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly options: GoogleCalendarOptions) {}

  private api(owner: string): calendar_v3.Calendar {
    return calendarClients().calendar({
      version: 'v3',
      auth: this.options.delegation.clientFor(owner, CALENDAR_SCOPES),
      // Our retry policy is the only one (see retry.ts).
      retry: false,
      timeout: this.options.timeoutMs ?? 20_000,
      ...(this.options.rootUrl === undefined ? {} : { rootUrl: this.options.rootUrl }),
    });
  }

  /** Runs writes to one calendar in order, so a burst never trips Calendar's per-calendar limit. */
  private serially<T>(owner: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(owner) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(owner, settled);
    void settled.then(() => {
      if (this.queues.get(owner) === settled) this.queues.delete(owner);
    });
    return next;
  }

  /** One API call under our retry policy; errors come back as Google sent them. */
  private attempt<T>(operation: string, request: () => Promise<T>): Promise<T> {
    return withRetry(() => {
      this.options.onCall?.(operation);
      return request();
    }, this.options.retry);
  }

  insert(owner: string, spec: EventSpec): Promise<ExistingEvent> {
    return this.serially(owner, async () => {
      try {
        const { data } = await this.attempt('calendar.events.insert', () =>
          this.api(owner).events.insert({
            calendarId: owner,
            conferenceDataVersion: 1,
            sendUpdates: 'all',
            requestBody: eventBody(spec),
          }),
        );
        return readEvent(data, owner);
      } catch (error) {
        if (readFailure(error).status === 409) throw new EventExistsError(spec.eventId);
        throw toAppError(error, 'send the calendar invitations');
      }
    });
  }

  async get(owner: string, eventId: string): Promise<ExistingEvent | undefined> {
    try {
      const { data } = await this.attempt('calendar.events.get', () =>
        this.api(owner).events.get({ calendarId: owner, eventId }),
      );
      return readEvent(data, owner);
    } catch (error) {
      if (readFailure(error).status === 404) return undefined;
      throw toAppError(error, 'read the calendar invitations');
    }
  }

  update(owner: string, spec: EventSpec): Promise<void> {
    return this.serially(owner, async () => {
      const { id: _id, ...body } = eventBody(spec);
      let data: calendar_v3.Schema$Event;
      try {
        ({ data } = await this.attempt('calendar.events.patch', () =>
          this.api(owner).events.patch({
            calendarId: owner,
            eventId: spec.eventId,
            conferenceDataVersion: 1,
            sendUpdates: 'all',
            requestBody: body,
          }),
        ));
      } catch (error) {
        const status = readFailure(error).status;
        if (status === 404 || status === 410) throw new EventGoneError(spec.eventId);
        throw toAppError(error, 'update the calendar invitations');
      }
      // Patching a deleted event succeeds and leaves it deleted: nobody would be invited.
      if (data.status === 'cancelled') throw new EventGoneError(spec.eventId);
    });
  }

  delete(owner: string, eventId: string): Promise<'deleted' | 'gone'> {
    return this.serially(owner, async () => {
      try {
        await this.attempt('calendar.events.delete', () =>
          this.api(owner).events.delete({ calendarId: owner, eventId, sendUpdates: 'all' }),
        );
        return 'deleted';
      } catch (error) {
        const status = readFailure(error).status;
        // Deleted already (410) or never made (404): either way nobody is invited any more.
        if (status === 404 || status === 410) return 'gone';
        throw toAppError(error, 'withdraw the calendar invitations');
      }
    });
  }

  async replies(owner: string, eventId: string): Promise<ReadonlyMap<string, Rsvp> | undefined> {
    let data: calendar_v3.Schema$Event;
    try {
      ({ data } = await this.attempt('calendar.events.get', () =>
        this.api(owner).events.get({
          calendarId: owner,
          eventId,
          fields: 'status,attendees(email,responseStatus)',
        }),
      ));
    } catch (error) {
      if (readFailure(error).status === 404) return undefined;
      throw toAppError(error, 'read the replies to the invitations');
    }
    if (data.status === 'cancelled') return undefined;
    const replies = new Map<string, Rsvp>();
    for (const a of data.attendees ?? []) {
      if (typeof a.email !== 'string') continue;
      replies.set(a.email.toLowerCase(), RSVP[a.responseStatus ?? 'needsAction'] ?? 'needs-action');
    }
    return replies;
  }
}

/** Calendar's responseStatus in our spelling; anything unknown counts as no reply yet. */
const RSVP: Partial<Record<string, Rsvp>> = {
  accepted: 'accepted',
  tentative: 'tentative',
  declined: 'declined',
  needsAction: 'needs-action',
};
