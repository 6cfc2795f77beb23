// Events per calendar owner. Deleted events stay, cancelled, as Google keeps them: their ids
// cannot be reused (409) and deleting them again is 410.
import type { SpaceRecord } from './meet-store';
import type { Notification, StoredEvent } from './types';

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

  all(owner: string): EventRecord[] {
    return [...this.calendar(owner).values()].sort((a, b) => a.order - b.order);
  }

  clear(): void {
    this.calendars.clear();
    this.requestIds.clear();
    this.notifications.length = 0;
  }
}
