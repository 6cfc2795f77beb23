// What the report intake use cases are given: the stores, the request inbox, the templates and
// the settings that bound the work.
import type { IntakeMessages } from '../domain/intake/intake-mail';
import type { Policy } from '../domain/policy/schema';
import type {
  Clock,
  ConferenceStore,
  InvitationReplies,
  Logger,
  MailboxGateway,
  MailboxStore,
  ReportStore,
} from '../ports';

export interface IntakeSettings {
  readonly policy: Policy;
  /** authserv-id of the council's receiving server; only its Authentication-Results count. */
  readonly authservId: string;
  /** Messages larger than this are not read: held for a person. */
  readonly maxMessageBytes: number;
  /** A full re-read (history expired, or the first sync) looks back this far... */
  readonly fullSyncDays: number;
  /** ...and at no more than this many messages. */
  readonly fullSyncMaxMessages: number;
  /** How long one sync may hold the mailbox before another may take over. */
  readonly syncLeaseMs: number;
  /** Where warnings for coordinators go (a watch about to lapse). */
  readonly coordinatorAlerts: string;
  /** The unit's calendar mailbox: mail from it (or from the inbox) is the service's own. */
  readonly calendarOwner: string;
}

export interface IntakeDeps {
  readonly conferences: ConferenceStore;
  readonly reports: ReportStore;
  readonly mailboxes: MailboxStore;
  readonly mailbox: MailboxGateway;
  readonly messages: IntakeMessages;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: IntakeSettings;
  /** Identifies this instance as a lease holder. */
  readonly instanceId: string;
  /** Told of each report filed against a conference (the outbox tells the chair when all are in). */
  readonly reportFiled: (conferenceId: string) => Promise<void>;
  /** Counts a guest's emailed answer to an invitation; absent where nothing can (then it is only recorded). */
  readonly replies: InvitationReplies | undefined;
}
