// What the outbox use cases (re-plan, sweep, outcome) are given.
import type { MessageRenderer } from '../domain/messages/message-views';
import type { Policy } from '../domain/policy/schema';
import type {
  CalendarGateway,
  Clock,
  ConferenceStore,
  DraftGateway,
  Logger,
  Mailer,
  OutboxStore,
  OutcomeStore,
  ReportStore,
} from '../ports';

export interface OutboxSettings {
  readonly policy: Policy;
  /** Where warnings for coordinators go (quorum at risk, a message that could not be sent). */
  readonly coordinator: string;
  /** How long a sweep holds an entry it is sending before another may assume it died. */
  readonly leaseMs: number;
  /** Entries one sweep takes at most; the rest wait for the next. */
  readonly batch: number;
  /** Entries sent at once within a sweep. */
  readonly concurrency: number;
}

export interface OutboxDeps {
  readonly conferences: ConferenceStore;
  readonly outbox: OutboxStore;
  readonly outcomes: OutcomeStore;
  readonly reports: ReportStore;
  /** The request inbox, which sends; absent when the council has none (nothing can be sent). */
  readonly mailer: Mailer | undefined;
  readonly drafts: DraftGateway;
  readonly calendar: CalendarGateway;
  readonly renderer: MessageRenderer;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: OutboxSettings;
  /** Names this instance as a lease holder. */
  readonly instanceId: string;
}
