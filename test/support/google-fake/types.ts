// The fake's public surface: what tests configure, inspect and inject.
import type { calendar_v3 } from '@googleapis/calendar';
import type { gmail_v1 } from '@googleapis/gmail';
import type { meet_v2 } from '@googleapis/meet';
import type { IdTokenClaims } from './id-tokens';

export interface GoogleFakeOptions {
  /** The Workspace domain; users are `<name>@<domain>`. */
  domain: string;
  /** Mailboxes that exist in the domain, as `name@domain` or bare `name` (delegation to any other subject fails with invalid_grant). */
  users: string[];
  /** The service account that may sign JWTs and the scopes an admin granted it for domain-wide delegation. */
  serviceAccount: { email: string; delegatedScopes: string[] };
  /** How many events.get calls still see a Meet createRequest as 'pending' before it turns 'success' (default 1). */
  meetPendingReads?: number;
  /** Time zone of every user's primary calendar and mailbox: all-day events, Gmail's after:/before: dates (default Europe/London). */
  timeZone?: string;
}

/** An event as Calendar's events.get returns it. */
export type StoredEvent = calendar_v3.Schema$Event;

export type RecordedApi = 'calendar' | 'meet' | 'gmail' | 'iam' | 'oauth' | 'certs' | 'metadata' | 'unknown';

export interface RecordedRequest {
  api: RecordedApi;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Parsed JSON (or the form fields of a /token call); the raw text when it did not parse; undefined when empty. */
  body: unknown;
  /** The user the access token acts for (the service account for signJwt and its own tokens); null when unknown. */
  subject: string | null;
  /** The HTTP status answered; 0 while the request is still being handled (for good under a hang fault). */
  status: number;
  /** e.g. 'calendar.events.insert'; null for auth endpoints and unknown URLs. */
  operation: string | null;
}

export interface Notification {
  to: string;
  eventId: string;
  calendarOwner: string;
  kind: 'invitation' | 'update' | 'cancellation';
}

export interface Fault {
  /** HTTP method to match (any when absent). */
  method?: string;
  /**
   * Substring of, or pattern for, the request path. Without a path a fault matches only Calendar, Meet
   * and Gmail calls; give a path to fault /token, signJwt or the certs.
   */
  path?: string | RegExp;
  /** The error to answer with; when absent the request is only delayed by delayMs. */
  status?: 429 | 403 | 500 | 503;
  /** Legacy error reason, e.g. 'userRateLimitExceeded'; defaults per status. */
  reason?: string;
  /** How many matching requests the fault answers (default 1). */
  times?: number;
  /**
   * Let this many matching requests through first (default 0). Counted from when the fault is
   * injected, over every matching request, including ones an earlier fault answered.
   */
  skip?: number;
  delayMs?: number;
  /**
   * Process the request (state changes) and then answer with the error (503 unless status says
   * otherwise): Google did the work but the response was lost.
   */
  afterProcessing?: boolean;
  /**
   * With afterProcessing (and no status): process the request, then never answer — the connection
   * stays open until the client gives up or the fake stops. The caller crashing or timing out after
   * Google did the work.
   */
  hang?: boolean;
}

/** A guest's answer to an invitation, as Calendar keeps it in attendees[].responseStatus. */
export type AttendeeResponse = 'accepted' | 'declined' | 'tentative' | 'needsAction';

