// Shared set-up for the fake's own specs: one domain, a few users, and the real @googleapis clients
// pointed at the fake with delegated tokens obtained through signJwt and the token endpoint.
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import { meet, type meet_v2 } from '@googleapis/meet';
import { gaxios, OAuth2Client } from 'google-auth-library';
import { delegatedAccessToken, startGoogleFake, type GoogleFake } from './index';

export const DOMAIN = 'council.example.gov.uk';
export const UNIT = `cp-unit@${DOMAIN}`;
export const CHAIR = `chair@${DOMAIN}`;
export const SERVICE_ACCOUNT = 'conference-desk@council-project.iam.gserviceaccount.com';
export const CALENDAR_EVENTS = 'https://www.googleapis.com/auth/calendar.events';
export const CALENDAR_READONLY = 'https://www.googleapis.com/auth/calendar.readonly';
export const MEET_CREATED = 'https://www.googleapis.com/auth/meetings.space.created';
export const MEET_SETTINGS = 'https://www.googleapis.com/auth/meetings.space.settings';
export const GMAIL_MODIFY = 'https://www.googleapis.com/auth/gmail.modify';
export const GMAIL_READONLY = 'https://www.googleapis.com/auth/gmail.readonly';
export const GMAIL_COMPOSE = 'https://www.googleapis.com/auth/gmail.compose';

export function startTestFake(): Promise<GoogleFake> {
  return startGoogleFake({
    domain: DOMAIN,
    users: [UNIT, 'chair'],
    serviceAccount: {
      email: SERVICE_ACCOUNT,
      delegatedScopes: [
        CALENDAR_EVENTS,
        CALENDAR_READONLY,
        MEET_CREATED,
        MEET_SETTINGS,
        GMAIL_MODIFY,
        GMAIL_READONLY,
        GMAIL_COMPOSE,
      ],
    },
  });
}

export function bearer(accessToken: string): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 3_600_000 });
  return client;
}

export async function calendarFor(
  fake: GoogleFake,
  user = UNIT,
  scopes = [CALENDAR_EVENTS],
): Promise<calendar_v3.Calendar> {
  const token = await delegatedAccessToken(fake, SERVICE_ACCOUNT, user, scopes);
  return calendar({ version: 'v3', rootUrl: `${fake.url}/`, auth: bearer(token) });
}

export async function meetFor(fake: GoogleFake, user = UNIT, scopes = [MEET_CREATED]): Promise<meet_v2.Meet> {
  const token = await delegatedAccessToken(fake, SERVICE_ACCOUNT, user, scopes);
  return meet({ version: 'v2', rootUrl: `${fake.url}/`, auth: bearer(token) });
}

export async function gmailFor(
  fake: GoogleFake,
  user = UNIT,
  scopes = [GMAIL_MODIFY],
): Promise<gmail_v1.Gmail> {
  const token = await delegatedAccessToken(fake, SERVICE_ACCOUNT, user, scopes);
  return gmail({ version: 'v1', rootUrl: `${fake.url}/`, auth: bearer(token) });
}

/** An RFC 822 message with CRLF line ends; `headers` come after the defaults and may override none of them. */
export function aMail(
  fields: {
    from?: string;
    to?: string;
    subject?: string;
    messageId?: string;
    body?: string;
    headers?: string[];
  } = {},
): string {
  const lines = [
    `From: ${fields.from ?? 'Parent One <parent@example.com>'}`,
    ...(fields.to === '' ? [] : [`To: ${fields.to ?? UNIT}`]),
    `Subject: ${fields.subject ?? 'Report for the conference'}`,
    `Message-ID: ${fields.messageId ?? `<${Math.random().toString(36).slice(2)}@mail.example.com>`}`,
    'Date: Mon, 7 Dec 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    ...(fields.headers ?? []),
    '',
    fields.body ?? 'Please find my report attached.',
  ];
  return lines.join('\r\n');
}

export interface Refusal {
  status: number;
  /** Google's error object: body.error. */
  error: {
    code?: number;
    message?: string;
    status?: string;
    errors?: { reason?: string; domain?: string; message?: string }[];
  };
}

/** The HTTP status a call ends with, whether it succeeds or Google refuses it. */
export async function statusOf(call: Promise<{ status: number }>): Promise<number> {
  try {
    return (await call).status;
  } catch (e) {
    if (e instanceof gaxios.GaxiosError && e.response !== undefined) return e.response.status;
    throw e;
  }
}

/** The HTTP status and Google error of a call expected to fail; throws if it succeeds. */
export async function refusal(call: Promise<unknown>): Promise<Refusal> {
  try {
    await call;
  } catch (e) {
    if (e instanceof gaxios.GaxiosError && e.response !== undefined) {
      const data = e.response.data as { error?: Refusal['error'] } | undefined;
      return { status: e.response.status, error: data?.error ?? {} };
    }
    throw e;
  }
  throw new Error('expected Google to refuse the request, but it succeeded');
}

/** A minimal valid timed event, an hour long on 7 December 2026. */
export function anEvent(extra: calendar_v3.Schema$Event = {}): calendar_v3.Schema$Event {
  return {
    summary: 'Initial child protection conference',
    start: { dateTime: '2026-12-07T10:00:00Z' },
    end: { dateTime: '2026-12-07T11:00:00Z' },
    ...extra,
  };
}

/** Raw HTTP for requests the clients would never send. */
export async function raw(
  fake: GoogleFake,
  method: string,
  path: string,
  init: { token?: string; body?: string; contentType?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
  const res = await fetch(`${fake.url}${path}`, {
    method,
    headers,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

/** A patch body with nulls (which delete fields), which the client's types do not allow for. */
export function withNulls(fields: Record<string, unknown>): calendar_v3.Schema$Event {
  return fields;
}
