// The service's own email, put together one way whichever adapter carries it: an outgoing email's
// fields (Gmail is handed its MIME, an SMTP relay the fields themselves) and a draft's MIME with
// its Bcc kept, so Gmail and a mail client alike show the chair who it goes to.
import type Mail from 'nodemailer/lib/mailer';
import type { DraftMail, OutgoingMail } from '../../ports';
import { mailComposer } from '../google/lazy-clients';

export function outgoingMessage(from: string, mail: OutgoingMail): Mail.Options {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageIdHeader,
    ...(mail.inReplyTo === null ? {} : { inReplyTo: mail.inReplyTo, references: mail.inReplyTo }),
    ...(mail.replyTo === null ? {} : { replyTo: mail.replyTo }),
    headers: { 'Auto-Submitted': mail.autoSubmitted ?? 'auto-replied' },
  };
}

export async function outgoingMime(from: string, mail: OutgoingMail): Promise<Buffer> {
  const MailComposer = mailComposer();
  return new MailComposer(outgoingMessage(from, mail)).compile().build();
}

export async function draftMime(
  owner: string,
  mail: DraftMail,
  headers: Readonly<Record<string, string>> = {},
): Promise<Buffer> {
  const MailComposer = mailComposer();
  const node = new MailComposer({
    from: owner,
    to: [...mail.to],
    bcc: [...mail.bcc],
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageIdHeader,
    ...(mail.replyTo === null ? {} : { replyTo: mail.replyTo }),
    headers: { ...headers },
  }).compile();
  // A draft must keep its Bcc header, or nobody would be shown to send it to.
  node.keepBcc = true;
  return node.build();
}
