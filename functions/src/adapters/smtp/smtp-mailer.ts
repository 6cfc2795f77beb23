// Sends the service's email through an SMTP relay with nodemailer: the council's own (Microsoft
// 365, an on-premises relay) or, locally, the embedded server, which keeps every message. What
// the relay accepted is logged by Message-ID, because SMTP has no Sent folder to look in.
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { UpstreamError } from '../../domain/errors';
import { automaticHeaders, outgoingMessage } from '../mail/compose-mail';
import type { Clock, InvitationMail, InvitationSender, Mailer, OutgoingMail, SentLog } from '../../ports';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  readonly secure: boolean;
  /** Refuse to send unless the connection is encrypted (STARTTLS required). */
  readonly requireTls: boolean;
  readonly auth: { readonly user: string; readonly pass: string } | null;
  /** How long one connection, greeting or command may take. */
  readonly timeoutMs: number;
}

/** One pooled transport per relay, shared by every sender address. */
export function smtpTransport(settings: SmtpSettings): Transporter<SMTPTransport.SentMessageInfo> {
  return createTransport({
    // A sweep sends dozens of messages at once: reuse a few connections rather than one each.
    pool: true,
    maxConnections: 4,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    // Loopback has no certificate worth checking; everywhere else the relay's must be valid.
    ...(settings.host === '127.0.0.1' || settings.host === 'localhost'
      ? { ignoreTLS: !settings.requireTls }
      : {}),
    ...(settings.auth === null ? {} : { auth: { user: settings.auth.user, pass: settings.auth.pass } }),
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
}

/** Why the relay refused, without the addresses it may quote back. */
function relayFailure(error: unknown, what: string): UpstreamError {
  const code =
    typeof error === 'object' && error !== null && 'responseCode' in error
      ? String(error.responseCode)
      : typeof error === 'object' && error !== null && 'code' in error
        ? String(error.code)
        : 'unknown';
  return new UpstreamError(
    'SMTP.SEND_FAILED',
    `The mail server did not accept ${what} (${code}); it will be tried again`,
    503,
    {
      cause: error,
    },
  );
}

export class SmtpMailer implements Mailer, InvitationSender {
  readonly address: string;

  constructor(
    private readonly transport: Transporter<SMTPTransport.SentMessageInfo>,
    address: string,
    private readonly sent: SentLog,
    private readonly clock: Clock,
  ) {
    this.address = address.toLowerCase();
  }

  async send(mail: OutgoingMail): Promise<{ readonly id: string }> {
    const info = await this.deliver(outgoingMessage(this.address, mail), mail.messageIdHeader, 'an email');
    return { id: info.messageId };
  }

  async sendInvitation(mail: InvitationMail): Promise<void> {
    await this.deliver(
      {
        from: this.address,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageIdHeader,
        headers: automaticHeaders('auto-generated'),
        // text/calendar as an alternative to the text, with its method: what Outlook and Google
        // Calendar read as an invitation (iMIP) rather than an attachment.
        icalEvent: { method: mail.method, content: mail.ics, filename: 'invitation.ics' },
      },
      mail.messageIdHeader,
      'an invitation',
    );
  }

  sentContains(messageIdHeader: string): Promise<boolean> {
    return this.sent.contains(messageIdHeader);
  }

  private async deliver(
    message: Parameters<Transporter<SMTPTransport.SentMessageInfo>['sendMail']>[0],
    messageIdHeader: string,
    what: string,
  ): Promise<SMTPTransport.SentMessageInfo> {
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await this.transport.sendMail(message);
    } catch (error) {
      throw relayFailure(error, what);
    }
    if (info.rejected.length > 0) {
      throw new UpstreamError('SMTP.RECIPIENT_REFUSED', `The mail server refused the recipient of ${what}`);
    }
    await this.sent.record(messageIdHeader, this.clock.now());
    return info;
  }
}
