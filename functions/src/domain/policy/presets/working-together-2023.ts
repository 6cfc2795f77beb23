// The default policy: the statutory timescales of Working Together to Safeguard Children 2023
// for England, with the practice every seed shares. Where the guidance sets no number (report
// deadlines, durations, reminder times), the value is a cautious default and `sources` says so.
import type { PolicyInput } from '../schema';

export const workingTogether2023 = {
  id: 'working-together-2023',
  name: 'Working Together to Safeguard Children 2023 (England)',
  nation: 'england-and-wales',
  timeZone: 'Europe/London',
  workingHours: { start: '09:00', end: '17:00' },
  attendance: { default: 'in-person' },
  meet: { createdBy: 'meet-api' },
  agencies: [
    { id: 'childrens-social-care', label: "Children's social care" },
    { id: 'police', label: 'Police' },
    { id: 'health', label: 'Health (GP, health visitor, midwife, school nurse, paediatrician)' },
    { id: 'school', label: 'School' },
    { id: 'early-years', label: 'Nursery or early years setting' },
    { id: 'probation', label: 'Probation' },
    { id: 'housing', label: 'Housing' },
    { id: 'adult-mental-health', label: 'Adult mental health services' },
    { id: 'substance-misuse', label: 'Drug and alcohol services' },
    { id: 'domestic-abuse-service', label: 'Domestic abuse service' },
    { id: 'youth-justice', label: 'Youth justice service' },
  ],
  socialCareAgency: 'childrens-social-care',
  reports: {
    inbox: null,
    due: {
      initial: { amount: 2, unit: 'working-days' },
      review: { amount: 5, unit: 'working-days' },
      'pre-birth': { amount: 2, unit: 'working-days' },
      'transfer-in': { amount: 2, unit: 'working-days' },
    },
    dueOnNonWorkingDay: 'previous-working-day',
    familyShare: { due: 'with-report', exemptAgencies: [] },
    shareWithProfessionals: false,
    per: 'person',
  },
  arrival: {
    family: { minutesBeforeStart: 30 },
    professionals: { minutesBeforeStart: 0 },
  },
  durationMinutes: { initial: 120, review: 90, 'pre-birth': 120, 'transfer-in': 90 },
  quorum: { socialWorker: true, otherAgencies: 2 },
  timescales: {
    initial: { within: { amount: 15, unit: 'working-days' } },
    transferIn: { within: { amount: 15, unit: 'working-days' } },
    preBirth: null,
    firstReviewWithinMonths: 3,
    laterReviewsWithinMonths: 6,
  },
  recordAndDecision: { within: { amount: 1, unit: 'working-days' } },
  outcomeToChild: { within: { amount: 1, unit: 'working-days' } },
  coreGroup: { firstWithin: { amount: 10, unit: 'working-days' }, thenEveryMonths: 1 },
  categories: [
    { id: 'emotional-abuse', label: 'Emotional abuse', censusCode: 'EMO' },
    { id: 'physical-abuse', label: 'Physical abuse', censusCode: 'PHY' },
    { id: 'sexual-abuse', label: 'Sexual abuse', censusCode: 'SAB' },
    { id: 'neglect', label: 'Neglect', censusCode: 'NEG' },
  ],
  subCategories: [],
  scaling: {
    min: 0,
    max: 10,
    direction: 'higher-is-safer',
    minLabel: 'It is certain the child will be harmed',
    maxLabel: 'There is enough safety to close the case',
  },
  reminders: {
    report: { before: { amount: 2, unit: 'working-days' }, at: '09:00' },
    reportOverdue: true,
    quorumChecks: [
      { before: { amount: 2, unit: 'working-days' }, at: '09:00' },
      { before: { amount: 1, unit: 'working-days' }, at: '09:00' },
    ],
    dayBefore: { at: '10:00' },
  },
  feedback: {
    request: false,
    url: null,
    replyTo: null,
    after: { amount: 1, unit: 'working-days' },
    at: '10:00',
  },
  contacts: { complaints: [], escalation: [] },
  childFirstNamesInEmail: false,
  sources: {
    'timescales.initial':
      'Working Together 2023 and DfE census InitialCPCtarget: within 15 working days of the strategy discussion (seed 002).',
    'timescales.firstReviewWithinMonths': 'Working Together 2023: first review within 3 months (seed 002).',
    'timescales.laterReviewsWithinMonths':
      'Working Together 2023: later reviews at most every 6 months (seed 002).',
    'timescales.transferIn':
      'Not in the seeds: the usual local procedure is 15 working days from notification. Check your own procedures.',
    'coreGroup.firstWithin': 'Working Together 2023: first core group within 10 working days (DOMAIN.md).',
    'coreGroup.thenEveryMonths': 'Parents guide (seed 001): core group meets monthly after the first.',
    recordAndDecision: 'Record and decision to attendees within 1 working day (seeds 000 and 004).',
    outcomeToChild: 'Outcome conveyed to the child within 1 working day (seed 004).',
    quorum: 'Social worker and 2 other professionals from different agencies (seed 002).',
    categories: 'Working Together 2023 categories of harm with their census codes (DOMAIN.md).',
    'arrival.family': 'Parents guide (seed 001): the family comes 30 minutes early to meet the chair.',
    'arrival.professionals': 'Professionals join when everyone is together.',
    'reports.due':
      'Not set by Working Together 2023: a cautious default of 2 working days (5 for reviews). Councils set their own.',
    'reports.familyShare':
      'Reports are talked through with the family before they are sent (seeds 000, 003).',
    'reports.per':
      'Not set in these words by Working Together 2023: each invited professional owes a report, as the guidance that says so asks (seed 000: "When you are invited to a Child Protection Conference, you will be asked to prepare a report"; seed 004 likewise). A council that takes one report per agency sets "agency".',
    'feedback.replyTo':
      'Replies to a feedback request go to the coordinator’s mailbox unless a council names another.',
    durationMinutes: 'Not in the seeds: a planning default. Councils set their own.',
    scaling: 'Signs of Safety convention: 0 means certain harm, 10 means safe enough to close (DOMAIN.md).',
    reminders: 'Not in the seeds: reminder times chosen to leave a working day to act.',
  },
} as const satisfies PolicyInput;
