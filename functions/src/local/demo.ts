// The demo's lifecycle, against a running local service: a Hackney initial conference with
// separated parents is booked; three professionals' reports and a parent's "My Views" arrive by
// SMTP (one late, one from an address nobody invited); the sweep is walked through the reminder
// dates on the service's own clock; the chair records the outcome; and what came out is listed
// with the paths of the files a person would open. `npm run demo` prints it; the end-to-end test
// runs the same function and checks the files.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTransport } from 'nodemailer';
import { Temporal } from 'temporal-polyfill';
import type { Role } from '../app/actor';
import { folderOf } from '../adapters/smtp/mail-dir';
import { signDevelopmentToken } from '../http/dev-token';
import type { ServiceFile } from './service-file';

/** Monday 23 November 2026, 09:00: the day the strategy discussion decided on a conference. */
export const DEMO_START = Temporal.Instant.from('2026-11-23T09:00:00Z');

const POLICE = 'dc.one@police.example.org';
const HEALTH = 'health.visitor@nhs.example.org';
const SCHOOL = 'dsl@school.example.org';
/** Monday 30 November, when the first reports come in. */
const REPORTS_ARRIVE = Temporal.Instant.from('2026-11-30T10:15:00Z');
/** The school's head writing from an address the conference never invited. */
const UNINVITED = 'head.teacher@school.example.org';
const MOTHER = 'parent.one@example.com';
const FATHER = 'parent.two@example.com';

/** A one-page PDF: real enough for intake's checks of what an attachment is. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export interface DemoReport {
  readonly from: string;
  readonly what: string;
  readonly state: string;
  readonly detail: string;
  /** Whether the sender was told it arrived (sent), or not (none: held emails get no reply). */
  readonly acknowledgement: string;
  readonly eml: string;
}

export interface DemoResult {
  readonly reference: string;
  readonly start: string;
  readonly invitations: readonly { readonly guest: string; readonly ics: readonly string[] }[];
  readonly reports: readonly DemoReport[];
  readonly sweeps: readonly { readonly at: string; readonly sent: number }[];
  readonly outbox: readonly {
    readonly kind: string;
    readonly state: string;
    readonly due: string;
    readonly to: string;
  }[];
  readonly drafts: readonly string[];
  readonly mailDir: string;
}

type Json = Record<string, unknown>;

class DemoFailure extends Error {}

/** The files in `folder` ending `suffix` that name `reference` (earlier runs' files stay in var/mail). */
async function filesIn(folder: string, suffix: string, reference: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.endsWith(suffix)).sort();
  } catch {
    return [];
  }
  const paths = names.map((n) => join(folder, n));
  const texts = await Promise.all(paths.map((path) => readFile(path, 'latin1')));
  return paths.filter((_path, i) => texts[i]?.includes(reference) === true);
}

