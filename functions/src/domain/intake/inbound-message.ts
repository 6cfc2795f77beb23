// What the service learns from one email sent to the report request inbox: enough to match it to a
// conference, decide whether it is safe to file, and tell the coordinator why not. The content
// itself (the report's words, the attachments' bytes) stays in the mailbox: only facts about it
// (sizes, hashes, counts) are kept.
import type { Temporal } from 'temporal-polyfill';
import type { Rsvp } from '../quorum';

export interface MailAddress {
  /** Lower-cased. */
  readonly address: string;
  /** The display name as sent; personal data: shown to coordinators, never logged. */
  readonly name: string;
}

/** What inspecting an attachment's bytes (not just its name) found. */
export type AttachmentFinding =
  /** Windows/ELF/Mach-O executable or a script header (MZ, \x7fELF, #!). */
  | 'executable-content'
  /** An Office VBA project (vbaProject.bin in OOXML, _VBA_PROJECT in OLE files). */
  | 'macro-project'
  /** A ZIP whose entries are encrypted (general-purpose flag bit 0). */
  | 'encrypted-archive'
  /** A ZIP holding an entry whose name is a type that can carry code. */
  | 'risky-archive-entry'
  /** An archive format the service cannot look inside (7z, RAR), so it cannot tell if it is safe. */
  | 'uninspectable-archive'
  /** Outlook's winmail.dat (TNEF): the real attachments are inside and cannot be checked. */
  | 'tnef'
  /** HTML, SVG or XML that can run or fetch something: script, event handlers, javascript: links, external entities. */
  | 'active-content'
  /** A PDF with JavaScript, a launch action, embedded files or rich media. */
  | 'pdf-actions'
  /** Bytes of a type that can carry code (HTML, SVG, XML) behind a document's name or declared type. */
  | 'disguised-content'
  /** An archive inside an archive, or an email inside one: its contents cannot be seen. */
  | 'nested-archive'
  /** Attached emails nested deeper than the service opens. */
  | 'nested-too-deep'
  /** An attached email (or Outlook .msg) the service could not open to check what it carries. */
  | 'unreadable-message';

export interface AttachmentFacts {
  /** As sent (decoded); null when the part had none. */
  readonly filename: string | null;
  /** Lower-cased MIME type as declared by the sender. */
  readonly contentType: string;
  /** Decoded size in bytes. */
  readonly size: number;
  /** SHA-256 of the decoded bytes, lower-case hex. */
  readonly sha256: string;
  readonly findings: readonly AttachmentFinding[];
  /**
   * The attached emails this part was found inside, outermost first, by file name ("" for an
   * unnamed one); empty for a part of the email itself.
   */
  readonly within: readonly string[];
  /** Shown inside the body (inline, with a Content-ID): a logo or a pasted picture, not a file sent. */
  readonly inline: boolean;
  /** What a text/calendar part says (iTIP, RFC 5546); null for any other part. */
  readonly calendar: CalendarFacts | null;
}

/** The iTIP method of a calendar part and, for a REPLY, whose answer to which event it is. */
export interface CalendarFacts {
  /** Upper-cased: REQUEST, REPLY, CANCEL, COUNTER, REFRESH, …; null when it names none. */
  readonly method: string | null;
  readonly reply: {
    readonly uid: string;
    readonly sequence: number;
    /** Lower-cased. */
    readonly attendee: string;
    readonly answer: Rsvp;
  } | null;
}

/**
 * What the top-level headers say about whether a program sent the message (RFC 3834) and what
 * kind of message it is (RFC 6522 multipart/report). Header values, lower-cased; null when absent.
 */
export interface MessageOrigin {
  /** Auto-Submitted's keyword, without parameters or comments. */
  readonly autoSubmitted: string | null;
  readonly xAutoreply: string | null;
  readonly xAutorespond: string | null;
  readonly precedence: string | null;
  /**
   * The topmost Return-Path, which the delivering server writes from the envelope (RFC 5321
   * 4.4): '' for the null reverse-path <> that bounces and receipts use.
   */
  readonly returnPath: string | null;
  /** The message's own media type, e.g. multipart/report. */
  readonly contentType: string;
  /** multipart/report's report-type, e.g. delivery-status. */
  readonly reportType: string | null;
}

