// Events per calendar owner. Deleted events stay, cancelled, as Google keeps them: their ids
// cannot be reused (409) and deleting them again is 410.
import { timestamp } from './formats';
import { newEtag } from './ids';
import type { SpaceRecord } from './meet-store';
import type { AttendeeResponse, Notification, StoredEvent } from './types';

const RESPONSES: readonly string[] = ['accepted', 'declined', 'tentative', 'needsAction'];

export interface EventRecord {
  /** The event exactly as events.get returns it. */
  event: StoredEvent;
  /** While a Meet createRequest is pending: how many more gets still see it pending. */
  pendingReads: number | null;
  /** The space made for a pending createRequest, revealed when it succeeds. */
  pendingSpace: SpaceRecord | null;
  /** Insertion order, for Calendar's "unspecified, stable" list order. */
  order: number;
}

export interface RequestIdUse {
  owner: string;
  eventId: string;
  type: string;
}

export class CalendarStore {
  private readonly calendars = new Map<string, Map<string, EventRecord>>();
  /** conferenceData.createRequest.requestId values already used, and for what. */
  readonly requestIds = new Map<string, RequestIdUse>();
  readonly notifications: Notification[] = [];
  private counter = 0;

  private calendar(owner: string): Map<string, EventRecord> {
    const key = owner.toLowerCase();
    let cal = this.calendars.get(key);
    if (cal === undefined) {
      cal = new Map();
      this.calendars.set(key, cal);
    }
    return cal;
  }

  get(owner: string, id: string): EventRecord | undefined {
    return this.calendar(owner).get(id);
  }

  add(owner: string, event: StoredEvent, pending: { reads: number; space: SpaceRecord } | null): EventRecord {
    this.counter += 1;
    const record: EventRecord = {
      event,
      pendingReads: pending?.reads ?? null,
      pendingSpace: pending?.space ?? null,
      order: this.counter,
    };
    this.calendar(owner).set(event.id ?? '', record);
    return record;
  }

  /**
   * A guest's reply to the invitation (`fake.respond`): their responseStatus changes, and with it
   * the event's updated and etag; the sequence stays, as it does on Google, where only the
   * organizer's significant changes raise it. Mistakes in the test throw.
   */
  respond(owner: string, eventId: string, email: string, response: AttendeeResponse): void {
    if (!RESPONSES.includes(response))
      throw new Error(`Google fake: '${response}' is not an attendee responseStatus`);
    const record = this.get(owner, eventId);
    if (record === undefined) throw new Error(`Google fake: ${owner} has no event ${eventId}`);
    if (record.event.status === 'cancelled')
      throw new Error(`Google fake: event ${eventId} of ${owner} is cancelled; a guest cannot reply to it`);
    const attendees = record.event.attendees ?? [];
    const at = attendees.findIndex((a) => a.email?.toLowerCase() === email.toLowerCase());
    if (at === -1) throw new Error(`Google fake: event ${eventId} of ${owner} has no attendee ${email}`);
    record.event = {
      ...record.event,
      attendees: attendees.map((a, i) => (i === at ? { ...a, responseStatus: response } : a)),
      etag: newEtag(),
      // Later than the last write even within the same millisecond, so updatedMin sync sees it.
      updated: timestamp(Math.max(Date.now(), Date.parse(record.event.updated ?? '') + 1 || 0)),
    };
  }

  all(owner: string): EventRecord[] {
    return [...this.calendar(owner).values()].sort((a, b) => a.order - b.order);
  }

  clear(): void {
    this.calendars.clear();
    this.requestIds.clear();
    this.notifications.length = 0;
  }
}
