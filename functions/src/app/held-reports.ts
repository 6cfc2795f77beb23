// The coordinator's side of intake: the emails held for a person, filing one under a conference
// they chose (and the agency or the invitee whose report it is, when the sender was not invited),
// or dismissing it with a reason. Each decision is written into the record's history with who
// made it and, for a report, whose it was filed as.
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { REFERENCE_PATTERN } from '../domain/conference/conference';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { contributionOf } from '../domain/intake/assess-message';
import type { ReportRecord } from '../domain/intake/report';
import { whoseReport } from '../domain/intake/whose-report';
import { problemMessages, toProblems } from '../domain/validation/zod-problems';
import { requireRole, type Actor } from './actor';
import { conferenceFor } from './conference-access';
import { FOLLOW_UP_LEASE_MINUTES, followUpOrDefer, tellReportFiled } from './follow-up-report';
import { acknowledgementNotBefore } from '../domain/intake/acknowledgement-window';
import type { IntakeDeps } from './intake-deps';

const STAFF = ['coordinator', 'manager'] as const;
const HELD_LIMIT = 500;

const fileSchema = z.strictObject({
  conferenceRef: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.string().regex(REFERENCE_PATTERN, 'must be a conference reference such as CPC-7F3K')),
  /** Whose report it is, when the sender is not invited as that agency's professional. */
  agency: z.string().min(1).max(64).optional(),
  /**
   * The invited professional (or social worker) whose report it is: needed per person when the
   * agency has several invitees and the sender is none of them.
   */
  invitee: z
    .email({ error: 'must be the address of a professional invited to the conference' })
    .max(254, 'must be the address of a professional invited to the conference')
    .transform((s) => s.toLowerCase())
    .optional(),
});

const dismissSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

function parse<T extends z.ZodType>(schema: T, input: unknown, summary: string): z.output<T> {
  const parsed = schema.safeParse(input, { error: problemMessages, reportInput: true });
  if (!parsed.success) throw new ValidationError('REQUEST.INVALID', toProblems(parsed.error), summary);
  return parsed.data;
}

/**
 * The record of an email a coordinator may decide on: one held for them, or (to file it only)
 * one recorded as automatic, which a coordinator who reads it may know to be a person's report.
 */
async function heldRecord(
  deps: IntakeDeps,
  messageId: string,
  states: readonly ReportRecord['state'][] = ['held'],
): Promise<ReportRecord> {
  const report = /^[A-Za-z0-9_-]{1,200}$/.test(messageId) ? await deps.reports.get(messageId) : undefined;
  if (report === undefined) {
    throw new NotFoundError('REPORT.NOT_FOUND', 'There is no email with that id in the report records');
  }
  if (!states.includes(report.state)) {
    throw new ConflictError(
      'REPORT.NOT_HELD',
      `This email was already ${report.state}${report.reference === null ? '' : ` (${report.reference})`}; reload the list`,
    );
  }
  return report;
}

export async function listHeld(deps: IntakeDeps, actor: Actor): Promise<ReportRecord[]> {
  requireRole(actor, STAFF, 'see the emails waiting to be filed');
  return deps.reports.held(HELD_LIMIT);
}

export async function fileHeld(
  deps: IntakeDeps,
  actor: Actor,
  messageId: string,
  input: unknown,
): Promise<ReportRecord> {
  requireRole(actor, STAFF, 'file reports');
  const body = parse(fileSchema, input, 'The email cannot be filed');
  const report = await heldRecord(deps, messageId, ['held', 'automatic']);
  const conference = await conferenceFor(
    { store: deps.conferences },
    actor,
    body.conferenceRef,
    STAFF,
    'file reports',
  ).catch((error: unknown) => {
    // On the filing form the reference is a field like any other.
    if (!(error instanceof NotFoundError)) throw error;
    throw new ValidationError(
      'REQUEST.INVALID',
      [{ field: 'conferenceRef', message: 'is not a conference' }],
      'The email cannot be filed',
    );
  });
  if (conference.status === 'cancelled') {
    throw new ConflictError(
      'CONFERENCE.CANCELLED',
      `${conference.reference} was cancelled; a report cannot be filed against it`,
    );
  }
  const whose = whoseReport(conference, report.sender?.address ?? null, body, deps.settings.policy);
  if (whose.kind === 'problem') {
    throw new ValidationError('REQUEST.INVALID', [whose.problem], 'The email cannot be filed');
  }
  const contribution = contributionOf(conference, whose.role, report.receivedAt);
  if (contribution === null) {
    throw new ValidationError(
      'REQUEST.INVALID',
      [{ field: 'agency', message: 'is needed: say which agency the report is from' }],
      'The email cannot be filed',
    );
  }
  const filedAs =
    contribution.invitee !== null
      ? ` as the report of ${whose.label ?? contribution.agency ?? 'an invitee'} (${contribution.invitee})`
      : contribution.agency !== null
        ? ` as ${contribution.agency}'s report`
        : ' as the family’s views';
  const now = deps.clock.now();
  // At most one acknowledgement an hour to one sender for one conference, as intake's own.
  const notBefore =
    report.sender === null
      ? now
      : acknowledgementNotBefore(await deps.reports.filedFor(conference.id), report.sender.address, now);
  const goesNow = report.sender !== null && Temporal.Instant.compare(notBefore, now) <= 0;
  const filed: ReportRecord = {
    ...report,
    state: 'filed',
    conferenceId: conference.id,
    reference: conference.reference,
    contribution,
    matchedBy: 'coordinator',
    heldSubject: null,
    acknowledgement: {
      ...report.acknowledgement,
      state: report.sender === null ? 'none' : 'pending',
      // This step's own attempt when it may go now (see follow-up-report.ts).
      attempts: report.acknowledgement.attempts + (goesNow ? 1 : 0),
      notBefore,
      coveredBy: null,
    },
    labelled: false,
    nextFollowUp:
      goesNow || report.sender === null ? now.add({ minutes: FOLLOW_UP_LEASE_MINUTES }) : notBefore,
    history: [
      ...report.history,
      {
        at: now,
        by: actor.email,
        action: 'filed',
        reason: `filed under ${conference.reference}${filedAs}; held for ${report.holdReasons.map((r) => r.code).join(', ') || 'no recorded reason'}`,
      },
    ],
    revision: report.revision + 1,
  };
  await deps.reports.update(filed, report.revision);
  deps.logger.info('intake.filed_by_coordinator', { messageId, reference: conference.reference });
  await followUpOrDefer(deps, filed, true);
  await tellReportFiled(deps, conference.id);
  return (await deps.reports.get(messageId)) ?? filed;
}

export async function dismissHeld(
  deps: IntakeDeps,
  actor: Actor,
  messageId: string,
  input: unknown,
): Promise<ReportRecord> {
  requireRole(actor, STAFF, 'dismiss held emails');
  const { reason } = parse(dismissSchema, input, 'The email cannot be dismissed');
  const report = await heldRecord(deps, messageId);
  const now = deps.clock.now();
  const dismissed: ReportRecord = {
    ...report,
    state: 'dismissed',
    heldSubject: null,
    acknowledgement: { ...report.acknowledgement, state: 'none' },
    labelled: false,
    nextFollowUp: now.add({ minutes: FOLLOW_UP_LEASE_MINUTES }),
    history: [...report.history, { at: now, by: actor.email, action: 'dismissed', reason }],
    revision: report.revision + 1,
  };
  await deps.reports.update(dismissed, report.revision);
  deps.logger.info('intake.dismissed', { messageId });
  await followUpOrDefer(deps, dismissed, true);
  return (await deps.reports.get(messageId)) ?? dismissed;
}
