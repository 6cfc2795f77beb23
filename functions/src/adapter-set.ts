// What differs between a council on Google Workspace and one on plain SMTP: where invitations,
// meetings, the request inbox, outgoing mail and drafts go. Everything else is shared.
import type { FileMailbox } from './adapters/smtp/file-mailbox';
import type { MailDir } from './adapters/smtp/mail-dir';
import type {
  CalendarGateway,
  DraftGateway,
  InvitationReplies,
  MailboxGateway,
  Mailer,
  MeetGateway,
} from './ports';
import type { IcsCalendar } from './adapters/ics/ics-calendar';

interface Common {
  readonly calendar: CalendarGateway;
  readonly meet: MeetGateway;
  /** Absent when the policy names no report request inbox. */
  readonly mailbox: MailboxGateway | undefined;
  readonly mailer: Mailer | undefined;
  readonly drafts: DraftGateway;
  /** Where guests' answers emailed to the report inbox are counted. */
  readonly replies: InvitationReplies | undefined;
}

export interface GoogleAdapterSet extends Common {
  readonly kind: 'google';
}

/** The smtp set also hands the embedded SMTP server what it delivers into. */
export interface SmtpAdapterSet extends Common {
  readonly kind: 'smtp';
  readonly mailbox: FileMailbox | undefined;
  readonly invitations: IcsCalendar;
  readonly mailDir: MailDir;
  /** Closes the relay's pooled connections (before the embedded server, which waits for them). */
  close(): void;
}

export type AdapterSet = GoogleAdapterSet | SmtpAdapterSet;
