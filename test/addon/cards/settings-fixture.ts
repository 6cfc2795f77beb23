// Settings as GET /settings answers for Hackney, for card tests that need no service. The
// integration tests (addon.int.test.ts) use the real answer.
import type { Settings } from '../../../addon/src/api-types';

const dates = (rules: Partial<Settings['types'][number]['dates']>): Settings['types'][number]['dates'] => ({
  strategyDiscussion: 'unused',
  previousConference: 'unused',
  expectedBirth: 'unused',
  transferNotified: 'unused',
  firstReview: 'unused',
  ...rules,
});

export const SETTINGS: Settings = {
  council: { name: 'London Borough of Hackney' },
  timeZone: 'Europe/London',
  workspaceDomain: 'hackney.gov.uk',
  me: { email: 'coordinator@hackney.gov.uk', roles: ['coordinator'] },
  types: [
    { id: 'initial', label: 'Initial conference', dates: dates({ strategyDiscussion: 'required' }) },
    {
      id: 'review',
      label: 'Review conference',
      dates: dates({ previousConference: 'required', firstReview: 'optional' }),
    },
    {
      id: 'pre-birth',
      label: 'Pre-birth conference',
      dates: dates({ expectedBirth: 'required', strategyDiscussion: 'optional' }),
    },
  ],
  agencies: [
    { id: 'social-care', label: 'Children’s social care' },
    { id: 'police', label: 'Police' },
    { id: 'health', label: 'Health' },
    { id: 'school', label: 'School' },
  ],
  socialCareAgency: 'social-care',
  arrival: { familyMinutesBefore: 30, professionalsMinutesBefore: 0 },
  durationMinutes: { initial: 90, review: 60, 'pre-birth': 90 },
  maxParts: 4,
  outcome: {
    scaling: { min: 0, max: 10, direction: 'higher-is-safer', minLabel: 'not safe', maxLabel: 'safe' },
    categories: [{ id: 'neglect', label: 'Neglect' }],
    subCategories: [],
    decisions: {
      initial: [
        { id: 'child-protection-plan', label: 'Child protection plan' },
        { id: 'end-involvement', label: 'No further involvement' },
      ],
      review: [{ id: 'continue-plan', label: 'Continue the plan' }],
    },
  },
  intake: { inbox: 'reports@hackney.gov.uk' },
};
