// The add-on as coordinators and chairs use it: the built bundle in a VM with Apps Script's
// services as doubles, calling the real `api` function on the Firestore emulator (with the
// strict Google fake behind it). Every card is checked against Google's card schema and every
// action it names must be a top-level function of the bundle (test/support/addon-driver.ts).
// With ADDON_RECORD_DIR set, the screens are recorded for `npm run addon:preview`.
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { ACTIONS } from '../../addon/src/cards/widgets';
import {
  ADDON_AUDIENCE,
  REPORT_INBOX,
  startApi,
  testClock,
  type Api,
  type TestClock,
} from '../support/api-harness';
import { CHAIR, COORDINATOR, hackneyBooking, NOW, UNIT_MAILBOX } from '../support/bookings';
import { called, problemUnder, record, Sidebar, textOf, widgetsOf } from '../support/addon-driver';
import { startAddonVm, type AddonVm } from '../support/addon-vm';
import { reportMail } from '../support/report-mail';

let api: Api;
let vm: AddonVm;
let clock: TestClock;

beforeAll(async () => {
  vm = await startAddonVm();
});

afterAll(async () => {
  await vm.stop();
});

beforeEach(async () => {
  clock = testClock(NOW);
  api = await startApi({ clock });
  // The intake starts reading the report inbox from its first notification.
  const pushed = await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
  if (pushed.status !== 204) throw new Error(`the first Gmail notification was answered ${pushed.status}`);
});

afterEach(async () => {
  await api.stop();
});

function sidebar(email: string, host?: ConstructorParameters<typeof Sidebar>[2]): Sidebar {
  return new Sidebar(
    vm,
    {
      identityToken: api.token(email),
      // As deployed: the service's address and the audience its ADDON_AUDIENCE names.
      scriptProperties: { SERVICE_URL: api.url, SERVICE_AUDIENCE: ADDON_AUDIENCE },
    },
    host,
  );
}

async function book(overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const { status, body } = await api.call('POST', '/conferences', { body: hackneyBooking(overrides) });
  expect(status).toBe(201);
  return body;
}

function eventOf(conference: Record<string, unknown>, audience: string): string {
  const events = conference.events as { audience: string; eventId: string }[];
  const found = events.find((e) => e.audience === audience);
  if (found === undefined) throw new Error(`no ${audience} event`);
  return found.eventId;
}

describe('the bundle', () => {
  it('declares every function the manifest and the cards name at top level', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../addon/appsscript.json'), 'utf8')) as {
      addOns: Record<string, Record<string, unknown>>;
    };
    const named = JSON.stringify(manifest.addOns).match(/"(?:runFunction|onTriggerFunction)":"(\w+)"/g) ?? [];
    const triggers = named.map((n) => n.replace(/.*:"(\w+)"/, '$1'));
    expect(triggers.sort()).toEqual([
      'onCalendarEventOpen',
      'onGmailMessageOpen',
      'onHomepage',
      'onHomepage',
      'onHomepage',
    ]);
    for (const name of [...triggers, ...Object.values(ACTIONS)]) expect(vm.functions).toContain(name);
  });
});

