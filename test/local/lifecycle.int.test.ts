// End to end on the smtp adapter set, as `npm start` runs it: the demo's lifecycle (booking,
// invitations, reports by SMTP, the sweep through the reminder dates, the outcome) against the
// real local service on the Firestore emulator, with every message over real SMTP on loopback
// into the embedded server. What it leaves on disk is then read by independent parsers: every
// .eml by mailparser, every .ics by ical.js.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import { Temporal } from 'temporal-polyfill';
import { signDevelopmentToken } from '../../functions/src/http/dev-token';
import { DEMO_START, runDemo, summary, type DemoResult } from '../../functions/src/local/demo';
import { LOCAL_STAFF } from '../../functions/src/local/local-env';
import type { LocalService } from '../../functions/src/local/local-service';
import type { ServiceFile } from '../../functions/src/local/service-file';
import { hackneyBooking } from '../support/bookings';
import { startTestLocalService } from '../support/local-service';

const POLICE = 'dc.one@police.example.org';
const MOTHER = 'parent.one@example.com';
const FATHER = 'parent.two@example.com';
const INBOX = 'childprotectioninvitereportrequest@hackney.gov.uk';

let service: LocalService;
let described: ServiceFile;
let secret: Buffer;
let result: DemoResult;
let printed: string[];

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => path.endsWith(suffix) && statSync(path).isFile());
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

interface Invitation {
  readonly method: string;
  readonly uid: string;
  readonly sequence: number;
  readonly status: string;
  readonly summary: string;
  readonly attendees: string[];
  readonly tzid: unknown;
  readonly start: Temporal.Instant;
  readonly end: Temporal.Instant;
}

/** One .ics read by ical.js, with the VTIMEZONE it carries as the only zone ical.js knows. */
function readIcs(text: string): Invitation {
  const calendar = ICAL.Component.fromString(text);
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (vevent === null) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  const instant = (time: ICAL.Time): Temporal.Instant =>
    Temporal.Instant.fromEpochMilliseconds(time.toJSDate().getTime());
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue('status')),
    summary: event.summary,
    attendees: vevent.getAllProperties('attendee').map((p) =>
      String(p.getFirstValue())
        .replace(/^mailto:/i, '')
        .toLowerCase(),
    ),
    tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
    start: instant(event.startDate),
    end: instant(event.endDate),
  };
}

function icsOf(guest: string, reference: string): Invitation[] {
  return files(join(described.mailDir, guest), '.ics')
    .map((path) => readFileSync(path, 'utf8'))
    .filter((text) => text.includes(reference))
    .map(readIcs);
}

