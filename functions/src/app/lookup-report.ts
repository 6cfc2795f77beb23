// Finding the report record for an email a person has open: by the request inbox's own Gmail id,
// or, for a copy in someone else's mailbox (whose Gmail id differs), by its Message-ID header.
// Coordinators and managers see any; a chair sees only a report filed to a conference they chair
// (anything else is "not found", so its existence is not disclosed).
import { z } from 'zod';
import type { Conference } from '../domain/conference/conference';
import { NotFoundError, ValidationError } from '../domain/errors';
import type { ReportRecord, ReportState } from '../domain/intake/report';
import { problemMessages, toProblems } from '../domain/validation/zod-problems';
import type { Policy } from '../domain/policy/schema';
import type { ConferenceStore, ReportStore } from '../ports';
import { requireRole, type Actor } from './actor';
import { ANYONE, maySee, onlyChair } from './conference-access';

/** Copies of one email (sent twice, to two plus addresses) share a Message-ID: a few at most. */
const SAME_HEADER_LIMIT = 10;

const querySchema = z
  .strictObject({
    messageId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a Gmail message id: letters, digits, "-" or "_"')
      .optional(),
    rfc822: z
      .string()
      // Apps Script gives the header with its angle brackets; records keep it without.
      .transform((v) => v.trim().replace(/^<|>$/g, '').trim())
      .pipe(
        z
          .string()
          .max(998, 'is longer than any Message-ID header')
          .regex(/^[^\s<>]+$/, 'must be the email’s Message-ID header, e.g. <abc@mail.example.org>'),
      )
      .optional(),
  })
  .check((ctx) => {
    if (ctx.value.messageId === undefined && ctx.value.rfc822 === undefined) {
      ctx.issues.push({
        code: 'custom',
        path: ['messageId'],
        message: 'or rfc822 is required: the Gmail message id, or the email’s Message-ID header',
        input: ctx.value,
      });
    }
  });

export interface LookupDeps {
  readonly reports: ReportStore;
  readonly conferences: ConferenceStore;
  readonly settings: { readonly policy: Policy };
}

export interface ReportLookup {
  readonly report: ReportRecord;
  /** The conference it is filed to (or, when held, most likely belongs to); null for none. */
  readonly conference: Conference | null;
}

const PREFERENCE: Record<ReportState, number> = {
  filed: 0,
  held: 1,
  dismissed: 2,
  automatic: 3,
  redelivered: 4,
};

/** Of several records of one email, the one that counts: filed, held, dismissed, automatic, a second delivery. */
function best(records: readonly ReportRecord[]): ReportRecord | undefined {
  return [...records].sort(
    (a, b) =>
      PREFERENCE[a.state] - PREFERENCE[b.state] ||
      a.receivedAt.epochMilliseconds - b.receivedAt.epochMilliseconds,
  )[0];
}

function notFound(policy: Policy): NotFoundError {
  const inbox = policy.reports.inbox;
  return new NotFoundError(
    'REPORT.NOT_FOUND',
    `This email is not one Conference Desk received in the report inbox${inbox === null ? '' : ` (${inbox})`}, so it has no report record. If it is a report, forward it there with the conference reference in the subject.`,
  );
}

export async function lookUpReport(
  deps: LookupDeps,
  actor: Actor,
  query: Record<string, unknown>,
): Promise<ReportLookup> {
  requireRole(actor, ANYONE, 'look up reports');
  const parsed = querySchema.safeParse(query, { error: problemMessages, reportInput: true });
  if (!parsed.success) {
    throw new ValidationError('QUERY.INVALID', toProblems(parsed.error), 'The report cannot be looked up');
  }
  const { messageId, rfc822 } = parsed.data;
  let report = messageId === undefined ? undefined : await deps.reports.get(messageId);
  if (report === undefined && rfc822 !== undefined) {
    report = best(await deps.reports.withMessageIdHeader(rfc822, SAME_HEADER_LIMIT));
  }
  if (report === undefined) throw notFound(deps.settings.policy);
  const conference =
    report.conferenceId === null ? undefined : await deps.conferences.get(report.conferenceId);
  if (
    onlyChair(actor) &&
    (report.state !== 'filed' || conference === undefined || !maySee(actor, conference))
  ) {
    throw notFound(deps.settings.policy);
  }
  return { report, conference: conference ?? null };
}
