// The embedded SMTP server (smtp-server). It receives the request inbox's mail (and its plus
// addresses) into the FileMailbox and tells intake at once, as Gmail's push would; invitation
// replies to the calendar owner update the guest's answer; and on a developer's machine it is
// also where the service sends everything, so every message is kept as an .eml per recipient.
// A message is accepted (250) only once it is on disk: a crash before then leaves the sender to
// try again, never a report the sender thinks arrived and the service never saw. Bytes that can
// never be stored safely are refused for good (5xx) before anything is written; 4xx, which makes
// the sender's server try again, is only for a failure here that may pass.
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { ParsedMail } from 'mailparser';
import { parseReply, type InvitationReply } from '../ics/icalendar';
import { trustedVerdicts } from '../../domain/intake/authentication-results';
import { authenticationProblem } from '../../domain/intake/sender-authentication';
import { mailparser } from '../mail/mailparser-package';
import type { Clock, Logger } from '../../ports';
import type { FileMailbox } from './file-mailbox';
import { isInboxAddress } from '../../domain/intake/inbox-address';
import type { MailDir } from './mail-dir';
import {
  MessageRefused,
  messageProblem,
  readOrRefuse,
  refusalReply,
  SmtpRefusal,
  type RefusalReason,
} from './message-checks';
import {
  authenticationResults,
  prepend,
  received,
  returnPath,
  split,
  withoutOwnResults,
  withoutReturnPath,
  type Stamp,
} from './message-stamps';

/**
 * Who may hand mail to the server. `development`: anyone on this machine, signing in as their
 * own address with any password (the server stamps whether they did). `relay`: only the
 * council's upstream server, with its password; its own Authentication-Results are trusted.
 */
export type InboxAuthentication =
  | { readonly kind: 'development' }
  | { readonly kind: 'relay'; readonly user: string; readonly password: string };

export interface EmbeddedSmtpOptions {
  readonly host: string;
  readonly port: number;
  /** The server's name in its greeting, Received and Authentication-Results headers. */
  readonly authservId: string;
  readonly authentication: InboxAuthentication;
  readonly maxBytes: number;
  readonly mailbox: FileMailbox | undefined;
  /** Where every message for anyone else is kept (development), and replies are read from. */
  readonly mailDir: MailDir;
  /** The organiser of every invitation, whose replies update the guests' answers. */
  readonly calendarOwner: string;
  readonly recordReply: (reply: NonNullable<ReturnType<typeof parseReply>>) => Promise<unknown>;
  /** Told of each message filed into the request inbox (its id is the history id to sync to). */
  readonly onInboxMessage: (messageId: string) => void;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface EmbeddedSmtp {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
  });
}

function calendarOf(parsed: ParsedMail): string | null {
  const part = parsed.attachments.find((a) => a.contentType.toLowerCase() === 'text/calendar');
  return part === undefined ? null : part.content.toString('utf8');
}

