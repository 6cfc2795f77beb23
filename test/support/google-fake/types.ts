// The fake's public surface: what tests configure, inspect and inject.
import type { calendar_v3 } from '@googleapis/calendar';
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
  /** Time zone of every user's primary calendar, used for all-day events (default Europe/London). */
  timeZone?: string;
}

/** An event as Calendar's events.get returns it. */
export type StoredEvent = calendar_v3.Schema$Event;

export type RecordedApi = 'calendar' | 'meet' | 'iam' | 'oauth' | 'certs' | 'metadata' | 'unknown';

export interface RecordedRequest {
  api: RecordedApi;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Parsed JSON (or the form fields of a /token call); the raw text when it did not parse; undefined when empty. */
  body: unknown;
  /** The user the access token acts for (the service account for signJwt and its own tokens); null when unknown. */
  subject: string | null;
  /** The HTTP status answered; 0 while the request is still being handled. */
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
   * Substring of, or pattern for, the request path. Without a path a fault matches only Calendar and
   * Meet calls; give a path to fault /token, signJwt or the certs.
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
}

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
  /** Meet spaces created (through Meet or Calendar), with the user who owns them. Deep copies. */
  spaces(): { space: meet_v2.Schema$Space; owner: string }[];
  /** One entry per (attendee, event write) Calendar would have emailed. */
  readonly notifications: readonly Notification[];
  /** Queue a fault for the next `times` matching requests. */
  inject(fault: Fault): void;
  /** Counts of Calendar/Meet calls received (refused ones included) by operation, e.g. 'calendar.events.insert'. */
  callCounts(): Record<string, number>;
  /** How many events.get calls still see a Meet createRequest as pending; applies to conferences requested later. */
  setMeetPendingReads(reads: number): void;
  /** Makes every access token issued so far expired, as an hour passing would. */
  expireAccessTokens(): void;
  /** Clears events, spaces, requests, notifications and faults, and restores meetPendingReads; issued tokens stay valid. */
  reset(): void;
  stop(): Promise<void>;
}
