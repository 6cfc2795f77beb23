// The coordinator's one place for automatic mail: what the inbox received from programs rather
// than people (out-of-office replies, bounces, read receipts, calendar answers), newest first,
// each with the rule that matched, the conference it concerns, and for a bounce whose address
// failed. Nothing in it was filed or answered; a bounce of a report request is a professional
// who never got the request, so it is shown here to be acted on.
import { z } from 'zod';
import { ValidationError } from '../domain/errors';
import type { ReportRecord } from '../domain/intake/report';
import { daysParameter } from '../domain/validation/days-query';
import { problemMessages, toProblems } from '../domain/validation/zod-problems';
import { requireRole, type Actor } from './actor';
import type { IntakeDeps } from './intake-deps';

export const AUTOMATIC_DAYS = { default: 14, max: 90 } as const;
/** More than an inbox gets in the longest range; beyond it the answer says it is cut short. */
const AUTOMATIC_LIMIT = 500;

const querySchema = z.strictObject({ days: daysParameter(AUTOMATIC_DAYS.max) });

export interface AutomaticList {
  readonly days: number;
  readonly records: readonly ReportRecord[];
  /** More arrived in the range than are listed: ask for fewer days. */
  readonly truncated: boolean;
}

export async function listAutomatic(
  deps: IntakeDeps,
  actor: Actor,
  query: Record<string, unknown>,
): Promise<AutomaticList> {
  requireRole(actor, ['coordinator', 'manager'], 'see the automatic emails the inbox received');
  const parsed = querySchema.safeParse(query, { error: problemMessages, reportInput: true });
  if (!parsed.success) {
    throw new ValidationError(
      'QUERY.INVALID',
      toProblems(parsed.error),
      'The automatic emails cannot be shown',
    );
  }
  const days = parsed.data.days ?? AUTOMATIC_DAYS.default;
  const since = deps.clock.now().subtract({ hours: 24 * days });
  const found = await deps.reports.automaticSince(since, AUTOMATIC_LIMIT + 1);
  return {
    days,
    records: found.slice(0, AUTOMATIC_LIMIT),
    truncated: found.length > AUTOMATIC_LIMIT,
  };
}
