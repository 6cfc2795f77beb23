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
  },
} as const satisfies PolicyOverride;