describe('booking from the sidebar', () => {
  it('shows the service’s problems on their fields, previews the timeline, then books through the real API', async () => {
    const coordinator = sidebar(COORDINATOR);
    const home = await coordinator.open('onHomepage');
    expect(textOf(home)).toContain('No conferences are booked');

    await coordinator.press('Book a conference');
    expect(coordinator.card.name).toBe('booking-form');
    record('booking-form', 'Booking form', coordinator.card);

    await coordinator.press('Check and preview', {
      start: { dateTime: '2026-12-07T10:30' },
      strategyDiscussion: { date: '2026-11-23' },
      chair: 'chair.one',
      'socialWorker.email': 'social.worker@hackney.gov.uk',
      'professionals.0.email': '',
      'professionals.1.email': 'health.visitor@nhs',
      'professionals.2.email': 'dsl@school.example.org',
      'family.0.email': 'parent.one@example.com',
      children: 'LCS-104233',
    });
    const invalid = coordinator.card;
    expect(invalid.name).toBe('booking-form');
    expect(coordinator.notification).toMatch(/see the fields marked/);
    expect(problemUnder(invalid, 'chair')).toMatch(/email/i);
    // The police row was left empty, so the API's professionals[0] is the health row.
    expect(problemUnder(invalid, 'professionals.1.email')).toMatch(/email/i);
    expect(problemUnder(invalid, 'professionals.2.email')).toBeUndefined();
    record(
      'booking-problems',
      'Booking form: the service’s problems on their fields',
      invalid,
      coordinator.notification,
    );
    expect(await api.call('GET', '/conferences?from=2026-11-23&to=2027-01-31')).toMatchObject({
      body: { conferences: [] },
    });

    await coordinator.press('Check and preview', {
      chair: CHAIR,
      'professionals.0.email': 'dc.one@police.example.org',
      'professionals.1.email': 'health.visitor@nhs.example.org',
    });
    const previewed = coordinator.card;
    expect(widgetsOf(previewed).some((w) => 'textParagraph' in w && w.textParagraph.text.includes('⚠'))).toBe(
      false,
    );
    expect(previewed.sections[0]?.header).toBe('Check the timeline before booking');
    const preview = textOf(previewed.sections[0]);
    expect(preview).toContain('Monday 7 December 2026, 10:30');
    expect(preview).toContain('Arrive 10:00'); // the family, 30 minutes before (Hackney)
    expect(preview).toContain('Arrive 10:30');
    expect(previewed.fixedFooter?.primaryButton.text).toBe('Book and send invitations');
    record('booking-preview', 'Booking form: the timeline before booking', previewed);

    // A change after the preview is previewed again, never booked unseen.
    await coordinator.press('Book and send invitations', { venue: 'Hackney Service Centre, Room 3' });
    expect(coordinator.notification).toMatch(/changed since the preview/);
    expect((await api.call('GET', '/conferences?from=2026-11-23&to=2027-01-31')).body.conferences).toEqual(
      [],
    );

    await coordinator.press('Book and send invitations');
    expect(coordinator.notification).toMatch(/^Booked CPC-\w{4}: the invitations are sent/);
    const reference = /CPC-\w{4}/.exec(coordinator.notification ?? '')?.[0] ?? '';
    expect(coordinator.card).toMatchObject({ name: 'conference', header: { title: reference } });
    const stored = await api.call('GET', `/conferences/${reference}`);
    expect(stored.body).toMatchObject({
      status: 'booked',
      start: '2026-12-07T10:30:00+00:00',
      venue: 'Hackney Service Centre, Room 3',
      invitees: {
        chair: { email: CHAIR },
        professionals: [
          { email: 'dc.one@police.example.org', agency: 'police' },
          { email: 'health.visitor@nhs.example.org', agency: 'health' },
          { email: 'dsl@school.example.org', agency: 'school' },
        ],
        family: [{ email: 'parent.one@example.com', relationship: 'mother' }],
      },
    });
    // Pressing again (a double click) books nothing more: the form's key is the same.
    expect(
      (await api.call('GET', '/conferences?from=2026-11-23&to=2027-01-31')).body.conferences,
    ).toHaveLength(1);
  });

  it('adds rows for more professionals and family members, keeping what was typed', async () => {
    const coordinator = sidebar(COORDINATOR);
    await coordinator.open('onHomepage');
    await coordinator.press('Book a conference');
    await coordinator.press('Add a professional', { 'professionals.0.email': 'dc.one@police.example.org' });
    const names = widgetsOf(coordinator.card).flatMap((w) => ('textInput' in w ? [w.textInput.name] : []));
    expect(names).toContain('professionals.3.email');
    expect(textOf(coordinator.card)).toContain('dc.one@police.example.org');
    await coordinator.press('Add a family member');
    await coordinator.press('change parts', { parts: '2' });
    expect(
      widgetsOf(coordinator.card).some(
        (w) => 'selectionInput' in w && w.selectionInput.name === 'family.1.part',
      ),
    ).toBe(true);
  });
});

