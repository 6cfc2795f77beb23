// The two messages made from the chair's recorded outcome: the record and decision for the
// professionals who attended, and the plan in plain English for the family, one per part.
import { DECISION_LABELS } from '../outcome/decision-labels';
import { attendeesOf, isPlan, type ChildOutcome, type Decision } from '../outcome/outcome';
import type { OutboxEntry } from '../outbox/outbox-entry';
import type { Policy } from '../policy/schema';
import { longDate } from '../time/in-words';
import { label, required, type MessageFacts } from './message-facts';
import type {
  ChildPlanView,
  ChildRecordView,
  Common,
  FamilyPlanView,
  RecordAndDecisionView,
} from './message-views';

const FAMILY_DECISION: Record<Decision, string> = {
  'child-protection-plan':
    'Your child will have a child protection plan. This is a plan everyone agrees to, to help keep your child safe.',
  'child-in-need-plan':
    'Your child will not have a child protection plan. The social worker will work with you on a plan of help and support instead.',
  'end-involvement':
    'Your child will not have a plan. The conference decided that no more help from us is needed.',
  'continue-plan': 'Your child’s child protection plan will carry on.',
  'step-down':
    'Your child’s child protection plan will end. The social worker will keep working with you on a plan of help and support.',
  'end-plan': 'Your child’s child protection plan will end.',
};

function childRecord(child: ChildOutcome, facts: MessageFacts): ChildRecordView {
  const attendees = attendeesOf(facts.conference, facts.policy);
  const whoLabel = (w: string): string => attendees.get(w)?.label ?? w;
  return {
    caseReference: child.caseReference.toUpperCase(),
    decision: DECISION_LABELS[child.decision],
    category: label(facts.policy, 'category', child.category),
    subCategory: label(facts.policy, 'sub', child.subCategory),
    scores: child.scores.map((s) => ({ who: whoLabel(s.who), score: s.score, reason: s.reason ?? null })),
    recommendations: child.recommendations.map((r) => ({
      who: whoLabel(r.who),
      recommendation: DECISION_LABELS[r.recommendation],
    })),
    disagreements: child.disagreements ?? null,
    rationale: child.rationale ?? null,
    categoryRationale: child.categoryRationale ?? null,
  };
}

function childPlan(child: ChildOutcome, policy: Policy): ChildPlanView {
  const category = isPlan(child.decision) ? label(policy, 'category', child.category) : null;
  return {
    caseReference: child.caseReference.toUpperCase(),
    decision: FAMILY_DECISION[child.decision],
    worry: category === null ? null : category.toLowerCase(),
    hasPlan: isPlan(child.decision),
  };
}

export function recordAndDecision(
  facts: MessageFacts,
  common: Common,
): { view: RecordAndDecisionView; to: string[]; bcc: string[] } {
  const { conference, policy } = facts;
  const outcome = required(facts.outcome, 'outcome');
  const attendees = attendeesOf(conference, policy);
  const attended = [
    ...new Set(outcome.outcome.attended.map((w) => attendees.get(w)).filter((a) => a !== undefined)),
  ];
  // Professionals receive it without seeing each other's addresses (Bcc); the chair is To.
  const bcc = attended.flatMap((a) => (a.role !== 'family' && a.address !== null ? [a.address] : []));
  const core = outcome.outcome.coreGroup;
  const view: RecordAndDecisionView = {
    ...common,
    children: outcome.outcome.children.map((c) => childRecord(c, facts)),
    scale: {
      min: policy.scaling.min,
      max: policy.scaling.max,
      minLabel: policy.scaling.minLabel,
      maxLabel: policy.scaling.maxLabel,
    },
    attended: attended.map((a) => a.label),
    coreGroup: core === undefined ? [] : [...new Set(core.members.map((w) => attendees.get(w)?.label ?? w))],
    coreGroupFirst: core === undefined ? null : longDate(core.firstMeeting),
    nextReview: outcome.nextReview === null ? null : longDate(outcome.nextReview),
    contingency: outcome.outcome.contingency,
    notesForProfessionals: outcome.outcome.notesForProfessionals ?? null,
    chair: conference.invitees.chair.email,
  };
  return { view, to: [conference.invitees.chair.email], bcc };
}

export function familyPlan(
  entry: OutboxEntry,
  facts: MessageFacts,
  common: Common,
): { view: FamilyPlanView; to: string[] } {
  const { conference, policy } = facts;
  const outcome = required(facts.outcome, 'outcome');
  const part = entry.recipient.part ?? 1;
  const to = conference.invitees.family.flatMap((f) =>
    (f.part ?? 1) === part && f.email !== undefined ? [f.email] : [],
  );
  const core = outcome.outcome.coreGroup;
  const view: FamilyPlanView = {
    ...common,
    children: outcome.outcome.children.map((c) => childPlan(c, policy)),
    coreGroupFirst: core === undefined ? null : longDate(core.firstMeeting),
    nextReview: outcome.nextReview === null ? null : longDate(outcome.nextReview),
    contingency: outcome.outcome.contingency,
    byPost: to.length === 0,
  };
  return { view, to };
}
