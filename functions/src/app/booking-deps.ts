// What the booking use cases are given: the ports, the council's policy and where things live.
import type { Conference } from '../domain/conference/conference';
import type { Policy } from '../domain/policy/schema';
import type {
  CalendarGateway,
  Clock,
  ConferenceStore,
  EventDescriptions,
  IdSource,
  Logger,
  MeetGateway,
} from '../ports';

export interface BookingSettings {
  readonly policy: Policy;
  /** The council's Workspace domain (chairs must have accounts there). */
  readonly workspaceDomain: string;
  /** The unit's shared mailbox, whose calendar holds every event. */
  readonly calendarOwner: string;
  /** How long to wait for a meeting Calendar is still creating (policy meet.createdBy 'calendar'). */
  readonly meetPending: { readonly attempts: number; readonly intervalMs: number };
}

export interface BookingDeps {
  /**
   * Brings the conference's outbox in line after it was stored (best effort: a failure is logged
   * and the next sweep finishes it, because the stored conference says its outbox is stale).
   */
  readonly planOutbox: (conference: Conference) => Promise<void>;
  readonly store: ConferenceStore;
  readonly calendar: CalendarGateway;
  readonly meet: MeetGateway;
  readonly descriptions: EventDescriptions;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
  readonly settings: BookingSettings;
}