/**
 * A delivery status notification (RFC 3464) or a read receipt (RFC 8098), as far as intake
 * reads one: for whom it reports, and which message it is about.
 */
export interface MessageReport {
  /** Per recipient: the address (Final-Recipient), its Action (failed, delayed, …) and Status (5.1.1). */
  readonly recipients: readonly {
    readonly address: string;
    readonly action: string | null;
    readonly status: string | null;
  }[];
  /** The message it is about, from the returned headers or Original-Message-ID; null when it names none. */
  readonly original: {
    readonly messageIdHeader: string | null;
    /** To and Cc of the returned message, lower-cased. */
    readonly recipients: readonly string[];
    /** Reply-To of the returned message: the service's own carry a conference's plus address. */
    readonly replyTo: readonly string[];
    readonly subject: string | null;
  } | null;
}

/** One method's result from an Authentication-Results header (RFC 8601), lower-cased. */
export interface AuthMethodResult {
  /** pass, fail, softfail, neutral, none, temperror, permerror, policy, … */
  readonly result: string;
  /** The domain it speaks for: smtp.mailfrom's domain (SPF), header.d / header.i's domain (DKIM), header.from (DMARC). */
  readonly domain: string | null;
}

/** The verdicts the council's own receiving server stamped; other such headers are forgeable and ignored. */
export interface AuthenticationVerdicts {
  readonly authservId: string;
  readonly spf: AuthMethodResult | null;
  readonly dkim: readonly AuthMethodResult[];
  readonly dmarc: AuthMethodResult | null;
}

export interface InboundMessage {
  /** The Message-ID header without angle brackets; null when missing. */
  readonly messageIdHeader: string | null;
  /** Every From address (normally one). */
  readonly from: readonly MailAddress[];
  /** Addresses in To and Cc (lower-cased, de-duplicated), capped at `recipientLimit`; see recipientCount. */
  readonly recipients: readonly string[];
  /** How many To/Cc addresses the headers named in all, before the cap. */
  readonly recipientCount: number;
  /** Delivered-To and X-Original-To addresses (lower-cased): where the receiving server put it. */
  readonly deliveredTo: readonly string[];
  readonly subject: string | null;
  /** The Date header; the sender's claim, so lateness uses the mailbox's received time instead. */
  readonly date: Temporal.Instant | null;
  /** Whether any readable text (plain, or HTML turned into text) is there, and how much. */
  readonly textCharacters: number;
  /**
   * Addresses and Message-IDs (without angle brackets) the text mentions, the first few of each,
   * lower-cased: a bounce written as plain text says only there whose address failed and which
   * email it returns. Personal data: never logged, and kept only as an invitee a bounce names.
   */
  readonly mentioned: { readonly addresses: readonly string[]; readonly messageIds: readonly string[] };
  readonly attachments: readonly AttachmentFacts[];
  /** null when the trusted server's header is missing. */
  readonly authentication: AuthenticationVerdicts | null;
  readonly origin: MessageOrigin;
  /** Set for a multipart/report (a bounce or a receipt). */
  readonly report: MessageReport | null;
  /** Bytes of MIME read. */
  readonly size: number;
}

/** Why a message could not be read in full. */
export type UnreadableReason =
  /** Over the size limit: reading stopped there (headers may still be known). */
  | 'too-large'
  /** The MIME could not be parsed (an exception or a stream error). */
  | 'malformed'
  /** Parsed, but no text and no attachments: malformed MIME can lose content silently. */
  | 'empty';

export type ReadOutcome =
  | { readonly kind: 'read'; readonly message: InboundMessage }
  | {
      readonly kind: 'unreadable';
      readonly reason: UnreadableReason;
      /** Whatever was learnt before reading stopped; null when not even the headers were. */
      readonly partial: InboundMessage | null;
      /** For the coordinator and logs: no content, no addresses. */
      readonly detail: string;
    };
