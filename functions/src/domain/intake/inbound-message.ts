// What the service learns from one email sent to the report request inbox: enough to match it to a
// conference, decide whether it is safe to file, and tell the coordinator why not. The content
// itself (the report's words, the attachments' bytes) stays in the mailbox: only facts about it
// (sizes, hashes, counts) are kept.
import type { Temporal } from 'temporal-polyfill';

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
  | 'tnef';

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
  readonly attachments: readonly AttachmentFacts[];
  /** null when the trusted server's header is missing. */
  readonly authentication: AuthenticationVerdicts | null;
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
