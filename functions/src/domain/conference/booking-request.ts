// What a coordinator sends to book (or change) a conference: the timeline's fields plus who is
// invited to which part. Checked as a whole so the form can show every problem next to its field.
// Names of the child and family are not asked for: the reference and the case numbers stand for them.
import { z } from 'zod';
import { Temporal } from 'temporal-polyfill';
import type { Problem } from '../errors';
import type { Policy } from '../policy/schema';
import type { Timeline } from '../timeline/plan-timeline';
import { timelineRequestSchema } from '../timeline/timeline-request';

const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());

const label = z.string().trim().min(1).max(100);

export const professionalSchema = z.strictObject({
  email,
  /** An agency id from the council's policy, e.g. police or health. */
  agency: z.string().min(1).max(64),
  /** How the coordinator knows them (e.g. "DC Smith, CAIT"): shown to staff only, never to Google. */
  name: label.optional(),
  /** e.g. health visitor, designated safeguarding lead. */
  role: label.optional(),
});

export const familyMemberSchema = z.strictObject({
  /** Absent when the family member has no email: the coordinator sends the invitation by post. */
  email: email.optional(),
  /** e.g. mother, father, carer, young person, advocate: how the invitations address their role. */
  relationship: label,
  /** The part of the conference they attend (1-based); separated parents each have their own. */
  part: z.int().min(1).optional(),
});

export const childSchema = z.strictObject({
  /** The child's number in the council's case system, never their name. */
  caseReference: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9/-]{0,39}$/, 'must be the case number: letters, digits, "-" or "/"'),
});

const attendeeFields = {
  chair: z.strictObject({ email }),
  socialWorker: z.strictObject({ email, name: label.optional() }),
  professionals: z.array(professionalSchema).max(40),
  family: z.array(familyMemberSchema).max(20),
};

const bookingFields = {
  ...attendeeFields,
  children: z.array(childSchema).min(1).max(12),
  /** Where people meet in person, e.g. "Hackney Service Centre, Room 2"; null for online only. */
  venue: z.string().trim().min(1).max(300).nullable().optional(),
  /** Why a conference outside the statutory timescale is booked anyway (census and audit). */
  outsideTimescaleReason: z.string().trim().min(1).max(1000).optional(),
  allowNonWorkingDay: z.boolean().optional(),
};

export const bookingRequestSchema = timelineRequestSchema.extend({
  ...bookingFields,
  /** Chosen by the client once per booking form: the same key returns the same conference. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'must be 8 to 128 letters, digits, "-" or "_"'),
});

/**
 * A booking the coordinator wants to see before confirming it: the same fields checked the same
 * way, but no key yet (nothing is stored, so there is nothing for a retry to find).
 */
export const previewRequestSchema = bookingRequestSchema.partial({ idempotencyKey: true });

/** A change to a booked conference: any booking field except the ones fixed at booking. */
export const changeRequestSchema = z.strictObject({
  start: timelineRequestSchema.shape.start.optional(),
  parts: timelineRequestSchema.shape.parts,
  strategyDiscussion: timelineRequestSchema.shape.strategyDiscussion,
  previousConference: timelineRequestSchema.shape.previousConference,
  firstReview: timelineRequestSchema.shape.firstReview,
  expectedBirth: timelineRequestSchema.shape.expectedBirth,
  transferNotified: timelineRequestSchema.shape.transferNotified,
  chair: attendeeFields.chair.optional(),
  socialWorker: attendeeFields.socialWorker.optional(),
  professionals: attendeeFields.professionals.optional(),
  family: attendeeFields.family.optional(),
  children: bookingFields.children.optional(),
  venue: bookingFields.venue,
  outsideTimescaleReason: bookingFields.outsideTimescaleReason,
  allowNonWorkingDay: bookingFields.allowNonWorkingDay,
  /** Why it changed, for the audit trail and the attendees' update. */
  reason: z.string().trim().min(1).max(1000),
});

export const cancelRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(1000),
});

export type BookingRequest = z.output<typeof bookingRequestSchema>;
export type ChangeRequest = z.output<typeof changeRequestSchema>;
export type Professional = z.output<typeof professionalSchema>;
export type FamilyMember = z.output<typeof familyMemberSchema>;
export type Child = z.output<typeof childSchema>;

