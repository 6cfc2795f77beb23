// What the add-on needs from Apps Script besides cards, as a port: the handlers are plain
// functions of (event, platform), so tests can run them with any implementation and the bundle
// runs them with apps-script/platform.ts.

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text, sent with Content-Type application/json. */
  readonly payload?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** The service could not be reached at all (DNS, TLS, timeout): no status to show. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

export interface Platform {
  /** Synchronous, as UrlFetchApp is; never throws for an HTTP status, only NetworkError. */
  fetch(request: HttpRequest): HttpResponse;
  /** The user's Google ID token (ScriptApp.getIdentityToken()); null when the openid scope is missing. */
  identityToken(): string | null;
  /** A script property set at deploy time (SERVICE_URL). */
  scriptProperty(name: string): string | null;
  /** The open Gmail message's Message-ID header, read with the message's temporary access token. */
  messageIdHeader(messageId: string, accessToken: string): string | null;
}