async function call(method: string, path: string, role: 'coordinator' | 'chair' | 'manager', body?: unknown) {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${signDevelopmentToken(secret, { email: LOCAL_STAFF[role], role })}`,
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  ({ service, described, secret } = await startTestLocalService('conference-desk-local-'));
  printed = [];
  result = await runDemo(described, secret, (line) => printed.push(line));
}, 120_000);

afterAll(async () => {
  await service.stop();
});

describe('the demo lifecycle on the smtp adapters', () => {
  it('books the conference and files, holds and times each email as a coordinator expects', () => {
    expect(result.reference).toMatch(/^CPC-[0-9A-Z]{4}$/);
    expect(result.reports.map((r) => [r.what, r.state, r.detail, r.acknowledgement])).toEqual([
      ['police report', 'filed', 'police report, on-time', 'sent'],
      ['My Views', 'filed', 'family views, on-time', 'sent'],
      ['school report (uninvited address)', 'held', 'sender-not-invited', 'none'],
      ['health report (late)', 'filed', 'health report, late', 'sent'],
    ]);
    for (const report of result.reports)
      expect(report.eml.startsWith(join(described.mailDir, INBOX))).toBe(true);
  });

  it('sends one invitation per guest and part, each naming only that guest, in Europe/London time', async () => {
    const { body } = await call('GET', `/api/conferences/${result.reference}`, 'coordinator');
    const timeline = body.timeline as {
      audiences: { audience: string; part: number; arrive: string; end: string }[];
    };
    const slot = (audience: string, part: number) => {
      const found = timeline.audiences.find((a) => a.audience === audience && a.part === part);
      if (found === undefined) throw new Error(`no ${audience} part ${part}`);
      return { start: Temporal.Instant.from(found.arrive), end: Temporal.Instant.from(found.end) };
    };
    const mother = icsOf(MOTHER, result.reference);
    const father = icsOf(FATHER, result.reference);
    const police = icsOf(POLICE, result.reference);
    const chair = icsOf(LOCAL_STAFF.chair, result.reference);
    expect([mother.length, father.length, police.length, chair.length]).toEqual([1, 1, 2, 4]);
    // Separated parents: each only in their own part, never on an invitation with the other.
    expect(mother[0]).toMatchObject({
      method: 'REQUEST',
      attendees: [MOTHER],
      tzid: 'Europe/London',
      sequence: 0,
    });
    expect(mother[0]?.start).toEqual(slot('family', 1).start);
    expect(father[0]?.start).toEqual(slot('family', 2).start);
    expect(police.map((p) => p.start.toString()).sort()).toEqual(
      [slot('professionals', 1).start.toString(), slot('professionals', 2).start.toString()].sort(),
    );
    for (const invitation of [...mother, ...father, ...police, ...chair]) {
      expect(invitation.attendees).toHaveLength(1);
      expect(invitation.summary).toMatch(
        new RegExp(`^Conference ${result.reference} \\((family|professionals), part [12]\\)$`),
      );
    }
    // 10:00 in London on 7 December is 10:00 UTC (GMT); the file says so in local time.
    expect(readFileSync(files(join(described.mailDir, MOTHER), '.ics')[0] ?? '', 'utf8')).toMatch(
      /DTSTART;TZID=Europe\/London:20261207T\d{6}\r\n/,
    );
  });

  it('keeps every message as an .eml that mailparser reads, and no family member is sent another’s address', async () => {
    const emls = files(described.mailDir, '.eml');
    expect(emls.length).toBeGreaterThan(40);
    for (const path of emls) {
      const mail: ParsedMail = await simpleParser(readFileSync(path));
      expect(mail.messageId).toMatch(/^<.+@.+>$/);
      expect(addresses(mail.from)).toHaveLength(1);
      expect(mail.date).toBeInstanceOf(Date);
      const folder = path.slice(described.mailDir.length + 1).split('/')[0];
      const text = readFileSync(path, 'latin1').toLowerCase();
      const other = folder === MOTHER ? FATHER : folder === FATHER ? MOTHER : null;
      expect(other !== null && text.includes(other)).toBe(false);
    }
  });

  it('acknowledges the police report in its thread and says the late report was late', async () => {
    const police = await Promise.all(
      files(join(described.mailDir, POLICE), '.eml').map(async (p) => simpleParser(readFileSync(p))),
    );
    const ack = police.find((m) => m.headers.get('auto-submitted') === 'auto-replied');
    expect(ack?.inReplyTo).toMatch(/^<.+>$/);
    const health = await Promise.all(
      files(join(described.mailDir, 'health.visitor@nhs.example.org'), '.eml').map(async (p) =>
        simpleParser(readFileSync(p)),
      ),
    );
    const late = health.find((m) => m.headers.get('auto-submitted') === 'auto-replied');
    expect(late?.text ?? '').toMatch(/late|after/i);
  });

  it('walks the sweep through the reminder dates and leaves the record and decision as drafts in the chair’s folder', async () => {
    expect(result.sweeps.filter((s) => s.sent > 0).length).toBeGreaterThanOrEqual(4);
    const kinds = new Set(result.outbox.filter((e) => e.state === 'sent').map((e) => e.kind));
    for (const kind of [
      'report-request',
      'report-reminder',
      'day-before-family',
      'day-before-professionals',
      'record-and-decision',
    ]) {
      expect(kinds).toContain(kind);
    }
    // The police report came in on time: no reminder chased it.
    expect(result.outbox.find((e) => e.kind === 'report-reminder' && e.to === POLICE)?.state).toBe('skipped');
    expect(result.drafts).toHaveLength(3);
    const drafts = await Promise.all(result.drafts.map(async (d) => simpleParser(readFileSync(d))));
    for (const draft of drafts) {
      expect(draft.headers.get('x-unsent')).toBe('1');
      expect(draft.subject).toContain(result.reference);
    }
    const lines = summary(result);
    expect(lines).toContain(`Conference ${result.reference}`);
    expect(lines).toContain(result.drafts[0]);
    expect(printed.join('\n')).toContain('4. After the conference');
  });
});

describe('invitations on the smtp adapters', () => {
  it('updates every guest’s invitation on a reschedule (same UID, next SEQUENCE) and cancels it on a cancel', async () => {
    await call('POST', '/api/dev/clock', 'manager', { now: DEMO_START.toString() });
    const booked = await call(
      'POST',
      '/api/conferences',
      'coordinator',
      hackneyBooking({ chair: { email: LOCAL_STAFF.chair } }),
    );
    expect(booked.status).toBe(201);
    const reference = String(booked.body.reference);
    const [first] = icsOf(POLICE, reference);
    expect(first).toMatchObject({ method: 'REQUEST', sequence: 0, status: 'CONFIRMED' });

    const moved = await call('PATCH', `/api/conferences/${reference}`, 'coordinator', {
      start: '2026-12-08T14:00',
      reason: 'Chair unavailable',
    });
    expect(moved.status).toBe(200);
    const afterMove = icsOf(POLICE, reference).sort((a, b) => a.sequence - b.sequence);
    expect(afterMove.map((i) => [i.method, i.uid, i.sequence])).toEqual([
      ['REQUEST', first?.uid, 0],
      ['REQUEST', first?.uid, 1],
    ]);
    // 14:00 London, and the professionals join after the family's time with the chair.
    expect(
      Temporal.Instant.compare(
        afterMove[1]?.start ?? DEMO_START,
        Temporal.Instant.from('2026-12-08T14:00:00Z'),
      ),
    ).toBeGreaterThanOrEqual(0);

    const cancelled = await call('DELETE', `/api/conferences/${reference}`, 'coordinator', {
      reason: 'Family moved away',
    });
    expect(cancelled.status).toBe(200);
    const last = icsOf(POLICE, reference)
      .sort((a, b) => a.sequence - b.sequence)
      .at(-1);
    expect(last).toMatchObject({ method: 'CANCEL', uid: first?.uid, sequence: 2, status: 'CANCELLED' });
  });

  it('counts a guest’s reply sent by email to the calendar owner, and not one forged in their name', async () => {
    await call('POST', '/api/dev/clock', 'manager', { now: DEMO_START.toString() });
    const booked = await call(
      'POST',
      '/api/conferences',
      'coordinator',
      hackneyBooking({ chair: { email: LOCAL_STAFF.chair } }),
    );
    const reference = String(booked.body.reference);
    const [invitation] = icsOf(POLICE, reference);
    const reply = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//EN',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      `UID:${invitation?.uid ?? ''}`,
      'SEQUENCE:0',
      'DTSTAMP:20261124T090000Z',
      `ATTENDEE;PARTSTAT=DECLINED:mailto:${POLICE}`,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const decline = async (signIn: string | null): Promise<string[]> => {
      const transport = createTransport({
        host: service.smtp.host,
        port: service.smtp.port,
        secure: false,
        ignoreTLS: true,
        ...(signIn === null ? {} : { auth: { user: signIn, pass: 'x' } }),
      });
      await transport.sendMail({
        from: POLICE,
        to: described.calendarOwner,
        subject: `Declined: Conference ${reference} (professionals)`,
        text: 'Declined',
        icalEvent: { method: 'REPLY', content: reply },
      });
      transport.close();
      const { body } = await call('GET', `/api/conferences/${reference}`, 'coordinator');
      return (body.quorum as { declinedAgencies: string[] }).declinedAgencies;
    };
    // Written in the officer's name by someone who did not sign in as them: not counted.
    expect(await decline(null)).toEqual([]);
    expect(await decline(MOTHER)).toEqual([]);
    // The only police officer invited said no: quorum can no longer count on the police.
    expect(await decline(POLICE)).toEqual(['police']);
  });
});

describe('who may hand mail to the embedded server', () => {
  async function deliver(options: {
    signIn: boolean;
    headers?: Record<string, string>;
  }): Promise<Record<string, unknown>> {
    const transport = createTransport({
      host: service.smtp.host,
      port: service.smtp.port,
      secure: false,
      ignoreTLS: true,
      ...(options.signIn ? { auth: { user: POLICE, pass: 'x' } } : {}),
    });
    const info = await transport.sendMail({
      from: POLICE,
      to: `childprotectioninvitereportrequest+${result.reference.toLowerCase()}@hackney.gov.uk`,
      subject: `Police report ${result.reference}`,
      text: 'Report attached.',
      attachments: [
        { filename: 'report.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n'), contentType: 'application/pdf' },
      ],
      ...(options.headers === undefined ? {} : { headers: options.headers }),
    });
    transport.close();
    await call('POST', '/api/dev/sync', 'manager');
    const found = await call(
      'GET',
      `/api/reports/lookup?rfc822=${encodeURIComponent(info.messageId.replace(/^<|>$/g, ''))}`,
      'coordinator',
    );
    return found.body.report as Record<string, unknown>;
  }

  it('holds an email from someone who did not sign in as the From address, even with a forged pass in our name', async () => {
    const unsigned = await deliver({ signIn: false });
    expect(unsigned.state).toBe('held');
    expect(JSON.stringify(unsigned.holdReasons)).toContain('not-authenticated');
    const forged = await deliver({
      signIn: false,
      headers: {
        'Authentication-Results': 'conference-desk.localhost; dmarc=pass header.from=police.example.org',
      },
    });
    expect(forged.state).toBe('held');
    expect(JSON.stringify(forged.holdReasons)).toContain('not-authenticated');
  });
});
