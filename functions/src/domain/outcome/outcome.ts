// What the chair records when the conference ends: per child, everyone's scaling score with the
// scale's meaning, the recommendations, the decision and its category, disagreements and the
// rationale; then the core group, the next review and the contingency plan. Checked as a whole
// against the conference and the policy, every problem named by its field.
import { z } from 'zod';
import { Temporal } from 'temporal-polyfill';
import { workingCalendar } from '../calendar/working-days';
import { startsAPlan } from '../conference/conference-type';
import type { Conference } from '../conference/conference';
import { ValidationError, type Problem } from '../errors';
import type { Policy } from '../policy/schema';
import { localDateSchema } from '../time/local-time';
import { problemMessages, toProblems } from '../validation/zod-problems';

/** An attendee: an invitee's email, or "family-N" for the Nth family member (who may have none). */
const who = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .transform((v) => v.toLowerCase());
const text = z.string().trim().min(1).max(5000);

export const INITIAL_DECISIONS = ['child-protection-plan', 'child-in-need-plan', 'end-involvement'] as const;
export const REVIEW_DECISIONS = ['continue-plan', 'step-down', 'end-plan'] as const;
export type Decision = (typeof INITIAL_DECISIONS)[number] | (typeof REVIEW_DECISIONS)[number];
export type Recommendation = (typeof INITIAL_DECISIONS)[number];

/** The decisions under which the child is (or stays) on a child protection plan. */
export function isPlan(decision: Decision): boolean {
  return decision === 'child-protection-plan' || decision === 'continue-plan';
}

const childOutcomeSchema = z.strictObject({
  caseReference: z.string().trim().min(1).max(40),
  scores: z
    .array(z.strictObject({ who, score: z.int(), reason: text.optional() }))
    .min(1)
    .max(80),
  recommendations: z.array(z.strictObject({ who, recommendation: z.enum(INITIAL_DECISIONS) })).max(80),
  decision: z.enum([...INITIAL_DECISIONS, ...REVIEW_DECISIONS]),
  /** A policy category id; required for a plan. */
  category: z.string().min(1).max(64).optional(),
  subCategory: z.string().min(1).max(64).optional(),
  /** Categories attendees proposed; when they differ, the chair's choice needs its reason. */
  proposedCategories: z
    .array(z.strictObject({ who, category: z.string().min(1).max(64) }))
    .max(80)
    .optional(),
  categoryRationale: text.optional(),
  disagreements: text.optional(),
  rationale: text.optional(),
});

export const outcomeRequestSchema = z.strictObject({
  /** Who took part (invitees' emails or family-N); the chair is implied. */
  attended: z.array(who).min(1).max(80),
  children: z.array(childOutcomeSchema).min(1).max(12),
  coreGroup: z
    .strictObject({ members: z.array(who).min(1).max(60), firstMeeting: localDateSchema })
    .optional(),
  /** The next review's latest date; the policy's default when absent. */
  nextReview: localDateSchema.optional(),
  contingency: text,
  /** For the professionals' record only; never in anything the family receives. */
  notesForProfessionals: text.optional(),
});

export type OutcomeRequest = z.output<typeof outcomeRequestSchema>;
export type ChildOutcome = OutcomeRequest['children'][number];

/** Words families should never meet in what they are sent (DOMAIN.md: no jargon or acronyms). */
export const FAMILY_ACRONYMS = [
  'ICPC',
  'RCPC',
  'CP',
  'CPP',
  'CIN',
  'LADO',
  'MASH',
  'SW',
  'DSL',
  'CSC',
  'IRO',
  'CGM',
  'S47',
  'SoS',
  'GP',
  'RSVP',
  'PDF',
] as const;

export function acronymsIn(value: string, allow: readonly string[] = []): string[] {
  return FAMILY_ACRONYMS.filter(
    (word) => !allow.includes(word) && new RegExp(`(^|[^A-Za-z0-9])${word}([^A-Za-z0-9]|$)`).test(value),
  );
}

export interface Attendee {
  readonly who: string;
  readonly role: 'social-worker' | 'professional' | 'family';
  readonly label: string;
  readonly address: string | null;
  readonly agency: string | null;
  readonly part: number | null;
}

const capitalised = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);

/** Everyone who could have attended, keyed as the outcome names them, labelled by role never name. */
export function attendeesOf(
  conference: Pick<Conference, 'invitees'>,
  policy: Pick<Policy, 'agencies' | 'socialCareAgency'>,
): Map<string, Attendee> {
  const agencyLabel = (id: string): string => policy.agencies.find((a) => a.id === id)?.label ?? id;
  const out = new Map<string, Attendee>();
  const { socialWorker, professionals, family } = conference.invitees;
  out.set(socialWorker.email, {
    who: socialWorker.email,
    role: 'social-worker',
    label: 'Social worker',
    address: socialWorker.email,
    agency: policy.socialCareAgency,
    part: null,
  });
  for (const p of professionals) {
    out.set(p.email, {
      who: p.email,
      role: 'professional',
      label: p.role === undefined ? agencyLabel(p.agency) : `${agencyLabel(p.agency)} (${p.role})`,
      address: p.email,
      agency: p.agency,
      part: null,
    });
  }
  family.forEach((f, i) => {
    const attendee: Attendee = {
      who: `family-${i + 1}`,
      role: 'family',
      label: capitalised(f.relationship),
      address: f.email ?? null,
      agency: null,
      part: f.part ?? 1,
    };
    out.set(attendee.who, attendee);
    if (f.email !== undefined) out.set(f.email, attendee);
  });
  return out;
}