describe('a conference’s card', () => {
  it('opens from its calendar event with the timeline, each invitee’s report and quorum, and sends reminders now', async () => {
    const booked = await book();
    const reference = booked.reference as string;
    api.fake.respond(UNIT_MAILBOX, eventOf(booked, 'professionals'), 'dc.one@police.example.org', 'accepted');
    const coordinator = sidebar(COORDINATOR);
    const card = await coordinator.open('onCalendarEventOpen', {
      calendar: { id: eventOf(booked, 'professionals'), calendarId: UNIT_MAILBOX },
    });
    expect(card).toMatchObject({ name: 'conference', header: { title: reference } });
    const text = textOf(card);
    // The social worker's report is owed as well as each invited professional's.
    expect(text).toContain('Reports 0/4');
    expect(text.match(/Missing/g)).toHaveLength(4);
    expect(text).toContain('Quorum');
    for (const action of ['Send a reminder now', 'Reschedule', 'Cancel']) expect(text).toContain(action);
    expect(text).not.toContain('Record the outcome');
    record('conference', 'Conference card (Calendar event open)', card);

    const before = api.fake.gmail.sent(REPORT_INBOX).length;
    await coordinator.press('Send a reminder now');
    expect(coordinator.card.name).toBe('conference');
    expect(coordinator.notification).toMatch(
      /^Reminder sent for Social worker, Police, Health .*, School\.$/,
    );
    // Every agency whose report is missing, the social worker's (social care) included.
    const sent = await Promise.all(
      api.fake.gmail
        .sent(REPORT_INBOX)
        .slice(before)
        .map((m) => simpleParser(m.raw)),
    );
    expect(sent.map((m) => (Array.isArray(m.to) ? '' : (m.to?.text ?? ''))).sort()).toEqual([
      'dc.one@police.example.org',
      'dsl@school.example.org',
      'health.visitor@nhs.example.org',
      'social.worker@hackney.gov.uk',
    ]);
  });

  it('is listed on the homepage with its reports, quorum and next deadline, and opens from there', async () => {
    const first = (await book()).reference as string;
    const second = (
      await book({
        start: '2026-12-09T14:00',
        strategyDiscussion: '2026-11-25',
        children: [{ caseReference: 'LCS-200001' }],
      })
    ).reference as string;
    const coordinator = sidebar(COORDINATOR);
    const home = await coordinator.open('onHomepage');
    expect(home.header.subtitle).toMatch(/^2 conferences to /);
    const text = textOf(home);
    expect(text.indexOf(first)).toBeLessThan(text.indexOf(second));
    expect(text).toContain('Mon 7 Dec, 10:30 · Initial');
    expect(text).toContain('reports 0/4');
    expect(text).toContain('Held for a coordinator');
    record('homepage', 'Homepage', home);
    await coordinator.press(second);
    expect(coordinator.card).toMatchObject({ name: 'conference', header: { title: second } });
    expect(coordinator.depth).toBe(2);
  });

  it('says so for an event that is not a conference', async () => {
    const card = await sidebar(COORDINATOR).open('onCalendarEventOpen', {
      calendar: { id: 'abcdefghij0123456789', calendarId: COORDINATOR },
    });
    expect(textOf(card)).toContain('not booked with Conference Desk');
  });

  it('reschedules and cancels, with the service’s problems on the form', async () => {
    const reference = (await book()).reference as string;
    const coordinator = sidebar(COORDINATOR);
    await coordinator.open('onHomepage');
    await coordinator.press(reference);
    await coordinator.press('Reschedule');
    await coordinator.press('Reschedule', { start: { dateTime: '2026-11-01T10:00' }, reason: '' });
    expect(coordinator.card.name).toBe('reschedule');
    expect(problemUnder(coordinator.card, 'reason')).toBeDefined();
    await coordinator.press('Reschedule', {
      start: { dateTime: '2026-12-08T14:00' },
      reason: 'Chair unwell',
    });
    expect(coordinator.notification).toMatch(/moved/);
    expect(coordinator.card.name).toBe('conference');
    expect((await api.call('GET', `/conferences/${reference}`)).body.start).toBe('2026-12-08T14:00:00+00:00');

    await coordinator.press('Cancel');
    await coordinator.press('Cancel the conference', { reason: 'Family moved away' });
    expect(coordinator.notification).toMatch(/cancelled/);
    expect((await api.call('GET', `/conferences/${reference}`)).body.status).toBe('cancelled');
  });
});

