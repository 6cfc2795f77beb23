// The embedded SMTP server as its integration tests run it: on a free loopback port, with its
// files in a temporary folder and the inbox sending through a real SmtpMailer to the same server
// (its sent log on the Firestore emulator); and what the tests read back from what it stored.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Firestore } from '@google-cloud/firestore';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { FirestoreSentLog } from '../../functions/src/adapters/firestore/firestore-sent-log';
import type { InvitationReply } from '../../functions/src/adapters/ics/icalendar';
import {
  startEmbeddedSmtp,
  type EmbeddedSmtp,
  type EmbeddedSmtpOptions,
  type InboxAuthentication,
} from '../../functions/src/adapters/smtp/embedded-smtp-server';
import { FileMailbox } from '../../functions/src/adapters/smtp/file-mailbox';
import { MailDir } from '../../functions/src/adapters/smtp/mail-dir';
import { SmtpMailer, smtpTransport } from '../../functions/src/adapters/smtp/smtp-mailer';
import { jsonLogger } from '../../functions/src/adapters/system/json-logger';
import { authenticationProblem } from '../../functions/src/domain/intake/sender-authentication';
import { freePort } from '../../functions/src/local/firestore-emulator';
import type { MailboxMessage } from '../../functions/src/ports';
import { NOW } from './bookings';
import { randomRoot } from './firestore';

export const INBOX = 'childprotectioninvitereportrequest@hackney.gov.uk';
export const PLUS = 'childprotectioninvitereportrequest+cpc-abcd@hackney.gov.uk';
export const CALENDAR_OWNER = 'cp-conferences@hackney.gov.uk';
export const SENDER = 'dsl@school.example.org';
export const POLICE = 'dc.one@police.example.org';
export const AUTHSERV = 'conference-desk.localhost';
/** The council's gateway that relays the inbox's mail in relay mode, and stamps its own verdicts. */
export const UPSTREAM = 'mx.council.example';
export const RELAY = { user: 'exchange-online', password: 'relay-password' };
export const MAX_BYTES = 50_000;

export interface RunningSmtp {
  readonly smtp: EmbeddedSmtp;
  readonly mailbox: FileMailbox;
  readonly mailDir: MailDir;
  readonly replies: InvitationReply[];
  readonly filed: string[];
  readonly logs: string[];
}

export interface StartOptions {
  readonly mailRoot?: string;
  readonly authservId?: string;
  readonly maxBytes?: number;
  readonly recordReply?: EmbeddedSmtpOptions['recordReply'];
}

const running: { smtp: EmbeddedSmtp; close: () => void }[] = [];

/** Stops every server `startSmtp` started; for afterEach. */
export async function stopSmtps(): Promise<void> {
  for (const { smtp, close } of running.splice(0)) {
    close();
    await smtp.close();
  }
}

export async function startSmtp(
  db: Firestore,
  authentication: InboxAuthentication,
  options: StartOptions = {},
): Promise<RunningSmtp> {
  const mailDir = new MailDir(
    options.mailRoot ?? join(mkdtempSync(join(tmpdir(), 'embedded-smtp-')), 'mail'),
  );
  const authservId = options.authservId ?? AUTHSERV;
  const clock = { now: () => NOW };
  // The inbox sends (acknowledgements) through this same server, as on a developer's machine.
  const port = await freePort();
  const transport = smtpTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    requireTls: false,
    auth:
      authentication.kind === 'relay' ? { user: authentication.user, pass: authentication.password } : null,
    timeoutMs: 5_000,
  });
  const mailbox = new FileMailbox({
    address: INBOX,
    mailDir,
    mailer: new SmtpMailer(transport, INBOX, new FirestoreSentLog({ db, root: randomRoot() }), clock),
    clock,
    authservId,
  });
  const replies: InvitationReply[] = [];
  const filed: string[] = [];
  const logs: string[] = [];
  const smtp = await startEmbeddedSmtp({
    host: '127.0.0.1',
    port,
    authservId,
    authentication,
    maxBytes: options.maxBytes ?? MAX_BYTES,
    mailbox,
    mailDir,
    calendarOwner: CALENDAR_OWNER,
    recordReply:
      options.recordReply ??
      ((reply) => {
        replies.push(reply);
        return Promise.resolve('recorded');
      }),
    onInboxMessage: (id) => filed.push(id),
    clock,
    logger: jsonLogger((line) => logs.push(line)),
  });
  running.push({
    smtp,
    close: () => {
      transport.close();
    },
  });
  return { smtp, mailbox, mailDir, replies, filed, logs };
}

/** Sends as a mail client (or the relay) would: over loopback, signing in when given a login. */
export async function send(
  smtp: EmbeddedSmtp,
  message: Mail.Options,
  auth?: { readonly user: string; readonly pass: string },
): Promise<SMTPTransport.SentMessageInfo> {
  const client = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
    ...(auth === undefined ? {} : { auth: { user: auth.user, pass: auth.pass } }),
  });
  try {
    return await client.sendMail(message);
  } finally {
    client.close();
  }
}

/** The SMTP reply code the server refused `sending` with. */
export async function refusedWith(sending: Promise<unknown>): Promise<number | undefined> {
  return sending.then(
    () => {
      throw new Error('expected the server to refuse the message');
    },
    (error: unknown) => (error as { responseCode?: number }).responseCode,
  );
}

export function report(overrides: Mail.Options = {}): Mail.Options {
  return {
    from: `Designated Safeguarding Lead <${SENDER}>`,
    to: INBOX,
    subject: 'Report for CPC-ABCD',
    text: 'Please find my report attached.',
    attachments: [{ filename: 'report.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }],
    ...overrides,
  };
}

/** The header lines at the top of a stored message, unfolded, up to the first that is none of ours. */
export function headerLines(raw: Buffer): string[] {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  return head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
}

export const named = (lines: readonly string[], name: string): string[] =>
  lines.filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`));

/** What intake concludes of a filed message: null when its sender is authenticated. */
export function intakeVerdict(
  message: MailboxMessage | undefined,
  authservId = AUTHSERV,
  sender = SENDER,
): string | null {
  if (message?.outcome.kind !== 'read') throw new Error('the message could not be read');
  return authenticationProblem(sender, message.outcome.message.authentication, authservId)?.code ?? null;
}

export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
  } catch {
    return [];
  }
}

/** The messages the server's log lines name, in order. */
export function logMessages(logs: readonly string[]): string[] {
  return logs.map((line) => (JSON.parse(line) as { message: string }).message);
}
