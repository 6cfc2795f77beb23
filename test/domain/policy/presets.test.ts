// Each preset carries its council's numbers: every claim below quotes the published guidance
// (test/fixtures/seeds) and checks both that the quote is really there and that the preset agrees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPreset, PRESET_IDS, type PresetId } from '../../../functions/src/domain/policy/presets';
import type { Policy } from '../../../functions/src/domain/policy/schema';

const SEEDS = {
  hackney: '000_2499adcd95f033dd.txt',
  parents: '001_786725aab20f540a.txt',
  barnsley: '002_ff16706145cd93b1.txt',
  derbyshire: '003_691a19e9e3f20e1e.txt',
  devon: '004_eaf48ac750cd7e5d.txt',
} as const;

// The seeds keep some Markdown emphasis and line breaks; quotes are compared without them.
function normalise(text: string): string {
  return text.replace(/[*\\]/g, '').replace(/\s+/g, ' ');
}

function seedText(seed: keyof typeof SEEDS): string {
  return normalise(readFileSync(join(__dirname, '../../fixtures/seeds', SEEDS[seed]), 'utf8'));
}

interface Claim {
  readonly preset: PresetId;
  readonly what: string;
  readonly seed: keyof typeof SEEDS;
  /** One passage, or several when the guidance states the rule in more than one place. */
  readonly quote: string | readonly string[];
  readonly read: (p: Policy) => unknown;
  readonly expected: unknown;
}

const days = (amount: number, unit: 'calendar-days' | 'working-days' | 'hours') => ({ amount, unit });