describe('a report in Gmail', () => {
  it('shows why a held email was held and files it under the conference the coordinator chooses', async () => {
    const reference = (await book()).reference as string;
    const raw = reportMail('gmail-pdf-report.eml', { reference, from: 'colleague@school.example.org' });
    api.fake.gmail.deliver(REPORT_INBOX, raw, { internalDate: new Date('2026-11-30T10:00:00Z') });
    expect((await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);

    // The coordinator reads a copy in their own mailbox: another Gmail id, the same Message-ID.
    const header = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '';
    const coordinator = new Sidebar(
      vm,
      {
        identityToken: api.token(COORDINATOR),
        scriptProperties: { SERVICE_URL: api.url },
        messageIdHeaders: { 'own-copy-1': header },
      },
      { hostApp: 'GMAIL', gmail: { messageId: 'own-copy-1', accessToken: 'message-token' } },
    );
    const held = await coordinator.open('onGmailMessageOpen', {
      gmail: { messageId: 'own-copy-1', accessToken: 'message-token' },
    });
    expect(held.name).toBe('report-held');
    expect(textOf(held)).toContain(`${reference} · Mon 7 Dec, 10:30 (suggested)`);
    record('report-held', 'Held report (Gmail message open)', held);

    await coordinator.press('File the report', { conferenceRef: reference, agency: 'school' });
    expect(coordinator.notification).toMatch(new RegExp(`Filed under ${reference}`));
    expect(coordinator.card.name).toBe('report-filed');
    expect((await api.call('GET', '/unmatched')).body.held).toEqual([]);
    const stored = await api.call('GET', `/conferences/${reference}`);
    expect(stored.body.reports).toMatchObject({
      owed: expect.arrayContaining([
        expect.objectContaining({ agency: 'school', status: 'received' }),
      ]) as unknown,
    });
  });

  it('asks whose report it is when the agency has several invitees, offering the conference’s invitees', async () => {
    const GP = 'gp@surgery.example.org';
    const reference = (
      await book({
        professionals: [
          { email: 'health.visitor@nhs.example.org', agency: 'health', role: 'health visitor' },
          { email: GP, agency: 'health', role: 'GP' },
        ],
      })
    ).reference as string;
    const id = api.fake.gmail.deliver(
      REPORT_INBOX,
      reportMail('gmail-pdf-report.eml', { reference, from: 'practice.manager@surgery.example.org' }),
      { internalDate: new Date('2026-11-30T10:00:00Z') },
    ).id;
    expect((await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);
    const coordinator = sidebar(COORDINATOR, { hostApp: 'GMAIL' });
    const held = await coordinator.open('onGmailMessageOpen', { gmail: { messageId: id, accessToken: 't' } });
    expect(held.name).toBe('report-held');
    expect(textOf(held)).not.toContain('Which invitee');

    await coordinator.press('File the report', { conferenceRef: reference, agency: 'health' });
    expect(coordinator.notification).toMatch(/to fix/);
    const asked = coordinator.card;
    expect(asked.name).toBe('report-held');
    expect(problemUnder(asked, 'invitee')).toMatch(/is needed: 2 professionals/);
    expect(textOf(asked)).toContain(`(GP) · ${GP}`);
    expect(textOf(asked)).toContain('(health visitor) · health.visitor@nhs.example.org');
    record('report-held-invitee', 'Held report: whose report it is', asked, coordinator.notification);

    // The conference and agency chosen before are kept: only the invitee is added.
    await coordinator.press('File the report', { invitee: GP });
    expect(coordinator.card.name).toBe('report-filed');
    const owed = (
      (await api.call('GET', `/conferences/${reference}`)).body.reports as {
        owed: { invitee: string | null; status: string }[];
      }
    ).owed;
    expect(owed.filter((r) => r.status === 'received').map((r) => r.invitee)).toEqual([GP]);
  });

  it('lists the held emails from the homepage, and dismisses one with a reason', async () => {
    const reference = (await book()).reference as string;
    api.fake.gmail.deliver(
      REPORT_INBOX,
      reportMail('gmail-pdf-report.eml', { reference, from: 'someone@elsewhere.example' }),
      {
        internalDate: new Date('2026-11-30T10:00:00Z'),
      },
    );
    expect((await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);
    const coordinator = sidebar(COORDINATOR);
    await coordinator.open('onHomepage');
    expect(textOf(coordinator.card)).toContain('1 email</b> to file or dismiss');
    await coordinator.press('Held for a coordinator');
    expect(coordinator.card.name).toBe('held-reports');
    await coordinator.press('someone@elsewhere.example');
    expect(coordinator.card.name).toBe('report-held');

    await coordinator.press('Dismiss', { reason: '' });
    expect(problemUnder(coordinator.card, 'reason')).toBeDefined();
    await coordinator.press('Dismiss', { reason: 'A newsletter, not a report' });
    expect(coordinator.notification).toBe('Dismissed.');
    expect(coordinator.card.name).toBe('report-dismissed');
    expect((await api.call('GET', '/unmatched')).body.held).toEqual([]);

    await coordinator.open('onHomepage');
    await coordinator.press('Refresh');
    expect(textOf(coordinator.card)).toContain('None: every report was filed');
  });

  it('lists the automatic emails from the homepage: an out-of-office is there, filed nowhere, and offered for filing', async () => {
    const reference = (await book()).reference as string;
    const outOfOffice = reportMail('family-my-views-reply.eml', {
      reference,
      from: 'dc.one@police.example.org',
      messageId: 'ooo-1@police.example.org',
      replace: [[/^Subject:/m, 'Auto-Submitted: auto-replied\r\nSubject:']],
    });
    api.fake.gmail.deliver(REPORT_INBOX, outOfOffice, { internalDate: new Date('2026-11-30T10:00:00Z') });
    expect((await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);
    const coordinator = sidebar(COORDINATOR);
    await coordinator.open('onHomepage');
    await coordinator.press('Automatic emails');
    expect(coordinator.card.name).toBe('automatic-emails');
    record('automatic-emails', 'Automatic emails (coordinator)', coordinator.card);
    expect(textOf(coordinator.card)).toContain('marked by the sender’s system as sent automatically');
    await coordinator.press(reference);
    expect(coordinator.card.name).toBe('report-automatic');
    expect(textOf(coordinator.card)).toContain('Nothing was filed or answered');
    expect(textOf(coordinator.card)).toContain('File the report');
    record('report-automatic', 'An automatic email (coordinator)', coordinator.card);
  });

  it('says an email that is not in the report inbox has nothing to file', async () => {
    const coordinator = sidebar(COORDINATOR, { hostApp: 'GMAIL' });
    const card = await coordinator.open('onGmailMessageOpen', {
      gmail: { messageId: '18c0ffee00000001', accessToken: 't' },
    });
    expect(card.name).toBe('not-a-report');
  });
});

describe('the outcome', () => {
  it('lets the chair record it once started: problems by field, then the drafts in their Gmail', async () => {
    const booked = await book();
    const reference = booked.reference as string;
    clock.set(Temporal.Instant.from('2026-12-07T12:05:00Z'));
    const chair = sidebar(CHAIR);
    await chair.open('onCalendarEventOpen', {
      calendar: { id: eventOf(booked, 'professionals'), calendarId: UNIT_MAILBOX },
    });
    await chair.press('Record the outcome');
    const form = chair.card;
    expect(form.name).toBe('outcome-form');
    record('outcome-form', 'Outcome form (chair)', form);

    await chair.press('Record and draft the emails', { 'c0.decision': '' });
    expect(chair.card.name).toBe('outcome-form');
    expect(problemUnder(chair.card, 'contingency')).toBeDefined();
    expect(problemUnder(chair.card, 'c0.decision')).toBeDefined();
    expect(api.fake.gmail.drafts(CHAIR)).toEqual([]);

    const first = (name: string): string => {
      const input = widgetsOf(chair.card).find(
        (w) => 'selectionInput' in w && w.selectionInput.name === name,
      );
      const value =
        input !== undefined && 'selectionInput' in input ? input.selectionInput.items[1]?.value : undefined;
      if (value === undefined) throw new Error(`no choice for ${name}`);
      return value;
    };
    await chair.press('Record and draft the emails', {
      'c0.score.0': '4',
      'c0.reason.0': 'Home conditions are poor.',
      'c0.recommendation.0': 'child-protection-plan',
      'c0.decision': 'child-protection-plan',
      'c0.category': first('c0.category'),
      contingency:
        'If the home is not safe, the social worker will arrange for the children to stay with family.',
      coreGroup: ['0', '1'],
      coreGroupFirst: { date: '2026-12-14' },
    });
    expect(chair.notification).toMatch(/drafts are in your Gmail/);
    expect(chair.card.name).toBe('outcome-recorded');
    expect(chair.link('Open the drafts in Gmail')).toMatch(/^https:\/\/mail\.google\.com\//);
    expect(api.fake.gmail.drafts(CHAIR).length).toBeGreaterThan(0);
    expect((await api.call('GET', `/conferences/${reference}`)).body.status).toBe('held');

    await chair.press('Record sent');
    expect(chair.card.name).toBe('conference');
    expect(textOf(chair.card)).toContain('record sent');
    expect(
      (await api.call('GET', `/conferences/${reference}/outcome`, { as: CHAIR })).body.recordSent,
    ).toMatchObject({
      by: CHAIR,
    });
  });
});

describe('when something is wrong', () => {
  it('shows a message the user can act on, never a stack trace', async () => {
    const cases: [Sidebar, RegExp][] = [
      [
        new Sidebar(vm, {
          identityToken: api.token(COORDINATOR),
          scriptProperties: { SERVICE_URL: 'http://127.0.0.1:9' },
        }),
        /could not be reached/,
      ],
      [
        new Sidebar(vm, { identityToken: null, scriptProperties: { SERVICE_URL: api.url } }),
        /did not give the add-on your sign-in/,
      ],
      [new Sidebar(vm, { identityToken: api.token(COORDINATOR), scriptProperties: {} }), /SERVICE_URL/],
      [
        new Sidebar(vm, {
          identityToken: api.token(COORDINATOR),
          scriptProperties: {
            SERVICE_URL: api.url,
            SERVICE_AUDIENCE: 'another-project.apps.googleusercontent.com',
          },
        }),
        /another Google project/,
      ],
      [sidebar('someone.else@hackney.gov.uk'), /./],
    ];
    for (const [user, message] of cases) {
      const card = await user.open('onHomepage');
      expect(card.name).toBe('message');
      expect(textOf(card)).toMatch(message);
      expect(textOf(card)).not.toMatch(/\bat \w+ \(|Error:|stack/i);
    }
  });

  it('tells a chair who presses a coordinator’s action why it was refused, on the card they are on', async () => {
    const booked = await book();
    const chair = sidebar(CHAIR);
    await chair.open('onCalendarEventOpen', {
      calendar: { id: eventOf(booked, 'professionals'), calendarId: UNIT_MAILBOX },
    });
    await chair.press('Send a reminder now');
    expect(chair.card.name).toBe('conference');
    expect(chair.notification).toMatch(/coordinator|allowed|role/i);
  });
});

describe('coverage of the bundle', () => {
  // Runs last in this file: every trigger and card action above was driven at least once.
  it('has called every trigger and every card action', () => {
    const expected = ['onHomepage', 'onCalendarEventOpen', 'onGmailMessageOpen', ...Object.values(ACTIONS)];
    expect(expected.filter((name) => !called.has(name))).toEqual([]);
  });
});
