// The decisions a conference can make, in the words professionals read: on the chair's outcome
// form and in the record and decision. One list, so the form and the record never disagree.
import { INITIAL_DECISIONS, REVIEW_DECISIONS, type Decision } from './outcome';

export const DECISION_LABELS: Readonly<Record<Decision, string>> = {
  'child-protection-plan': 'Child protection plan',
  'child-in-need-plan': 'Child in need plan',
  'end-involvement': 'No plan: involvement ends',
  'continue-plan': 'The child protection plan continues',
  'step-down': 'Stepped down to a child in need plan',
  'end-plan': 'The child protection plan ends',
};

export interface DecisionOption {
  readonly id: Decision;
  readonly label: string;
}

/** The decisions open to an initial-type conference (a plan starts) and to a review. */
export const DECISION_OPTIONS: {
  readonly initial: readonly DecisionOption[];
  readonly review: readonly DecisionOption[];
} = {
  initial: INITIAL_DECISIONS.map((id) => ({ id, label: DECISION_LABELS[id] })),
  review: REVIEW_DECISIONS.map((id) => ({ id, label: DECISION_LABELS[id] })),
};
