// What a coordinator tells us to plan a conference's timeline, checked as a whole so every
// problem is reported at once, each against the field the coordinator typed it in.
import { z } from 'zod';
import { Temporal } from 'temporal-polyfill';
import { CONFERENCE_TYPES, PART_MINUTES, type ConferenceType } from '../conference/conference-type';
import type { Problem } from '../errors';
import { clockTimeSchema, localDateSchema, localDateTimeSchema } from '../time/local-time';

export const MAX_PARTS = 4;

export const partRequestSchema = z.strictObject({
  /** Minutes everyone in this part is together; the policy's default when absent. */
  durationMinutes: z.int().min(PART_MINUTES.min).max(PART_MINUTES.max).optional(),
  /** False for a part with professionals only (e.g. information the family may not hear). */
  familyAttends: z.boolean().optional(),
  /**
   * When everyone in this part is together (HH:mm, on the conference's day), for a later part
   * that starts after a break; by default it follows the previous part. Part 1 starts at `start`.
   */
  start: clockTimeSchema.optional(),
  /** When the professionals are invited for this part, instead of the policy's offset. */
  professionalsArrive: clockTimeSchema.optional(),
});

export const timelineRequestSchema = z.strictObject({
  type: z.enum(CONFERENCE_TYPES),
  /** When everyone is together, in the council's wall-clock time. */
  start: localDateTimeSchema,
  /** The strategy discussion that started the enquiry (census S47ActualStartDate). */
  strategyDiscussion: localDateSchema.optional(),
  previousConference: localDateSchema.optional(),
  firstReview: z.boolean().optional(),
  expectedBirth: localDateSchema.optional(),
  /** When the receiving authority was told a child on a plan had moved in. */
  transferNotified: localDateSchema.optional(),
  /** Separate parts, e.g. when parents attend separately; one part when absent. */
  parts: z.array(partRequestSchema).min(1).max(MAX_PARTS).optional(),
});

export type TimelineRequest = z.output<typeof timelineRequestSchema>;
export type TimelineRequestInput = z.input<typeof timelineRequestSchema>;

/** The fields that belong to some conference types only. */
export const DATE_FIELDS = [
  'strategyDiscussion',
  'previousConference',
  'firstReview',
  'expectedBirth',
  'transferNotified',
] as const;
export type DateField = (typeof DATE_FIELDS)[number];

interface FieldRule {
  readonly field: DateField;
  readonly usedBy: readonly ConferenceType[];
  readonly requiredBy: readonly ConferenceType[];
  readonly what: string;
}

// Which conference types each date belongs to. A date given for a type that does not use it is
// refused: it means the coordinator has the wrong type or the wrong date, and guessing is worse.
const FIELD_RULES: readonly FieldRule[] = [
  {
    field: 'strategyDiscussion',
    usedBy: ['initial', 'pre-birth'],
    requiredBy: ['initial'],
    what: 'the date of the strategy discussion that started the enquiry',
  },
  {
    field: 'previousConference',
    usedBy: ['review'],
    requiredBy: ['review'],
    what: 'the date of the conference this one reviews',
  },
  { field: 'firstReview', usedBy: ['review'], requiredBy: [], what: 'whether this is the first review' },
  {
    field: 'expectedBirth',
    usedBy: ['pre-birth'],
    requiredBy: ['pre-birth'],
    what: 'the expected date of birth',
  },
  {
    field: 'transferNotified',
    usedBy: ['transfer-in'],
    requiredBy: [],
    what: 'the date the authority was told of the move',
  },
];

const LONGEST_PREGNANCY_WEEKS = 42;

export type FieldUse = 'required' | 'optional' | 'unused';

/**
 * What a booking form must ask for a type: from the same rules the booking is checked against,
 * so a form never asks for a date the booking would refuse, or omits one it requires.
 */
export function dateFieldUse(type: ConferenceType): Record<DateField, FieldUse> {
  const use = (field: DateField): FieldUse => {
    const rule = FIELD_RULES.find((r) => r.field === field);
    if (rule === undefined || !rule.usedBy.includes(type)) return 'unused';
    return rule.requiredBy.includes(type) ? 'required' : 'optional';
  };
  return {
    strategyDiscussion: use('strategyDiscussion'),
    previousConference: use('previousConference'),
    firstReview: use('firstReview'),
    expectedBirth: use('expectedBirth'),
    transferNotified: use('transferNotified'),
  };
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** Checks between fields that the schema cannot see one at a time. */
export function crossFieldProblems(request: TimelineRequest): Problem[] {
  const problems: Problem[] = [];
  for (const rule of FIELD_RULES) {
    const given = request[rule.field] !== undefined;
    if (!given && rule.requiredBy.includes(request.type)) {
      problems.push({
        field: rule.field,
        message: `is required for ${article(request.type)} ${request.type} conference: ${rule.what}`,
      });
    }
    if (given && !rule.usedBy.includes(request.type)) {
      problems.push({
        field: rule.field,
        message: `applies only to ${rule.usedBy.join(' or ')} conferences, not ${request.type}`,
      });
    }
  }
  const day = request.start.toPlainDate();
  const notAfterStart = (
    field: 'strategyDiscussion' | 'previousConference' | 'transferNotified',
    what: string,
  ): void => {
    const value: Temporal.PlainDate | undefined = request[field];
    if (value !== undefined && Temporal.PlainDate.compare(value, day) > 0) {
      problems.push({
        field,
        message: `${value.toString()} is after the conference on ${day.toString()}; ${what}`,
      });
    }
  };
  notAfterStart('strategyDiscussion', 'the strategy discussion comes first');
  notAfterStart('transferNotified', 'the notification comes first');
  if (
    request.previousConference !== undefined &&
    Temporal.PlainDate.compare(request.previousConference, day) >= 0
  ) {
    problems.push({
      field: 'previousConference',
      message: `${request.previousConference.toString()} is not before the conference on ${day.toString()}`,
    });
  }
  if (
    request.expectedBirth !== undefined &&
    Temporal.PlainDate.compare(request.expectedBirth, day.add({ weeks: LONGEST_PREGNANCY_WEEKS })) > 0
  ) {
    problems.push({
      field: 'expectedBirth',
      message: `${request.expectedBirth.toString()} is more than ${LONGEST_PREGNANCY_WEEKS} weeks after the conference; check the year`,
    });
  }
  return problems;
}
