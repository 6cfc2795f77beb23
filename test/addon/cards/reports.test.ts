// The add-on's report screens: the conference card lists one line per report the service says is
// owed (per invitee, as Hackney's policy has it) with "Reports n/m", and the held-report card
// offers the conference's invitees once the service answered that it must know whose report it is.
// Every card is checked against Google's card schema.
import type { ConferenceDetail, ReportLookup } from '../../../addon/src/api-types';
import type { Card, Widget } from '../../../addon/src/cards/card-json';
import { conferenceCard } from '../../../addon/src/cards/conference';
import { reportCard } from '../../../addon/src/cards/report';
import { cardProblems } from '../../support/card-schema';
import { SETTINGS } from './settings-fixture';

const HEALTH = 'Health (GP, health visitor, midwife, school nurse, paediatrician)';
const HV = 'health.visitor@nhs.example.org';
const GP = 'gp@surgery.example.org';

function owed(label: string, invitee: string | null, received: string | null, invited = true) {
  return {
    key: invitee ?? label,
    agency: label.startsWith('Health') ? 'health' : 'police',
    label,
    invitee,
    invited,
    status: received === null ? ('missing' as const) : ('received' as const),
    receivedAt: received,
    timing: received === null ? null : ('on-time' as const),
  };
}

const detail: ConferenceDetail = {
  reference: 'CPC-7F3K',
  status: 'booked',
  type: 'initial',
  start: '2026-12-07T10:30:00+00:00',
  end: '2026-12-07T12:30:00+00:00',
  venue: null,
  meet: null,
  invitees: {
    chair: { email: 'chair.one@hackney.gov.uk' },
    socialWorker: { email: 'social.worker@hackney.gov.uk' },
    professionals: [],
    family: [],
  },
  children: [{ caseReference: 'LCS-104233' }],
  timeline: {
    type: 'initial',
    start: '2026-12-07T10:30:00+00:00',
    end: '2026-12-07T12:30:00+00:00',
    audiences: [],
    reportDue: '2026-12-04T17:00:00+00:00',
    familyShareDue: null,
    timescale: null,
    recordDue: '2026-12-08',
    nextReviewDue: '2027-03-07',
    warnings: [],
  },
  outsideTimescaleReason: null,
  revision: 1,
  reports: {
    due: '2026-12-04T17:00:00+00:00',
    per: 'person',
    owed: [
      owed('Social worker', 'social.worker@hackney.gov.uk', '2026-11-30T10:00:00+00:00'),
      owed(`${HEALTH} (health visitor)`, HV, '2026-12-01T10:00:00+00:00'),
      owed(`${HEALTH} (GP)`, GP, null),
      owed('Police', null, '2026-12-01T11:00:00+00:00', false),
    ],
    family: [],
  },
  quorum: null,
  attendees: [],
  started: false,
  outcome: null,
};

function widgets(card: Card): Widget[] {
  return card.sections.flatMap((s) => s.widgets);
}

function lines(card: Card): string[] {
  return widgets(card).flatMap((w) =>
    'decoratedText' in w
      ? [`${w.decoratedText.topLabel ?? ''} | ${w.decoratedText.text} | ${w.decoratedText.bottomLabel ?? ''}`]
      : [],
  );
}

describe('the conference card’s reports', () => {
  it('shows one line per report owed, with whose it is, and counts them', () => {
    const card = conferenceCard(detail);
    expect(cardProblems(card)).toEqual([]);
    const section = card.sections.find((s) => s.header?.startsWith('Reports'));
    expect(section?.header).toBe('Reports 3/4');
    expect(lines(card).filter((l) => /Received|Missing/.test(l))).toEqual([
      ' | Social worker<br><font color="#1b5e20">Received Mon 30 Nov, 10:00</font> | social.worker@hackney.gov.uk',
      ` | ${HEALTH} (health visitor)<br><font color="#1b5e20">Received Tue 1 Dec, 10:00</font> | ${HV}`,
      ` | ${HEALTH} (GP)<br><font color="#b3261e">Missing</font> | ${GP}`,
      ' | Police<br><font color="#1b5e20">Received Tue 1 Dec, 11:00</font> | not invited',
    ]);
    expect(JSON.stringify(card)).toContain('Send a reminder now');
  });

  it('offers no reminder when every report owed is in', () => {
    const allIn = {
      ...detail,
      reports: { ...detail.reports, owed: detail.reports.owed.filter((r) => r.status === 'received') },
    };
    expect(JSON.stringify(conferenceCard(allIn))).not.toContain('Send a reminder now');
  });
});

describe('the held report card', () => {
  const held: ReportLookup = {
    report: {
      messageId: '18c0ffee00000001',
      state: 'held',
      reference: 'CPC-7F3K',
      contribution: null,
      sender: { address: 'practice.manager@surgery.example.org', name: '' },
      receivedAt: '2026-11-30T10:00:00+00:00',
      subject: 'Report for CPC-7F3K',
      attachments: [{ filename: 'report.pdf', size: 2048 }],
      link: 'https://mail.google.com/mail/u/0/#all/18c0ffee00000001',
      holdReasons: [{ code: 'sender-not-invited', message: 'The sender is not invited to CPC-7F3K.' }],
      candidates: ['CPC-7F3K'],
      duplicateOf: null,
      redeliveryOf: null,
      automatic: null,
    },
    conference: null,
  };
  const choices = [{ reference: 'CPC-7F3K', start: '2026-12-07T10:30:00+00:00', type: 'initial' }];
  const selection = (card: Card, name: string) =>
    widgets(card).flatMap((w) =>
      'selectionInput' in w && w.selectionInput.name === name ? [w.selectionInput] : [],
    )[0];

  it('asks for no invitee until the service needs to know', () => {
    const card = reportCard(held, choices, SETTINGS.agencies);
    expect(cardProblems(card)).toEqual([]);
    expect(selection(card, 'invitee')).toBeUndefined();
  });

  it('offers the invitees the service listed, keeping what was chosen, with the service’s problem under it', () => {
    const card = reportCard(
      held,
      choices,
      SETTINGS.agencies,
      [{ field: 'invitee', message: 'is needed: 2 professionals are invited to CPC-7F3K for Health' }],
      {
        conferenceRef: 'CPC-7F3K',
        agency: 'health',
        invitee: '',
        invitees: [
          { label: `${HEALTH} (health visitor)`, invitee: HV },
          { label: `${HEALTH} (GP)`, invitee: GP },
        ],
      },
    );
    expect(cardProblems(card)).toEqual([]);
    expect(selection(card, 'invitee')?.items).toEqual([
      { text: 'Choose the professional', value: '', selected: true },
      { text: `${HEALTH} (health visitor) · ${HV}`, value: HV, selected: false },
      { text: `${HEALTH} (GP) · ${GP}`, value: GP, selected: false },
    ]);
    expect(selection(card, 'agency')?.items.find((i) => i.selected)?.value).toBe('health');
    expect(selection(card, 'conferenceRef')?.items.find((i) => i.selected)?.value).toBe('CPC-7F3K');
    expect(JSON.stringify(card)).toContain('⚠ is needed: 2 professionals');
  });
});