export interface OutcomeContext {
  readonly policy: Policy;
  readonly now: Temporal.Instant;
}

export interface CheckedOutcome {
  readonly outcome: OutcomeRequest;
  /** The next review date, from the request or the policy; null when no plan continues. */
  readonly nextReview: Temporal.PlainDate | null;
  /** Things the chair should see, none of which stop the record. */
  readonly warnings: readonly string[];
}

export class OutcomeError extends ValidationError {
  constructor(problems: readonly Problem[]) {
    super('OUTCOME.INVALID', problems, 'The outcome cannot be recorded');
  }
}

function conferenceProblems(conference: Conference, now: Temporal.Instant): Problem[] {
  if (conference.status === 'cancelled') {
    return [
      {
        field: 'conference',
        message: `${conference.reference} was cancelled; there is no outcome to record`,
      },
    ];
  }
  if (conference.status === 'booking') {
    return [{ field: 'conference', message: `${conference.reference} was never fully booked` }];
  }
  if (Temporal.Instant.compare(conference.timeline.start.toInstant(), now) > 0) {
    return [
      {
        field: 'conference',
        message: `${conference.reference} has not started yet (it starts ${conference.timeline.start.toPlainDateTime().toString({ smallestUnit: 'minute' })})`,
      },
    ];
  }
  return [];
}

function childProblems(
  child: ChildOutcome,
  index: number,
  conference: Conference,
  policy: Policy,
  attended: ReadonlySet<string>,
  attendees: ReadonlyMap<string, Attendee>,
): Problem[] {
  const problems: Problem[] = [];
  const at = `children[${index}]`;
  const allowed: readonly string[] = startsAPlan(conference.timeline.type)
    ? INITIAL_DECISIONS
    : REVIEW_DECISIONS;
  if (!allowed.includes(child.decision)) {
    problems.push({
      field: `${at}.decision`,
      message: `must be one of ${allowed.join(', ')} for a ${conference.timeline.type} conference`,
    });
  }
  const { min, max } = policy.scaling;
  child.scores.forEach((s, j) => {
    if (s.score < min || s.score > max) {
      problems.push({
        field: `${at}.scores[${j}].score`,
        message: `must be from ${min} to ${max}, the council's scale`,
      });
    }
    const attendee = attendees.get(s.who);
    if (attendee === undefined || !attended.has(attendee.who)) {
      problems.push({ field: `${at}.scores[${j}].who`, message: 'is not among those who attended' });
    } else if (attendee.role !== 'family' && s.reason === undefined) {
      problems.push({
        field: `${at}.scores[${j}].reason`,
        message: 'is required: professionals give a reason for their score',
      });
    }
  });
  child.recommendations.forEach((r, j) => {
    const attendee = attendees.get(r.who);
    if (attendee === undefined || !attended.has(attendee.who)) {
      problems.push({ field: `${at}.recommendations[${j}].who`, message: 'is not among those who attended' });
    }
  });
  const categories = new Map(policy.categories.map((c) => [c.id, c]));
  if (isPlan(child.decision)) {
    if (child.category === undefined) {
      problems.push({
        field: `${at}.category`,
        message: 'is required for a child protection plan: choose the category of harm',
      });
    } else if (!categories.has(child.category)) {
      problems.push({
        field: `${at}.category`,
        message: `must be one of ${[...categories.keys()].join(', ')}`,
      });
    }
  } else if (child.category !== undefined) {
    problems.push({ field: `${at}.category`, message: 'is only recorded for a child protection plan' });
  }
  if (child.subCategory !== undefined) {
    const sub = policy.subCategories.find((s) => s.id === child.subCategory);
    if (sub === undefined) {
      problems.push({ field: `${at}.subCategory`, message: 'is not one of the council’s sub-categories' });
    } else if (child.category === undefined || !sub.appliesTo.includes(child.category)) {
      problems.push({
        field: `${at}.subCategory`,
        message: `does not apply to the category ${child.category ?? '(none)'}`,
      });
    }
  }
  (child.proposedCategories ?? []).forEach((p, j) => {
    if (!categories.has(p.category)) {
      problems.push({
        field: `${at}.proposedCategories[${j}].category`,
        message: 'is not one of the council’s categories',
      });
    }
  });
  const proposed = new Set((child.proposedCategories ?? []).map((p) => p.category));
  if (child.category !== undefined) proposed.add(child.category);
  if (proposed.size > 1 && child.categoryRationale === undefined) {
    problems.push({
      field: `${at}.categoryRationale`,
      message: 'is required: attendees proposed different categories, so record why the chair chose this one',
    });
  }
  const recommended = new Set(child.recommendations.map((r) => r.recommendation));
  const decidedAs: Recommendation =
    child.decision === 'continue-plan'
      ? 'child-protection-plan'
      : child.decision === 'step-down'
        ? 'child-in-need-plan'
        : child.decision === 'end-plan'
          ? 'end-involvement'
          : child.decision;
  if (
    (recommended.size > 1 || (recommended.size === 1 && !recommended.has(decidedAs))) &&
    child.rationale === undefined
  ) {
    problems.push({
      field: `${at}.rationale`,
      message: 'is required: the recommendations differ, so record the chair’s rationale for the decision',
    });
  }
  return problems;
}

