// Derby and Derbyshire Safeguarding Children Partnership, from its practice note (seed 003).
// The note sets the pre-birth limit; everything else follows Working Together 2023.
import type { PolicyOverride } from './policy-override';

export const derbyshire = {
  id: 'derbyshire',
  extends: 'working-together-2023',
  name: 'Derby and Derbyshire Safeguarding Children Partnership',
  timescales: {
    preBirth: { beforeGestationWeeks: 28 },
  },
  sources: {
    'timescales.preBirth': 'Seed 003: "conference should be held prior to birth and before 28 weeks".',
    'reports.per':
      'Inherited from working-together-2023 (each invited professional). Seed 003 tells each practitioner to "ensure your report for conference is clear about the risks" and speaks of "Reports from other agencies", but does not say whether an agency sends one report or each practitioner does.',
  },
} as const satisfies PolicyOverride;