/** 7 Dec 2026 10:30: what the council's staff would read, in the council's zone. */
export function localTime(instant: string, zone = 'Europe/London'): string {
  const t = Temporal.Instant.from(instant).toZonedDateTimeISO(zone);
  const month =
    ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][t.month - 1] ?? '';
  return `${t.day} ${month} ${t.year} ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

export async function runDemo(
  service: ServiceFile,
  secret: Buffer,
  say: (line: string) => void,
): Promise<DemoResult> {
  const token = (email: string, role: Role): string => signDevelopmentToken(secret, { email, role });
  const as = {
    coordinator: token(service.staff.coordinator, 'coordinator'),
    chair: token(service.staff.chair, 'chair'),
    manager: token(service.staff.manager, 'manager'),
  };

  const call = async (method: string, path: string, bearer: string, body?: unknown): Promise<Json> => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Json;
    if (!response.ok) {
      const error = json.error as { message?: string } | undefined;
      throw new DemoFailure(
        `${method} ${path} answered ${response.status}: ${error?.message ?? 'no reason given'}`,
      );
    }
    return json;
  };
  const setClock = async (at: Temporal.Instant): Promise<void> => {
    await call('POST', '/api/dev/clock', as.manager, { now: at.toString() });
  };
  const sweep = async (): Promise<number> => {
    const result = await call('POST', '/api/dev/sweep', as.manager);
    return Number(result.sent ?? 0);
  };

  const inbox = service.inbox;
  if (inbox === null)
    throw new DemoFailure('The running policy names no report request inbox; start with POLICY=hackney');
  const at = inbox.lastIndexOf('@');

  say('1. Booking a Hackney initial conference, parents attending separately…');
  await setClock(DEMO_START);
  const booked = await call('POST', '/api/conferences', as.coordinator, {
    idempotencyKey: `demo-${Date.now()}`,
    type: 'initial',
    start: '2026-12-07T10:30',
    strategyDiscussion: '2026-11-23',
    venue: 'Hackney Service Centre, Room 2',
    parts: [{ durationMinutes: 60 }, { durationMinutes: 60 }],
    chair: { email: service.staff.chair },
    socialWorker: { email: `social.worker@${service.domain}`, name: 'Social Worker' },
    professionals: [
      { email: POLICE, agency: 'police' },
      { email: HEALTH, agency: 'health' },
      { email: SCHOOL, agency: 'school' },
    ],
    family: [
      { email: MOTHER, relationship: 'mother', part: 1 },
      { email: FATHER, relationship: 'father', part: 2 },
    ],
    children: [{ caseReference: 'LCS-104233' }],
  });
  const reference = String(booked.reference);
  const timeline = booked.timeline as {
    start: string;
    end: string;
    reportDue: string;
    reminders: { kind: string; at: string }[];
  };
  say(
    `   ${reference}: everyone together ${localTime(timeline.start)}; reports due ${localTime(timeline.reportDue)}`,
  );
  const guests = [
    service.staff.chair,
    `social.worker@${service.domain}`,
    POLICE,
    HEALTH,
    SCHOOL,
    MOTHER,
    FATHER,
  ];
  const invitations = await Promise.all(
    guests.map(async (guest) => ({
      guest,
      ics: await filesIn(join(service.mailDir, folderOf(guest)), '.ics', reference),
    })),
  );
  const sweeps: { at: string; sent: number }[] = [{ at: DEMO_START.toString(), sent: await sweep() }];

  say('2. Reports arrive by SMTP…');
  const plus = `${inbox.slice(0, at)}+${reference.toLowerCase()}${inbox.slice(at)}`;
  const reports: DemoReport[] = [];
  const send = async (
    from: string,
    subject: string,
    text: string,
    attach: boolean,
    what: string,
  ): Promise<void> => {
    const transport = createTransport({
      host: service.smtp.host,
      port: service.smtp.port,
      secure: false,
      ignoreTLS: true,
      auth: { user: from, pass: 'demo' },
    });
    const info = await transport.sendMail({
      from,
      to: plus,
      subject,
      text,
      ...(attach
        ? {
            attachments: [
              { filename: `${what.replace(/\W+/g, '-')}.pdf`, content: PDF, contentType: 'application/pdf' },
            ],
          }
        : {}),
    });
    transport.close();
    await call('POST', '/api/dev/sync', as.manager);
    const found = await call(
      'GET',
      `/api/reports/lookup?rfc822=${encodeURIComponent(info.messageId.replace(/^<|>$/g, ''))}`,
      as.coordinator,
    );
    const report = found.report as Json;
    const state = String(report.state);
    const contribution = report.contribution as {
      kind: string;
      agency: string | null;
      timing: string;
    } | null;
    const reasons = (report.holdReasons as { code: string }[] | undefined) ?? [];
    const detail =
      contribution !== null && state === 'filed'
        ? `${contribution.kind === 'family-views' ? 'family views' : `${contribution.agency ?? ''} report`}, ${contribution.timing}`
        : reasons.map((r) => r.code).join(', ');
    const link = typeof report.link === 'string' ? report.link : '';
    reports.push({
      from,
      what,
      state,
      detail,
      acknowledgement: String(report.acknowledgement),
      eml: fileURLToPath(link),
    });
    say(`   ${what} from ${from}: ${state}${detail === '' ? '' : ` (${detail})`}`);
  };

  await setClock(REPORTS_ARRIVE);
  await send(
    POLICE,
    `Police report for ${reference}`,
    'Please find the police report attached.',
    true,
    'police report',
  );
  await send(
    MOTHER,
    `My Views - ${reference}`,
    'I want the conference to know that things at home are better.',
    false,
    'My Views',
  );
  await send(
    UNINVITED,
    `School report ${reference}`,
    'Our report is attached.',
    true,
    'school report (uninvited address)',
  );

  say('3. The sweep runs through the reminder dates…');
  const reportDue = Temporal.Instant.from(timeline.reportDue);
  const after = Temporal.Instant.from(timeline.end).add({ hours: 1 });
  const dates = [...new Set(timeline.reminders.map((r) => r.at))]
    .map((d) => Temporal.Instant.from(d))
    .filter((d) => Temporal.Instant.compare(d, REPORTS_ARRIVE) > 0)
    .sort((a, b) => Temporal.Instant.compare(a, b));
  const walk = async (date: Temporal.Instant): Promise<void> => {
    await setClock(date.add({ minutes: 1 }));
    const sent = await sweep();
    sweeps.push({ at: date.toString(), sent });
    say(`   ${localTime(date.toString())}: ${sent} sent`);
  };
  for (const date of dates.filter((d) => Temporal.Instant.compare(d, reportDue) <= 0)) await walk(date);
  // The health visitor's report comes an hour after the deadline.
  await setClock(reportDue.add({ hours: 1 }));
  await send(
    HEALTH,
    `Health report ${reference}`,
    'Sorry this is late: the report is attached.',
    true,
    'health report (late)',
  );
  for (const date of dates.filter(
    (d) => Temporal.Instant.compare(d, reportDue) > 0 && Temporal.Instant.compare(d, after) < 0,
  ))
    await walk(date);

  say('4. After the conference, the chair records the outcome…');
  await setClock(after);
  const social = `social.worker@${service.domain}`;
  await call('POST', `/api/conferences/${reference}/outcome`, as.chair, {
    attended: [social, POLICE, HEALTH, 'family-1', 'family-2'],
    children: [
      {
        caseReference: 'LCS-104233',
        scores: [
          { who: social, score: 3, reason: 'The danger statement is not yet addressed.' },
          { who: POLICE, score: 3, reason: 'Two call-outs this month.' },
          { who: HEALTH, score: 5, reason: 'Appointments are kept.' },
          { who: 'family-1', score: 7 },
        ],
        recommendations: [
          { who: POLICE, recommendation: 'child-protection-plan' },
          { who: HEALTH, recommendation: 'child-protection-plan' },
        ],
        decision: 'child-protection-plan',
        category: 'neglect',
        rationale: 'The worries about home conditions are not yet met by enough safety.',
      },
    ],
    coreGroup: { members: [social, POLICE, 'family-1', 'family-2'], firstMeeting: '2026-12-14' },
    contingency: 'If the plan is not followed, the social worker will ask for legal advice.',
  });
  sweeps.push({ at: after.toString(), sent: await sweep() });
  for (const date of dates.filter((d) => Temporal.Instant.compare(d, after) >= 0)) await walk(date);

  const outboxJson = await call('GET', `/api/conferences/${reference}/outbox`, as.coordinator);
  const messages = outboxJson.messages as {
    kind: string;
    state: string;
    dueAt: string;
    recipient: { address: string | null; role: string };
  }[];
  const outbox = messages
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .map((e) => ({
      kind: e.kind,
      state: e.state,
      due: e.dueAt,
      to: e.recipient.address ?? e.recipient.role,
    }));
  const drafts = await filesIn(
    join(service.mailDir, folderOf(service.staff.chair), 'drafts'),
    '.eml',
    reference,
  );
  return {
    reference,
    start: timeline.start,
    invitations,
    reports,
    sweeps,
    outbox,
    drafts,
    mailDir: service.mailDir,
  };
}

/** The summary a person reads at the end of `npm run demo`. */
export function summary(result: DemoResult): string {
  const lines = [
    '',
    `Conference ${result.reference}: everyone together ${localTime(result.start)} (Europe/London)`,
    '',
    'Invitations (one per guest and part; open the .ics in any calendar):',
    ...result.invitations.flatMap((i) => i.ics.map((path) => `  ${i.guest.padEnd(34)} ${path}`)),
    '',
    'Reports:',
    ...result.reports.map(
      (r) =>
        `  ${r.what.padEnd(34)} ${r.state}${r.detail === '' ? '' : `: ${r.detail}`}; sender told: ${r.acknowledgement}\n` +
        `  ${''.padEnd(34)} ${r.eml}`,
    ),
    '',
    'What the outbox did (reminders, alerts, follow-ups):',
    ...result.outbox.map(
      (e) => `  ${localTime(e.due).padEnd(18)} ${e.kind.padEnd(26)} ${e.state.padEnd(9)} ${e.to}`,
    ),
    '',
    'Drafts in the chair’s mailbox (record and decision, one plan per parent):',
    ...result.drafts.map((d) => `  ${d}`),
    '',
    `Every message the service sent is kept under ${result.mailDir}/<recipient>/, one .eml each.`,
  ];
  return lines.join('\n');
}