/**
 * Parses and checks an outcome against its conference; throws OutcomeError listing every problem.
 * `coreGroupDue` and `nextReviewDue` come from the conference's stored timeline.
 */
export function checkOutcome(
  input: unknown,
  conference: Conference,
  context: OutcomeContext,
): CheckedOutcome {
  const parsed = outcomeRequestSchema.safeParse(input, { error: problemMessages, reportInput: true });
  if (!parsed.success) throw new OutcomeError(toProblems(parsed.error));
  const outcome = parsed.data;
  const { policy } = context;
  const problems = conferenceProblems(conference, context.now);
  const attendees = attendeesOf(conference, policy);

  const attended = new Set<string>();
  outcome.attended.forEach((w, i) => {
    const attendee = attendees.get(w);
    if (attendee === undefined) {
      problems.push({ field: `attended[${i}]`, message: 'is not invited to this conference' });
    } else attended.add(attendee.who);
  });

  const expected = new Set(conference.children.map((c) => c.caseReference.toUpperCase()));
  const seen = new Set<string>();
  outcome.children.forEach((child, i) => {
    const ref = child.caseReference.toUpperCase();
    if (!expected.has(ref)) {
      problems.push({
        field: `children[${i}].caseReference`,
        message: 'is not one of this conference’s children',
      });
    } else if (seen.has(ref)) {
      problems.push({
        field: `children[${i}].caseReference`,
        message: 'is decided twice: one decision per child',
      });
    }
    seen.add(ref);
    problems.push(...childProblems(child, i, conference, policy, attended, attendees));
  });
  const undecided = [...expected].filter((ref) => !seen.has(ref));
  if (undecided.length > 0) {
    problems.push({
      field: 'children',
      message: `must decide for each child: missing ${undecided.join(', ')}`,
    });
  }

  const warnings: string[] = [];
  const date = conference.timeline.start.toPlainDate();
  const anyPlan = outcome.children.some((c) => isPlan(c.decision));
  if (anyPlan && outcome.coreGroup === undefined) {
    problems.push({ field: 'coreGroup', message: 'is required when a child has a child protection plan' });
  }
  if (outcome.coreGroup !== undefined) {
    outcome.coreGroup.members.forEach((w, i) => {
      const attendee = attendees.get(w);
      if (attendee === undefined) {
        problems.push({ field: `coreGroup.members[${i}]`, message: 'is not invited to this conference' });
      } else if (attendee.role !== 'family' && !attended.has(attendee.who)) {
        problems.push({
          field: `coreGroup.members[${i}]`,
          message: 'did not attend: only attendees and the family join the core group',
        });
      }
    });
    const first = outcome.coreGroup.firstMeeting;
    if (Temporal.PlainDate.compare(first, date) < 0) {
      problems.push({
        field: 'coreGroup.firstMeeting',
        message: `is before the conference (${date.toString()})`,
      });
    } else if (
      conference.timeline.coreGroupDue !== null &&
      Temporal.PlainDate.compare(first, conference.timeline.coreGroupDue) > 0
    ) {
      warnings.push(
        `The first core group meeting (${first.toString()}) is after ${conference.timeline.coreGroupDue.toString()}, ${policy.coreGroup.firstWithin.amount} ${policy.coreGroup.firstWithin.unit.replace('-', ' ')} after the conference.`,
      );
    }
  }
  let nextReview: Temporal.PlainDate | null = null;
  if (anyPlan) {
    // The latest date in timescale can fall on a weekend: the default is the working day before.
    nextReview =
      outcome.nextReview ??
      workingCalendar(policy.nation).workingDayOnOrBefore(conference.timeline.nextReviewDue);
    if (Temporal.PlainDate.compare(nextReview, date) <= 0) {
      problems.push({ field: 'nextReview', message: `must be after the conference (${date.toString()})` });
    } else if (Temporal.PlainDate.compare(nextReview, conference.timeline.nextReviewDue) > 0) {
      warnings.push(
        `The next review (${nextReview.toString()}) is later than the latest date in timescale, ${conference.timeline.nextReviewDue.toString()}.`,
      );
    }
  } else if (outcome.nextReview !== undefined) {
    problems.push({ field: 'nextReview', message: 'is only set when a child protection plan continues' });
  }
  const jargon = acronymsIn(outcome.contingency);
  if (jargon.length > 0) {
    warnings.push(
      `The contingency plan goes to the family too and uses ${jargon.join(', ')}: the family's letter should be in plain English.`,
    );
  }
  if (problems.length > 0) throw new OutcomeError(problems);
  return { outcome, nextReview, warnings };
}