const CLAIMS: readonly Claim[] = [
  // Hackney
  {
    preset: 'hackney',
    what: 'the report request inbox',
    seed: 'hackney',
    quote: 'Reports must be submitted to childprotectioninvitereportrequest@hackney.gov.uk',
    read: (p) => p.reports.inbox,
    expected: 'childprotectioninvitereportrequest@hackney.gov.uk',
  },
  {
    preset: 'hackney',
    what: 'initial reports 3 days before, review reports 5 days before',
    seed: 'hackney',
    quote:
      'at least 3 days before an Initial Child Protection Conference and 5 days before a Review Child Protection Conference',
    read: (p) => [
      p.reports.due.initial,
      p.reports.due.review,
      p.reports.due['pre-birth'],
      p.reports.due['transfer-in'],
    ],
    expected: [
      days(3, 'calendar-days'),
      days(5, 'calendar-days'),
      days(3, 'calendar-days'),
      days(3, 'calendar-days'),
    ],
  },
  {
    preset: 'hackney',
    what: 'reports are talked through with the family before they are sent',
    seed: 'hackney',
    quote: 'prepare a report and talk through it with the family and share it',
    read: (p) => p.reports.familyShare,
    expected: { due: 'with-report', exemptAgencies: [] },
  },
  {
    preset: 'hackney',
    what: 'the chair meets the family at the invitation time; professionals join 30 minutes later',
    seed: 'hackney',
    quote: 'professionals are not to join the meeting until 10:30am or 2:30pm',
    read: (p) => [p.arrival.family.minutesBeforeStart, p.arrival.professionals.minutesBeforeStart],
    expected: [30, 0],
  },
  {
    preset: 'hackney',
    what: 'record and decision within 1 working day',
    seed: 'hackney',
    quote: 'Record and Decision of the meeting within 1 working day of the Conference',
    read: (p) => p.recordAndDecision.within,
    expected: days(1, 'working-days'),
  },
  {
    preset: 'hackney',
    what: 'reviews at 3 months then 6-monthly',
    seed: 'hackney',
    quote: 'Review Child Protection Conferences at 3 months and then 6 monthly intervals',
    read: (p) => [p.timescales.firstReviewWithinMonths, p.timescales.laterReviewsWithinMonths],
    expected: [3, 6],
  },
  {
    preset: 'hackney',
    what: 'a feedback request after the conference',
    seed: 'hackney',
    quote: 'We would appreciate your [feedback](#) following the Conference',
    read: (p) => p.feedback.request,
    expected: true,
  },
  {
    preset: 'hackney',
    what: 'feedback replies go to the coordinator’s mailbox: the seed gives no address for them',
    seed: 'hackney',
    quote: 'We would appreciate your [feedback](#) following the Conference',
    read: (p) => p.feedback.replyTo,
    expected: null,
  },
  {
    preset: 'hackney',
    what: 'each professional invited owes their own report',
    seed: 'hackney',
    quote: 'When you are invited to a Child Protection Conference, you will be asked to prepare a report',
    read: (p) => p.reports.per,
    expected: 'person',
  },
  {
    preset: 'hackney',
    what: 'the complaints contacts',
    seed: 'hackney',
    quote:
      'Sam Duggan: sam.duggan@hackney.gov.uk, 020 8356 5443 or Marissa Gardner-Wright: Marissa.Gardner-Wright@Hackney.gov.uk, 07483 431 368',
    read: (p) => p.contacts.complaints.map((c) => [c.email, c.phone]),
    expected: [
      ['sam.duggan@hackney.gov.uk', '020 8356 5443'],
      ['Marissa.Gardner-Wright@Hackney.gov.uk', '07483 431 368'],
      ['children.complaints@hackney.gov.uk', '020 8356 5800'],
    ],
  },
  {
    preset: 'hackney',
    what: 'the four categories of harm',
    seed: 'hackney',
    quote: 'emotional abuse, neglect, physical abuse, or sexual abuse',
    read: (p) => p.categories.map((c) => c.label).sort(),
    expected: ['Emotional abuse', 'Neglect', 'Physical abuse', 'Sexual abuse'],
  },
  // Barnsley
  {
    preset: 'barnsley',
    what: 'quorum: the social worker and 2 professionals from different agencies',
    seed: 'barnsley',
    quote: 'minimum of the social worker and 2 other professionals from different agencies',
    read: (p) => p.quorum,
    expected: { socialWorker: true, otherAgencies: 2 },
  },
  {
    preset: 'barnsley',
    what: 'initial conference within 15 working days of the strategy discussion',
    seed: 'barnsley',
    quote: 'The initial conference (ICPC) must take place within 15 working days of the strategy discussion',
    read: (p) => p.timescales.initial.within,
    expected: days(15, 'working-days'),
  },
  {
    preset: 'barnsley',
    what: 'first review within three months, then at least six-monthly',
    seed: 'barnsley',
    quote:
      "The first RCPC takes place within three months of the ICPC to review progress of the Child Protection Plan. RCPC's will then take place a minimum of every six months",
    read: (p) => [p.timescales.firstReviewWithinMonths, p.timescales.laterReviewsWithinMonths],
    expected: [3, 6],
  },
  {
    preset: 'barnsley',
    what: 'reports shared with professionals and family 2 days before, initial and review',
    seed: 'barnsley',
    quote:
      'Complete the RCPC report and share with professionals and family at least 2 days before the meeting',
    read: (p) => [
      p.reports.due.initial,
      p.reports.due.review,
      p.reports.familyShare.due,
      p.reports.shareWithProfessionals,
    ],
    expected: [days(2, 'calendar-days'), days(2, 'calendar-days'), days(2, 'calendar-days'), true],
  },
  {
    preset: 'barnsley',
    what: "categories of harm in Barnsley's words",
    seed: 'barnsley',
    quote: 'Sexual harm; Any form of sexual activity',
    read: (p) => p.categories.map((c) => `${c.label}:${String(c.censusCode)}`),
    expected: ['Sexual harm:SAB', 'Physical harm:PHY', 'Emotional harm:EMO', 'Neglect:NEG'],
  },
  {
    preset: 'barnsley',
    what: 'escalation contacts',
    seed: 'barnsley',
    quote:
      'Escalation to Lexi Preston if you have not received a satisfactory resolution. Escalation to Keeley Bound',
    read: (p) => p.contacts.escalation.map((c) => c.name),
    expected: ['Lexi Preston', 'Keeley Bound'],
  },
  {
    preset: 'barnsley',
    what: 'the seed speaks only of the social worker’s report, so each professional owes one, as by default',
    seed: 'barnsley',
    quote:
      'Complete the ICPC report and share it with professionals and family at least 2 days before the meeting',
    read: (p) => p.reports.per,
    expected: 'person',
  },
  // Derbyshire
  {
    preset: 'derbyshire',
    what: 'pre-birth conference before 28 weeks',
    seed: 'derbyshire',
    quote: 'If concerns relate to an unborn, conference should be held prior to birth and before 28 weeks',
    read: (p) => p.timescales.preBirth,
    expected: { beforeGestationWeeks: 28 },
  },
  {
    preset: 'derbyshire',
    what: 'each practitioner has their own report; the note does not say one per agency, so the default stands',
    seed: 'derbyshire',
    quote: [
      'Be prepared, ensure your report for conference is clear about the risks',
      'Reports from other agencies should be available in advance',
    ],
    read: (p) => p.reports.per,
    expected: 'person',
  },
  // Devon
  {
    preset: 'devon',
    what: 'the report inbox',
    seed: 'devon',
    quote: 'independentreviewingreport@devon.gcsx.gov.uk',
    read: (p) => p.reports.inbox,
    expected: 'independentreviewingreport@devon.gcsx.gov.uk',
  },
  {
    preset: 'devon',
    what: 'reports 48 hours before an initial and 5 working days before a review',
    seed: 'devon',
    quote: '48 hours before an initial conference and five working days before a review conference',
    read: (p) => [p.reports.due.initial, p.reports.due.review, p.reports.due['pre-birth']],
    expected: [days(48, 'hours'), days(5, 'working-days'), days(48, 'hours')],
  },
  {
    preset: 'devon',
    what: 'family gets the report 3 days before; police are exempt',
    seed: 'devon',
    quote: [
      'share your report with the family at least three days prior to the conference taking place.',
      'Police are exempt from this aspect of the guidance.',
    ],
    read: (p) => p.reports.familyShare,
    expected: { due: days(3, 'calendar-days'), exemptAgencies: ['police'] },
  },
  {
    preset: 'devon',
    what: 'professionals arrive 30 minutes early to read',
    seed: 'devon',
    quote: 'please arrive around 30 minutes before the scheduled start time',
    read: (p) => p.arrival.professionals.minutesBeforeStart,
    expected: 30,
  },
  {
    preset: 'devon',
    what: 'scaling: 0 is no concerns, 10 the highest risk',
    seed: 'devon',
    quote: "where 0 = 'no concerns' and 10 = 'highest risk possible'",
    read: (p) => [p.scaling.min, p.scaling.max, p.scaling.direction],
    expected: [0, 10, 'higher-is-riskier'],
  },
  {
    preset: 'devon',
    what: 'the domestic abuse sub-category',
    seed: 'devon',
    quote: 'a further sub-category of domestic abuse',
    read: (p) => p.subCategories.map((s) => s.id),
    expected: ['domestic-abuse'],
  },
  {
    preset: 'devon',
    what: 'the outcome conveyed to the child within 1 working day',
    seed: 'devon',
    quote:
      'in an age-appropriate format and in partnership with parents/carers, within one working day of the conference',
    read: (p) => p.outcomeToChild.within,
    expected: days(1, 'working-days'),
  },
  {
    preset: 'devon',
    what: 'each professional invited or requested to attend provides a report',
    seed: 'devon',
    quote:
      'When you are invited or requested to attend a Child Protection Conference, please provide a report to the local authority',
    read: (p) => p.reports.per,
    expected: 'person',
  },
  // The default, where the parents' guide sets the practice
  {
    preset: 'working-together-2023',
    what: 'the family comes 30 minutes early to meet the chair',
    seed: 'parents',
    quote: 'come 30 minutes before the start of the conference to meet the chair',
    read: (p) => p.arrival.family.minutesBeforeStart,
    expected: 30,
  },
  {
    preset: 'working-together-2023',
    what: 'the first core group soon after the conference, then monthly',
    seed: 'parents',
    quote: 'Within 10 days from the conference, you will have a first meeting with the',
    read: (p) => [p.coreGroup.firstWithin.amount, p.coreGroup.thenEveryMonths],
    expected: [10, 1],
  },
  {
    preset: 'working-together-2023',
    what: 'each invited professional owes a report, as the guidance that says so asks',
    seed: 'hackney',
    quote: 'When you are invited to a Child Protection Conference, you will be asked to prepare a report',
    read: (p) => [p.reports.per, p.feedback.replyTo],
    expected: ['person', null],
  },
];

