// One example of every message's view, with every optional part filled in. A council's own
// template is rendered against these when its policy loads, so a template that asks for a
// field the message does not have fails then, naming it, instead of at 9am on the day.
import type { CouncilView, MessageName, MessageViews } from './message-views';

const council: CouncilView = {
  name: 'Example Council',
  inbox: 'reports@example.gov.uk',
  complaints: [
    {
      name: 'Complaints Team',
      role: 'Complaints',
      email: 'complaints@example.gov.uk',
      phone: '020 7946 0000',
    },
  ],
  escalation: [{ name: 'Service Manager', role: null, email: null, phone: '020 7946 0001' }],
};

const common = {
  reference: 'CPC-7F3K',
  council,
  conferenceKind: 'initial child protection conference',
  date: 'Monday 7 December 2026',
};

const place = { venue: 'Service Centre, Room 2', meetingUri: 'https://meet.google.com/abc-defg-hij' };

const ask = {
  reportDue: '17:00 on Friday 4 December 2026',
  reportAddress: 'reports+cpc-7f3k@example.gov.uk',
  shareWithFamilyFirst: true,
  familyShareDue: '17:00 on Thursday 3 December 2026',
  shareWithProfessionals: true,
  ownReport: true,
};

const child = {
  caseReference: 'C-104233',
  decision: 'Child protection plan',
  category: 'Neglect',
  subCategory: 'Domestic abuse',
  scores: [
    { who: 'Police', score: 3, reason: 'Two call-outs this month.' },
    { who: 'Mother', score: 7, reason: null },
  ],
  recommendations: [{ who: 'Police', recommendation: 'Child protection plan' }],
  disagreements: 'Health recommended a child in need plan.',
  rationale: 'The danger statement is not yet addressed.',
  categoryRationale: 'Police proposed emotional abuse; neglect is the primary worry.',
};

export const SAMPLE_VIEWS: { readonly [N in MessageName]: MessageViews[N] } = {
  'report-request': {
    ...common,
    ...place,
    ...ask,
    agency: 'Police',
    socialWorker: false,
    arrive: '10:30',
    updated: true,
  },
  'report-reminder': { ...common, ...ask, agency: 'Police' },
  'report-overdue': { ...common, ...ask, agency: 'Police' },
  'professional-invitation': {
    ...common,
    ...place,
    arrive: '10:30',
    end: '12:00',
    familyFirst: true,
    familyTime: '10:00',
    partCount: 2,
    separateParts: true,
    reportDue: ask.reportDue,
    reportAddress: ask.reportAddress,
  },
  'family-invitation': {
    ...common,
    ...place,
    arrive: '10:00',
    together: '10:30',
    end: '12:00',
    separateParts: true,
    viewsAddress: ask.reportAddress,
    reportsBy: ask.familyShareDue,
  },
  'day-before-professionals': { ...common, ...place, arrive: '10:30', family: false },
  'day-before-family': { ...common, ...place, arrive: '10:00', family: true },
  'quorum-at-risk': {
    ...common,
    start: '10:30',
    missing: ['1 more agency besides childrens-social-care must accept; declined: health.'],
    declinedAgencies: ['Health'],
    awaitingAgencies: ['Education'],
    confirmedAgencies: ['Police'],
  },
  'all-reports-in': {
    ...common,
    reports: [{ agency: 'Police', receivedAt: 'Thursday 3 December 2026 at 15:12', late: false }],
    familyViews: 1,
  },
  'record-and-decision': {
    ...common,
    children: [child],
    scale: { min: 0, max: 10, minLabel: 'Certain harm', maxLabel: 'Safe enough to close' },
    attended: ['Social worker', 'Police', 'Mother'],
    coreGroup: ['Social worker', 'Police', 'Mother'],
    coreGroupFirst: 'Monday 14 December 2026',
    nextReview: 'Monday 1 March 2027',
    contingency: 'If the plan is not followed, the social worker will seek legal advice.',
    notesForProfessionals: 'The police report has a restricted part.',
    chair: 'chair@example.gov.uk',
  },
  'family-plan': {
    ...common,
    children: [
      {
        caseReference: 'C-104233',
        decision: 'Your child will have a child protection plan.',
        worry: 'neglect',
        hasPlan: true,
      },
    ],
    coreGroupFirst: 'Monday 14 December 2026',
    nextReview: 'Monday 1 March 2027',
    contingency: 'If the plan is not followed, the social worker will seek legal advice.',
    byPost: false,
  },
  'record-reminder': { ...common, recordDue: 'Tuesday 8 December 2026' },
  'core-group-invitation': { ...common, firstMeeting: 'Monday 14 December 2026', family: false },
  'review-booking': { ...common, reviewBy: 'Monday 1 March 2027' },
  'feedback-request': {
    ...common,
    feedbackUrl: 'https://example.gov.uk/feedback',
    replyTo: 'cp-conferences@example.gov.uk',
  },
  'delivery-failed': {
    ...common,
    what: 'the report request to a professional',
    attempts: 5,
    error: 'GOOGLE.UNAVAILABLE',
  },
};