/** Who is invited: kept with the conference, and what its calendar events are built from. */
export interface Invitees {
  readonly chair: { readonly email: string };
  readonly socialWorker: { readonly email: string; readonly name?: string | undefined };
  readonly professionals: readonly Professional[];
  readonly family: readonly FamilyMember[];
}

export interface BookingContext {
  readonly policy: Policy;
  /** The council's Workspace domain: the chair hosts the Meet, so must have an account there. */
  readonly workspaceDomain: string;
  readonly now: Temporal.Instant;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/**
 * Checks between invitees and against the timeline that the schema cannot see field by field.
 * Messages never repeat an address: errors are logged, and an address identifies a person.
 */
export function inviteeProblems(
  invitees: Invitees,
  parts: readonly { readonly familyAttends?: boolean | undefined }[],
  context: BookingContext,
): Problem[] {
  const problems: Problem[] = [];
  if (domainOf(invitees.chair.email) !== context.workspaceDomain) {
    problems.push({
      field: 'chair.email',
      message: `must be an account in ${context.workspaceDomain}: the chair hosts the meeting and admits everyone`,
    });
  }
  const agencies = new Set(context.policy.agencies.map((a) => a.id));
  invitees.professionals.forEach((p, i) => {
    if (!agencies.has(p.agency)) {
      problems.push({
        field: `professionals[${i}].agency`,
        message: `is not one of this council's agencies (${[...agencies].join(', ')})`,
      });
    }
  });

  // Everyone once: a second invitation would put a person on two audiences' events, and a
  // family member on two parts would meet the other parent.
  const seen = new Map<string, { field: string; family: boolean }>();
  const claim = (address: string | undefined, field: string, family: boolean): void => {
    if (address === undefined) return;
    const first = seen.get(address);
    if (first === undefined) {
      seen.set(address, { field, family });
      return;
    }
    problems.push({
      field,
      message:
        first.family && family
          ? `is the same address as ${first.field}: each family member is invited to one part only`
          : `is the same address as ${first.field}: invite each person once`,
    });
  };
  claim(invitees.chair.email, 'chair.email', false);
  claim(invitees.socialWorker.email, 'socialWorker.email', false);
  invitees.professionals.forEach((p, i) => {
    claim(p.email, `professionals[${i}].email`, false);
  });
  invitees.family.forEach((f, i) => {
    claim(f.email, `family[${i}].email`, true);
  });

  const familyParts = new Set(parts.flatMap((p, i) => (p.familyAttends === false ? [] : [i + 1])));
  const partCount = parts.length;
  invitees.family.forEach((f, i) => {
    const part = f.part ?? 1;
    if (part > partCount) {
      problems.push({
        field: `family[${i}].part`,
        message: `is ${part}, but the conference has ${partCount} part${partCount === 1 ? '' : 's'}`,
      });
    } else if (!familyParts.has(part)) {
      problems.push({ field: `family[${i}].part`, message: `part ${part} is for professionals only` });
    }
  });
  if (partCount > 1 && invitees.family.some((f) => f.part === undefined)) {
    invitees.family.forEach((f, i) => {
      if (f.part === undefined) {
        problems.push({
          field: `family[${i}].part`,
          message: 'is required when the conference has separate parts: say which part they attend',
        });
      }
    });
  }
  return problems;
}

/** Checks of the date against the clock and the statutory timescale. */
export function scheduleProblems(
  timeline: Timeline,
  outsideTimescaleReason: string | undefined,
  now: Temporal.Instant,
): Problem[] {
  const problems: Problem[] = [];
  const firstArrival = timeline.audiences.reduce(
    (earliest, slot) => (Temporal.ZonedDateTime.compare(slot.arrive, earliest) < 0 ? slot.arrive : earliest),
    timeline.start,
  );
  if (Temporal.Instant.compare(firstArrival.toInstant(), now) <= 0) {
    problems.push({
      field: 'start',
      message: `${firstArrival.toPlainDateTime().toString({ smallestUnit: 'minute' })} is in the past`,
    });
  }
  if (timeline.timescale !== null && !timeline.timescale.within && outsideTimescaleReason === undefined) {
    problems.push({
      field: 'outsideTimescaleReason',
      message: `is required: the conference is after ${timeline.timescale.latest.toString()}, the latest date in timescale (${timeline.timescale.basis})`,
    });
  }
  return problems;
}
