// The shape of a council's policy: every rule that differs between authorities is data here,
// validated once when the policy is loaded, so the rest of the code trusts it.
import { z } from 'zod';
import { NATIONS } from '../calendar/working-days';
import { CONFERENCE_TYPES, PART_MINUTES, type ConferenceType } from '../conference/conference-type';
import { MESSAGE_NAMES } from '../messages/message-views';
import { isTimeZone } from '../time/local-time';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters and digits joined by single hyphens');

const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time written HH:mm');

export const DURATION_UNITS = ['calendar-days', 'working-days', 'hours'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** An amount of time counted back (or on) from an event, e.g. 5 working days or 48 hours. */
export const durationSchema = z.strictObject({
  amount: z.int().min(0).max(366),
  unit: z.enum(DURATION_UNITS),
});
export type Duration = z.output<typeof durationSchema>;

/** Statutory periods are counted in days (working or calendar), never in hours. */
const dayDurationSchema = z.strictObject({
  amount: z.int().min(0).max(366),
  unit: z.enum(['calendar-days', 'working-days']),
});

function perConferenceType<T extends z.ZodType>(value: T) {
  const shape = Object.fromEntries(CONFERENCE_TYPES.map((type) => [type, value])) as Record<
    ConferenceType,
    T
  >;
  return z.strictObject(shape);
}

const minutesBefore = z.int().min(0).max(240);

const contactSchema = z.strictObject({
  name: z.string().trim().min(1),
  role: z.string().trim().min(1).optional(),
  email: z.email().optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ]{7,20}$/, 'must be a telephone number of digits and spaces')
    .optional(),
});

const templatePart = z.string().min(1).max(50_000);

export const templateOverridesSchema = z.partialRecord(
  z.enum(MESSAGE_NAMES),
  z.strictObject({
    subject: templatePart.optional(),
    text: templatePart.optional(),
    html: templatePart.optional(),
  }),
);
export type TemplateOverrides = z.output<typeof templateOverridesSchema>;

const timedRule = z.strictObject({ before: durationSchema, at: clockTime });

