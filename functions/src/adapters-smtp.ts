// The adapter set for councils without Google Workspace, and for local runs: mail out through an
// SMTP relay, the request inbox filled by the embedded SMTP server, iCalendar invitations by
// email with a configured video link instead of Meet, and drafts as .eml files.
import type { Firestore } from '@google-cloud/firestore';
import { FirestoreInvitationStore } from './adapters/firestore/firestore-invitation-store';
import { FirestoreSentLog } from './adapters/firestore/firestore-sent-log';
import { IcsCalendar } from './adapters/ics/ics-calendar';
import { VideoLinks } from './adapters/ics/video-links';
import { FileDrafts } from './adapters/smtp/file-drafts';
import { FileMailbox } from './adapters/smtp/file-mailbox';
import { MailDir } from './adapters/smtp/mail-dir';
import { SmtpMailer, smtpTransport } from './adapters/smtp/smtp-mailer';
import type { SmtpAdapterSet } from './adapter-set';
import { ConfigError, type Config } from './config';
import type { Clock } from './ports';

export function smtpAdapters(
  config: Config,
  inbox: string | null,
  stores: { readonly db: Firestore; readonly root: string; readonly clock: Clock },
): SmtpAdapterSet {
  const { db, root, clock } = stores;
  if (config.SMTP_HOST === undefined || config.VIDEO_LINK === undefined) {
    throw new ConfigError('SMTP_HOST and VIDEO_LINK are required with ADAPTERS=smtp');
  }
  const transport = smtpTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    requireTls: config.SMTP_REQUIRE_TLS,
    auth:
      config.SMTP_USER === undefined || config.SMTP_PASSWORD === undefined
        ? null
        : { user: config.SMTP_USER, pass: config.SMTP_PASSWORD },
    timeoutMs: config.SMTP_TIMEOUT_MS,
  });
  const sentLog = new FirestoreSentLog({ db, root });
  const mailDir = new MailDir(config.MAIL_DIR);
  const mailbox =
    inbox === null
      ? undefined
      : new FileMailbox({
          address: inbox,
          mailDir,
          mailer: new SmtpMailer(transport, inbox, sentLog, clock),
          clock,
          authservId: config.INTAKE_AUTHSERV_ID,
        });
  const video = new VideoLinks(config.VIDEO_LINK);
  const invitations = new IcsCalendar({
    store: new FirestoreInvitationStore({ db, root }),
    sender: new SmtpMailer(transport, config.CALENDAR_OWNER, sentLog, clock),
    video,
    clock,
    uidDomain: config.WORKSPACE_DOMAIN,
  });
  return {
    kind: 'smtp',
    calendar: invitations,
    invitations,
    meet: video,
    mailbox,
    mailer: mailbox,
    drafts: new FileDrafts(mailDir),
    // An answer sent to the report inbox counts as one sent to the calendar owner does.
    replies: {
      record: async (reply) => {
        const outcome = await invitations.recordReply({ ...reply, partstat: reply.answer });
        return outcome === 'unknown' ? 'unknown-event' : outcome;
      },
    },
    mailDir,
    close: () => {
      transport.close();
    },
  };
}
