// Devon County Council, from its professional guidance (seed 004).
import type { PolicyOverride } from './policy-override';

export const devon = {
  id: 'devon',
  extends: 'working-together-2023',
  name: 'Devon County Council',
  reports: {
    inbox: 'independentreviewingreport@devon.gcsx.gov.uk',
    due: {
      initial: { amount: 48, unit: 'hours' },
      review: { amount: 5, unit: 'working-days' },
      'pre-birth': { amount: 48, unit: 'hours' },
      'transfer-in': { amount: 48, unit: 'hours' },
    },
    familyShare: { due: { amount: 3, unit: 'calendar-days' }, exemptAgencies: ['police'] },
    shareWithProfessionals: true,
    per: 'person',
  },
  arrival: {
    family: { minutesBeforeStart: 30 },
    professionals: { minutesBeforeStart: 30 },
  },
  scaling: {
    direction: 'higher-is-riskier',
    minLabel: 'No concerns',
    maxLabel: 'Highest possible risk',
  },
  subCategories: [
    {
      id: 'domestic-abuse',
      label: 'Domestic abuse',
      appliesTo: ['emotional-abuse', 'physical-abuse', 'sexual-abuse', 'neglect'],
    },
  ],
  sources: {
    'reports.inbox': 'Seed 004: securely emailed to independentreviewingreport@devon.gcsx.gov.uk.',
    'reports.due':
      'Seed 004: "48 hours before an initial conference and five working days before a review conference". Pre-birth and transfer-in are initial conferences.',
    'reports.familyShare':
      'Seed 004: "share your report with the family at least three days prior"; "Police are exempt from this aspect".',
    'reports.shareWithProfessionals': 'Seed 004: reports shared with parents, children and professionals.',
    'reports.per':
      'Seed 004: "When you are invited or requested to attend a Child Protection Conference, please provide a report to the local authority": each professional invited owes one.',
    'arrival.professionals': 'Seed 004: "arrive around 30 minutes before the scheduled start time" to read.',
    'arrival.family':
      'Seed 004: the Chair meets the family before the start; the seed gives no length, so the parents guide 30 minutes (seed 001).',
    scaling: "Seed 004: \"0 = 'no concerns' and 10 = 'highest risk possible'\".",
    subCategories:
      'Seed 004: "a further sub-category of domestic abuse"; the seed does not limit it to one category.',
  },
} as const satisfies PolicyOverride;