export async function startEmbeddedSmtp(options: EmbeddedSmtpOptions): Promise<EmbeddedSmtp> {
  const { authentication, mailbox, logger } = options;
  const inbox = mailbox?.address;
  const owner = options.calendarOwner.toLowerCase();
  const development = authentication.kind === 'development';

  const accepts = (address: string): boolean =>
    development || (inbox !== undefined && isInboxAddress(address, inbox)) || address === owner;

  /**
   * Whether the reply's guest really sent it: a reply changes who is expected at a conference, so
   * one written in a guest's name by someone else must not count. Locally, the guest signed in as
   * themselves; behind a relay, the relay's verdicts pass for the guest's own address.
   */
  const fromGuest = (reply: InvitationReply, stamp: Stamp, results: readonly string[]): boolean => {
    if (stamp.from !== reply.attendee) return false;
    if (development) return stamp.signedInAs === reply.attendee;
    return (
      authenticationProblem(
        reply.attendee,
        trustedVerdicts(results, options.authservId),
        options.authservId,
      ) === null
    );
  };

  const deliver = async (raw: Buffer, session: SMTPServerSession): Promise<string> => {
    const at = options.clock.now();
    // Only the header block is parsed here: a report can be 40 MB, and intake streams it later.
    const headers = await readOrRefuse(
      () => mailparser().simpleParser(Buffer.from(`${split(raw).head}\r\n`, 'latin1')),
      'unreadable-header',
    );
    const fromList = headers.from?.value ?? [];
    const results = headers.headerLines
      .filter((h) => h.key === 'authentication-results')
      .map((h) => h.line.slice(h.line.indexOf(':') + 1));
    const stamp: Stamp = {
      authservId: options.authservId,
      at,
      client: {
        hostname: session.clientHostname,
        address: session.remoteAddress,
        helo: session.hostNameAppearsAs,
      },
      sessionId: session.id,
      signedInAs: development && typeof session.user === 'string' ? session.user : null,
      from: fromList.length === 1 ? (fromList[0]?.address?.toLowerCase() ?? null) : null,
    };
    // The relay's own verdicts are the trusted ones; locally, the server's own are.
    const base = withoutReturnPath(development ? withoutOwnResults(raw, options.authservId) : raw);
    const { mailFrom } = session.envelope;
    const sender = returnPath(mailFrom === false ? '' : mailFrom.address);
    const verdict: [string, string][] = development
      ? [['Authentication-Results', authenticationResults(stamp)]]
      : [];
    // Whole fields, each ending CRLF, above a block that starts with a field of its own (checked).
    const trace = (recipient: string): [string, string][] => [
      ['Return-Path', sender],
      ['Delivered-To', recipient],
      ['Received', received(stamp, recipient)],
      ...verdict,
    ];
    const recipients = [...new Set(session.envelope.rcptTo.map((r) => r.address.toLowerCase()))];
    const toInbox = inbox === undefined ? [] : recipients.filter((r) => isInboxAddress(r, inbox));
    const others = recipients.filter((r) => !toInbox.includes(r));
    // Invitations and replies are small; only mail for someone other than the inbox is read whole.
    const calendar =
      others.length > 0 && /text\/calendar/i.test(raw.toString('latin1'))
        ? calendarOf(
            await readOrRefuse(
              () => mailparser().simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true }),
              'unreadable-mime',
            ),
          )
        : null;
    let filed: string | null = null;
    const first = toInbox[0];
    if (mailbox !== undefined && first !== undefined) {
      // One copy for the inbox however many of its plus addresses were named, as Gmail does.
      filed = await mailbox.deliver(prepend(base, trace(first)), toInbox);
    }
    for (const recipient of others) {
      await options.mailDir.keep(recipient, prepend(base, trace(recipient)), at, calendar);
    }
    if (calendar !== null && others.includes(owner)) {
      const reply = parseReply(calendar);
      if (reply !== null && !fromGuest(reply, stamp, results)) {
        logger.warn('smtp.invitation_reply_refused', { reason: 'sender-not-the-guest' });
      } else if (reply !== null) {
        const result = await options.recordReply(reply);
        logger.info('smtp.invitation_reply', { result: String(result) });
      }
    }
    logger.info('smtp.received', {
      recipients: recipients.length,
      inbox: filed !== null,
      bytes: raw.byteLength,
      signedIn: stamp.signedInAs !== null,
    });
    if (filed !== null) options.onInboxMessage(filed);
    return filed ?? 'kept';
  };

  const server = new SMTPServer({
    name: options.authservId,
    banner: 'Conference Desk',
    size: options.maxBytes,
    authOptional: development,
    authMethods: ['PLAIN', 'LOGIN'],
    // Loopback only: the relay set-up puts TLS in front (a load balancer or stunnel).
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const user = (auth.username ?? '').toLowerCase();
      if (authentication.kind === 'development') {
        if (/^[^@\s]+@[^@\s]+$/.test(user)) {
          callback(null, { user });
          return;
        }
        callback(new SmtpRefusal(535, '5.7.8 Sign in with your email address as the user name'));
        return;
      }
      if (
        sameSecret(user, authentication.user.toLowerCase()) &&
        sameSecret(auth.password ?? '', authentication.password)
      ) {
        callback(null, { user });
        return;
      }
      callback(new SmtpRefusal(535, '5.7.8 Authentication failed'));
    },
    onMailFrom(_address, session, callback) {
      if (!development && session.user === undefined) {
        callback(new SmtpRefusal(530, '5.7.0 Sign in first'));
        return;
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      const recipient = address.address.toLowerCase();
      if (!accepts(recipient)) {
        callback(new SmtpRefusal(550, '5.1.1 No such mailbox here'));
        return;
      }
      try {
        // Everyone but the inbox gets a folder named by their address, which must be safe as one.
        if (inbox === undefined || !isInboxAddress(recipient, inbox)) options.mailDir.folder(recipient);
        callback();
      } catch {
        callback(new SmtpRefusal(553, '5.1.3 That address cannot be kept here'));
      }
    },
    onData(stream, session, callback) {
      const refuse = (reason: RefusalReason): void => {
        const reply = refusalReply(reason, options.maxBytes);
        logger.warn('smtp.refused', { reason, code: reply.code, bytes: stream.byteLength });
        callback(new SmtpRefusal(reply.code, reply.text));
      };
      readAll(stream)
        .then(async (raw) => {
          const problem = stream.sizeExceeded ? 'message-too-large' : messageProblem(raw);
          if (problem !== null) {
            refuse(problem);
            return;
          }
          const id = await deliver(raw, session);
          callback(null, `Accepted as ${id}`);
        })
        .catch((error: unknown) => {
          if (error instanceof MessageRefused) {
            refuse(error.reason);
            return;
          }
          logger.error('smtp.deliver_failed', { error: error instanceof Error ? error.name : 'unknown' });
          // 451: the sender's server keeps the message and tries again later.
          callback(new SmtpRefusal(451, '4.3.0 The message could not be stored; try again later'));
        });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error: Error) => {
    logger.error('smtp.server_error', { error: error.name });
  });
  const address = server.server.address() as AddressInfo;
  return {
    host: options.host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
