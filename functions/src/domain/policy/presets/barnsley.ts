// Barnsley MBC, from the Safeguarding and Reviewing Unit's chair briefing (seed 002).
import type { PolicyOverride } from './policy-override';

export const barnsley = {
  id: 'barnsley',
  extends: 'working-together-2023',
  name: 'Barnsley Metropolitan Borough Council',
  reports: {
    due: {
      initial: { amount: 2, unit: 'calendar-days' },
      review: { amount: 2, unit: 'calendar-days' },
      'pre-birth': { amount: 2, unit: 'calendar-days' },
      'transfer-in': { amount: 2, unit: 'calendar-days' },
    },
    familyShare: { due: { amount: 2, unit: 'calendar-days' }, exemptAgencies: [] },
    shareWithProfessionals: true,
  },
  categories: [
    { id: 'sexual-harm', label: 'Sexual harm', censusCode: 'SAB' },
    { id: 'physical-harm', label: 'Physical harm', censusCode: 'PHY' },
    { id: 'emotional-harm', label: 'Emotional harm', censusCode: 'EMO' },
    { id: 'neglect', label: 'Neglect', censusCode: 'NEG' },
  ],
  contacts: {
    escalation: [
      { name: 'Lexi Preston', role: 'Service Manager, Safeguarding and Reviewing Unit' },
      { name: 'Keeley Bound', role: 'Escalation when the Service Manager has not resolved it' },
    ],
  },
  sources: {
    'reports.due':
      'Seed 002: "share it with professionals and family at least 2 days before the meeting" (initial and review).',
    'reports.familyShare': 'Seed 002: shared with professionals and family at least 2 days before.',
    'reports.shareWithProfessionals': 'Seed 002: shared with professionals and family.',
    'reports.per':
      'Inherited from working-together-2023 (each invited professional). Seed 002 speaks only of the social worker\'s report ("Complete the ICPC report and share it with professionals and family at least 2 days before the meeting") and says nothing of how many reports other agencies send.',
    categories: 'Seed 002: Categories of Harm (sexual, physical, emotional harm; neglect).',
    'contacts.escalation': 'Seed 002: escalation to Lexi Preston, then Keeley Bound.',
  },
} as const satisfies PolicyOverride;