export interface GoogleFake {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  /** url + '/token' (OAuth token endpoint). */
  readonly tokenUrl: string;
  /** url + '/oauth2/v1/certs' (Google ID-token PEM certificates: {kid: pem}). */
  readonly certsUrl: string;
  /** A key file for the service account, as downloaded from the console (local runs only; the token endpoint trusts its key). */
  serviceAccountKeyFile(): {
    type: 'service_account';
    client_email: string;
    private_key_id: string;
    private_key: string;
    token_uri: string;
  };
  /** host:port of the fake's GCE metadata server (GCE_METADATA_HOST), which gives the service account its own token. */
  readonly metadataHost: string;
  /** An access token for the service account itself (what the metadata server would give it), good for signJwt only. */
  serviceAccountAccessToken(): string;
  /** A Google-style ID token (RS256, kid header) signed with the key served at certsUrl. Claims given override defaults. */
  idToken(claims: IdTokenClaims): string;
  /** Every request received, in order (including refused ones). */
  readonly requests: readonly RecordedRequest[];
  /** Events as stored (as events.get would return them, including cancelled ones), per calendar owner. Deep copies. */
  events(calendarOwner: string): StoredEvent[];
  /**
   * Records a guest's reply to an invitation, as if they answered it: sets that attendee's
   * responseStatus and, as Calendar does for a reply, moves the event's updated and etag but not its
   * sequence. Throws when the calendar has no such event (or it is cancelled) or the event no such
   * attendee.
   */
  respond(calendarOwner: string, eventId: string, attendeeEmail: string, response: AttendeeResponse): void;
  /** Meet spaces created (through Meet or Calendar), with the user who owns them. Deep copies. */
  spaces(): { space: meet_v2.Schema$Space; owner: string }[];
  /** One entry per (attendee, event write) Calendar would have emailed. */
  readonly notifications: readonly Notification[];
  /** Queue a fault for the next `times` matching requests. */
  inject(fault: Fault): void;
  /** Counts of Calendar/Meet/Gmail calls received (refused ones included) by operation, e.g. 'calendar.events.insert'. */
  callCounts(): Record<string, number>;
  /** How many events.get calls still see a Meet createRequest as pending; applies to conferences requested later. */
  setMeetPendingReads(reads: number): void;
  /** Makes every access token issued so far expired, as an hour passing would. */
  expireAccessTokens(): void;
  /** Gmail mailboxes of the domain's users: deliver mail, inspect what was sent, labels, history and the watch. */
  readonly gmail: GmailFake;
  /** Clears events, spaces, mailboxes, requests, notifications and faults, and restores meetPendingReads; issued tokens stay valid. */
  reset(): void;
  stop(): Promise<void>;
}

/** A Gmail message as stored (a copy). */
export interface GmailStoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  internalDate: Date;
  /** The RFC 822 bytes, as messages.get format=raw returns them (after Gmail's rewrites for sent and drafted mail). */
  raw: Buffer;
  /** The history id of the message's last change. */
  historyId: string;
}

/** A Gmail draft as stored (a copy): its draft id and the message (label DRAFT) it wraps. */
export interface GmailStoredDraft {
  /** The draft id, `r` and a signed decimal, e.g. r-5369394283914578520. */
  id: string;
  message: GmailStoredMessage;
}

export interface GmailDeliverOptions {
  /** Default ['INBOX', 'UNREAD']. */
  labelIds?: string[];
  /** Default now. */
  internalDate?: Date;
  /** Put the message in this existing thread; by default it joins the thread whose Message-ID it references with the same subject, else a new one. */
  threadId?: string;
}

/** The mailbox's push watch (users.watch), as Gmail keeps it. */
export interface GmailWatch {
  topicName: string;
  labelIds: string[];
  labelFilterBehavior: 'include' | 'exclude' | null;
  /** The mailbox's history id when the watch was made. */
  historyId: string;
  expiration: Date;
}

export type GmailLabel = gmail_v1.Schema$Label;

/**
 * Test-facing access to Gmail mailboxes. `user` is a domain user, as `name@domain` or bare `name`;
 * anyone else throws.
 */
export interface GmailFake {
  /** Puts a message in the mailbox as if received over SMTP (a messageAdded history record). */
  deliver(
    user: string,
    raw: Buffer | string,
    opts?: GmailDeliverOptions,
  ): { id: string; threadId: string; historyId: string };
  message(user: string, id: string): GmailStoredMessage | undefined;
  /** Every message in the mailbox, in arrival order. */
  messages(user: string): GmailStoredMessage[];
  /** The messages sent through messages.send or drafts.send (label SENT), in order. */
  sent(user: string): GmailStoredMessage[];
  /** The drafts drafts.create made and nothing has sent or deleted yet, in creation order. */
  drafts(user: string): GmailStoredDraft[];
  /** labels.get's view of every label (system and user), with counts. */
  labels(user: string): GmailLabel[];
  /** The names of a message's labels (user labels by name, system ones by id). */
  labelNames(user: string, messageId: string): string[];
  /** The mailbox's current history id. */
  historyId(user: string): string;
  /** Drops history up to and including `historyId`; history.list from an older startHistoryId answers 404. */
  forgetHistoryBefore(user: string, historyId: string): void;
  /** Drops all history so far, as a week passing would: any earlier startHistoryId answers 404. */
  expireHistory(user: string): void;
  watch(user: string): GmailWatch | undefined;
  /** Deletes a message as a person would (messageDeleted history). */
  delete(user: string, id: string): void;
}
