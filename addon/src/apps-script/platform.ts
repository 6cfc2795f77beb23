// The Platform port (platform.ts) on Apps Script's own services: UrlFetchApp, ScriptApp,
// PropertiesService and GmailApp. Together with card-service.ts, the only code that knows it
// runs in Apps Script.
import { NetworkError, type HttpRequest, type HttpResponse, type Platform } from '../platform';

export function appsScriptPlatform(): Platform {
  return {
    fetch: fetchWithUrlFetchApp,
    identityToken() {
      // Typed string, but without the openid scope Apps Script gives null (or ""): no token.
      const token = ScriptApp.getIdentityToken() as string | null;
      return token === null || token === '' ? null : token;
    },
    scriptProperty(name) {
      return PropertiesService.getScriptProperties().getProperty(name);
    },
    messageIdHeader(messageId, accessToken) {
      try {
        // The add-on's scope only reaches the open message, and only with the token its event carried.
        GmailApp.setCurrentMessageAccessToken(accessToken);
        const header = GmailApp.getMessageById(messageId).getHeader('Message-ID');
        return header === '' ? null : header;
      } catch {
        // Reading the header is a convenience (matching a report to its conference); the card
        // still works without it, so any failure means "not known".
        return null;
      }
    },
  };
}

function fetchWithUrlFetchApp(request: HttpRequest): HttpResponse {
  const options: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method: lowerCaseMethod(request.method),
    headers: { ...request.headers },
    // A 4xx/5xx is an answer the handlers read (the service's {error} body), not an exception.
    muteHttpExceptions: true,
    // The service never redirects; following one would resend the ID token somewhere else.
    followRedirects: false,
  };
  if (request.payload !== undefined) {
    options.payload = request.payload;
    options.contentType = 'application/json';
  }
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    response = UrlFetchApp.fetch(request.url, options);
  } catch (error) {
    throw new NetworkError(
      `Could not reach ${withoutQuery(request.url)}: ${withoutQueries(messageOf(error))}`,
    );
  }
  return { status: response.getResponseCode(), body: response.getContentText() };
}

function lowerCaseMethod(method: HttpRequest['method']): GoogleAppsScript.URL_Fetch.HttpMethod {
  switch (method) {
    case 'GET':
      return 'get';
    case 'POST':
      return 'post';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
  }
}

function messageOf(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message;
  }
  return String(error);
}

// A query can carry what a person typed (a search, a case reference) and error messages end up
// in logs and on screen, so both the URL we name and UrlFetchApp's own message (which quotes the
// URL, e.g. "Address unavailable: https://…?q=…") lose theirs. Apps Script has no URL class.
function withoutQuery(url: string): string {
  return url.replace(/[?#].*$/s, '');
}

function withoutQueries(message: string): string {
  return message.replace(/(\bhttps?:\/\/[^\s?#]*)[?#]\S*/g, '$1');
}