export const policySchema = z
  .strictObject({
    id: slug,
    name: z.string().trim().min(1),
    nation: z.enum(NATIONS),
    timeZone: z.string().refine(isTimeZone, 'is not a known IANA time zone such as Europe/London'),
    /** Day-based deadlines fall due at `end` on their day; reminders default to `start`. */
    workingHours: z.strictObject({ start: clockTime, end: clockTime }),
    attendance: z.strictObject({ default: z.enum(['in-person', 'virtual']) }),
    /**
     * Who makes the one Meet every audience joins. 'meet-api': the service creates a space as
     * the chair with access RESTRICTED, so everyone knocks and the chair admits each audience at
     * its time. 'calendar': Calendar creates it on the family's event (the meeting's own
     * settings then apply), for councils whose admins have not enabled the Meet API.
     */
    meet: z.strictObject({ createdBy: z.enum(['meet-api', 'calendar']) }),
    agencies: z.array(z.strictObject({ id: slug, label: z.string().trim().min(1) })).min(1),
    /** The agency of the social worker, which quorum does not count among the "other" agencies. */
    socialCareAgency: slug,
    reports: z.strictObject({
      /** The report request inbox; null until the council sets one. */
      inbox: z.email().nullable(),
      due: perConferenceType(durationSchema),
      /** What happens when a deadline lands on a weekend or bank holiday. */
      dueOnNonWorkingDay: z.enum(['previous-working-day', 'keep']),
      familyShare: z.strictObject({
        /** 'with-report': shared before it is sent, so by the report deadline; null: no rule. */
        due: z.union([z.literal('with-report'), durationSchema]).nullable(),
        exemptAgencies: z.array(slug),
      }),
      shareWithProfessionals: z.boolean(),
      /**
       * Who owes a report. 'person': each invited professional and the social worker send their
       * own, so a health visitor's report does not stand for the GP's; reminders, the card and
       * "all reports in" count people. 'agency': one report per invited agency, whoever sends it.
       */
      per: z.enum(['person', 'agency']),
    }),
    arrival: z.strictObject({
      family: z.strictObject({ minutesBeforeStart: minutesBefore }),
      professionals: z.strictObject({ minutesBeforeStart: minutesBefore }),
    }),
    /** Minutes everyone is together, per part, unless the booking says otherwise. */
    durationMinutes: perConferenceType(z.int().min(PART_MINUTES.min).max(PART_MINUTES.max)),
    quorum: z.strictObject({ socialWorker: z.boolean(), otherAgencies: z.int().min(0).max(10) }),
    timescales: z.strictObject({
      /** From the strategy discussion that started the enquiry. */
      initial: z.strictObject({ within: dayDurationSchema }),
      /** From the day the receiving authority was told of the move. */
      transferIn: z.strictObject({ within: dayDurationSchema }).nullable(),
      preBirth: z.strictObject({ beforeGestationWeeks: z.int().min(1).max(40) }).nullable(),
      firstReviewWithinMonths: z.int().min(1).max(12),
      laterReviewsWithinMonths: z.int().min(1).max(12),
    }),
    recordAndDecision: z.strictObject({ within: dayDurationSchema }),
    outcomeToChild: z.strictObject({ within: dayDurationSchema }),
    coreGroup: z.strictObject({ firstWithin: dayDurationSchema, thenEveryMonths: z.int().min(1).max(6) }),
    categories: z
      .array(
        z.strictObject({
          id: slug,
          label: z.string().trim().min(1),
          /** Children in Need census code; null for a category the census does not have. */
          censusCode: z.enum(['NEG', 'PHY', 'SAB', 'EMO']).nullable(),
        }),
      )
      .min(1),
    subCategories: z.array(
      z.strictObject({ id: slug, label: z.string().trim().min(1), appliesTo: z.array(slug).min(1) }),
    ),
    scaling: z.strictObject({
      min: z.int(),
      max: z.int(),
      direction: z.enum(['higher-is-safer', 'higher-is-riskier']),
      minLabel: z.string().trim().min(1),
      maxLabel: z.string().trim().min(1),
    }),
    reminders: z.strictObject({
      /** Before the report deadline, to professionals who have not sent one. */
      report: timedRule.nullable(),
      reportOverdue: z.boolean(),
      /** Before the start: read the RSVPs and warn the coordinator if quorum is at risk. */
      quorumChecks: z.array(timedRule),
      /** On the working day before the conference. */
      dayBefore: z.strictObject({ at: clockTime }).nullable(),
    }),
    feedback: z.strictObject({
      request: z.boolean(),
      url: z.url().nullable(),
      /**
       * Where replies to the feedback request go; null: the coordinator's mailbox (the service's
       * COORDINATOR_ALERTS, else CALENDAR_OWNER). Never the report inbox, which would hold them
       * as reports for a conference that has already taken place.
       */
      replyTo: z.email().nullable(),
      after: dayDurationSchema,
      at: clockTime,
    }),
    contacts: z.strictObject({ complaints: z.array(contactSchema), escalation: z.array(contactSchema) }),
    childFirstNamesInEmail: z.boolean(),
    /**
     * The council's own wording for any part of any message (Handlebars source), replacing the
     * shipped template. Checked against each message's data when the service starts.
     */
    templates: templateOverridesSchema.default({}),
    /** Where each number came from, by setting path: reviewers check policies against guidance. */
    sources: z.record(z.string(), z.string()),
  })
  .superRefine((p, ctx) => {
    const problem = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
    };
    const agencies = new Set(p.agencies.map((a) => a.id));
    const categories = new Set(p.categories.map((c) => c.id));
    for (const id of duplicates(p.agencies.map((a) => a.id))) {
      problem(['agencies'], `lists the agency "${id}" more than once`);
    }
    for (const id of duplicates(p.categories.map((c) => c.id))) {
      problem(['categories'], `lists the category "${id}" more than once`);
    }
    if (!agencies.has(p.socialCareAgency)) {
      problem(['socialCareAgency'], `"${p.socialCareAgency}" is not one of the agencies`);
    }
    p.reports.familyShare.exemptAgencies.forEach((id, i) => {
      if (!agencies.has(id))
        problem(['reports', 'familyShare', 'exemptAgencies', i], `"${id}" is not one of the agencies`);
    });
    p.subCategories.forEach((sub, i) => {
      sub.appliesTo.forEach((id, j) => {
        if (!categories.has(id))
          problem(['subCategories', i, 'appliesTo', j], `"${id}" is not one of the categories`);
      });
    });
    if (
      p.feedback.replyTo !== null &&
      p.reports.inbox !== null &&
      sameMailbox(p.feedback.replyTo, p.reports.inbox)
    ) {
      problem(
        ['feedback', 'replyTo'],
        'must not be the report request inbox: replies to the feedback request would be held there as reports. Use null for the coordinator’s mailbox',
      );
    }
    if (p.workingHours.start >= p.workingHours.end) {
      problem(['workingHours', 'end'], `must be later than the start (${p.workingHours.start})`);
    }
    if (p.scaling.min >= p.scaling.max) {
      problem(['scaling', 'max'], `must be greater than the minimum (${p.scaling.min})`);
    }
  });

/** The same mailbox, plus addresses included (inbox+cpc-7f3k@ is the inbox). */
function sameMailbox(a: string, b: string): boolean {
  const base = (address: string): string => address.toLowerCase().replace(/\+[^@]*@/, '@');
  return base(a) === base(b);
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** A validated policy: what every rule in the service reads. */
export type Policy = z.output<typeof policySchema>;
/** What a policy file must add up to once merged with what it extends. */
export type PolicyInput = z.input<typeof policySchema>;
