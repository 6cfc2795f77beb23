// The service's own email, put together one way whichever adapter carries it: an outgoing email's
// fields (Gmail is handed its MIME, an SMTP relay the fields themselves) and a draft's MIME with
// its Bcc kept, so Gmail and a mail client alike show the chair who it goes to.
import type Mail from 'nodemailer/lib/mailer';
import type { DraftMail, OutgoingMail } from '../../ports';
import { mailComposer } from '../google/lazy-clients';

/**
 * Exchange's and Outlook's own header for "do not answer this" ([MS-OXCMAIL] 2.1.3.2.20): no
 * delivery receipt, no read or non-read receipt, no out-of-office, no other auto-reply. Every
 * kind but NDR, the one "All" adds: a report request that cannot be delivered must still bounce
 * back, or the coordinator never learns that a professional's address is wrong.
 */
export const AUTO_RESPONSE_SUPPRESS = 'DR, RN, NRN, OOF, AutoReply';

/**
 * What every email the service itself sends says of itself, so that no system answers it: RFC
 * 3834's Auto-Submitted (auto-replied for an acknowledgement, auto-generated for the rest) and
 * X-Auto-Response-Suppress. Drafts carry neither: the chair reads and sends them as a person.
 */
export function automaticHeaders(kind: 'auto-replied' | 'auto-generated'): Record<string, string> {
  return { 'Auto-Submitted': kind, 'X-Auto-Response-Suppress': AUTO_RESPONSE_SUPPRESS };
}

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
    headers: automaticHeaders(mail.autoSubmitted),
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