describe.each(CLAIMS)('$preset: $what', (claim) => {
  test('the guidance says so', () => {
    const text = seedText(claim.seed);
    for (const quote of typeof claim.quote === 'string' ? [claim.quote] : claim.quote) {
      // Compared as a pair so a failure names the missing quote without printing the whole document.
      expect([quote, text.includes(normalise(quote))]).toEqual([quote, true]);
    }
  });

  test('the preset carries it', () => {
    expect(claim.read(loadPreset(claim.preset))).toEqual(claim.expected);
  });
});

describe('every preset', () => {
  test.each(PRESET_IDS)('%s loads, validates and is for England in Europe/London', (id) => {
    const policy = loadPreset(id);
    expect(policy.id).toBe(id);
    expect(policy.nation).toBe('england-and-wales');
    expect(policy.timeZone).toBe('Europe/London');
  });

  test.each(PRESET_IDS)('%s keeps the statutory timescales of Working Together 2023', (id) => {
    const { timescales, coreGroup, recordAndDecision } = loadPreset(id);
    expect([
      timescales.initial.within,
      timescales.firstReviewWithinMonths,
      timescales.laterReviewsWithinMonths,
    ]).toEqual([days(15, 'working-days'), 3, 6]);
    expect(coreGroup.firstWithin).toEqual(days(10, 'working-days'));
    expect(recordAndDecision.within).toEqual(days(1, 'working-days'));
  });

  test.each(PRESET_IDS)('%s says where its report deadlines come from', (id) => {
    expect(loadPreset(id).sources['reports.due']).toEqual(expect.any(String));
  });

  test("a council preset that changes a number does not keep the default's note about it", () => {
    expect(loadPreset('hackney').sources['reports.due']).toMatch(/^Seed 000/);
    expect(loadPreset('derbyshire').sources['reports.due']).toMatch(/Not set by Working Together/);
  });

  test.each(PRESET_IDS)('%s says who owes a report', (id) => {
    expect(loadPreset(id).sources['reports.per']).toEqual(expect.any(String));
  });

  test.each(['barnsley', 'derbyshire'] as const)('%s, whose seed is silent on it, says it inherits', (id) => {
    expect(loadPreset(id).sources['reports.per']).toMatch(/^Inherited from working-together-2023/);
  });
});
