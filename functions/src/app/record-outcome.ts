// The chair records the outcome: it is checked against the conference and the policy, stored
// once, the conference is marked held, and the outbox is re-planned, which puts the record and
// decision (for professionals) and the plan in plain English (for the family, one per part) in
// the chair's own Gmail as drafts, and queues the reminder, the core group invitations and the
// review booking. The drafts are made at once; if Gmail fails, the sweep makes them later.
import type { Conference } from '../domain/conference/conference';
import { ConflictError, ForbiddenError } from '../domain/errors';
import { channelOf, type OutboxEntry, type OutboxKind } from '../domain/outbox/outbox-entry';
import { checkOutcome } from '../domain/outcome/outcome';
import type { OutcomeRecord } from '../domain/outcome/outcome-record';
import type { Actor } from './actor';
import type { BookingDeps } from './booking-deps';
import { conferenceFor } from './conference-access';
import { fingerprint } from './fingerprint';
import type { OutboxDeps } from './outbox-deps';
import { replanOrDefer } from './replan-outbox';
import { saveChange } from './save-change';
import { processEntry } from './sweep-outbox';

export interface OutcomeAnswer {
  readonly conference: Conference;
  readonly outcome: OutcomeRecord;
  /** The drafts and follow-ups this outcome owes, as they stand. */
  readonly entries: readonly OutboxEntry[];
  readonly draftsLink: string;
}

export interface OutcomeDeps {
  readonly booking: BookingDeps;
  readonly outbox: OutboxDeps;
}

/** Only the conference's own chair: the drafts go to their Gmail. */
function requireChairOf(actor: Actor, conference: Conference): void {
  // Reached only by someone who may see the conference (a coordinator who also chairs others).
  if (actor.email !== conference.invitees.chair.email) {
    throw new ForbiddenError(
      'OUTCOME.NOT_CHAIR',
      `Only the chair of ${conference.reference} can record its outcome: the drafts are made in the chair’s own Gmail`,
    );
  }
}

export async function outcomeAnswer(
  deps: OutcomeDeps,
  conference: Conference,
  outcome: OutcomeRecord,
): Promise<OutcomeAnswer> {
  const entries = (await deps.outbox.outbox.forConference(conference.id)).filter((e) =>
    OUTCOME_KINDS.has(e.kind),
  );
  return {
    conference,
    outcome,
    entries,
    draftsLink: deps.outbox.drafts.link(conference.invitees.chair.email),
  };
}

const OUTCOME_KINDS = new Set<OutboxKind>([
  'record-and-decision',
  'family-plan',
  'record-reminder',
  'core-group-invitation',
  'review-booking',
]);

export async function recordOutcome(
  deps: OutcomeDeps,
  actor: Actor,
  reference: string,
  input: unknown,
): Promise<OutcomeAnswer> {
  const { booking, outbox } = deps;
  let conference = await conferenceFor(booking, actor, reference, ['chair'], 'record an outcome');
  requireChairOf(actor, conference);
  const now = booking.clock.now();
  const print = fingerprint(input);
  let outcome = await outbox.outcomes.get(conference.id);
  if (outcome === undefined) {
    const checked = checkOutcome(input, conference, { policy: booking.settings.policy, now });
    const record: OutcomeRecord = {
      conferenceId: conference.id,
      reference: conference.reference,
      outcome: checked.outcome,
      nextReview: checked.nextReview,
      warnings: checked.warnings,
      recordedBy: actor.email,
      recordedAt: now,
      fingerprint: print,
      recordSent: null,
      revision: 0,
    };
    outcome =
      (await outbox.outcomes.create(record)) === 'created'
        ? record
        : await outbox.outcomes.get(conference.id);
  }
  // The same outcome sent again (a double click, a retry) finishes what the first began.
  if (outcome === undefined || outcome.fingerprint !== print) {
    throw new ConflictError(
      'OUTCOME.RECORDED',
      `The outcome of ${conference.reference} is already recorded; correct the drafts in Gmail before sending them`,
    );
  }
  if (conference.status !== 'held') {
    conference = await saveChange(
      booking,
      conference,
      {
        status: 'held',
        history: [...conference.history, { status: 'held', at: now, by: actor.email, reason: null }],
      },
      { by: actor.email, action: 'outcome-recorded', fields: ['status', 'outcome'], reason: null },
    );
    booking.logger.info('conference.outcome_recorded', { reference: conference.reference });
  }
  await replanOrDefer(outbox, conference);
  // The chair is waiting for the drafts: make them now rather than at the next sweep.
  const drafts = (await outbox.outbox.forConference(conference.id)).filter(
    (e) => channelOf(e.kind) === 'draft' && e.state === 'pending',
  );
  for (const draft of drafts) await processEntry(outbox, draft.id);
  return outcomeAnswer(deps, conference, outcome);
}

/** The chair (or a coordinator) says the record and decision has gone: the reminder is not sent. */
export async function markRecordSent(
  deps: OutcomeDeps,
  actor: Actor,
  reference: string,
): Promise<OutcomeRecord> {
  const conference = await conferenceFor(
    deps.booking,
    actor,
    reference,
    ['chair', 'coordinator'],
    'mark the record and decision as sent',
  );
  const outcome = await deps.outbox.outcomes.get(conference.id);
  if (outcome === undefined) {
    throw new ConflictError('OUTCOME.NOT_RECORDED', `No outcome is recorded for ${conference.reference} yet`);
  }
  let marked = outcome;
  if (outcome.recordSent === null) {
    marked = {
      ...outcome,
      recordSent: { at: deps.booking.clock.now(), by: actor.email },
      revision: outcome.revision + 1,
    };
    await deps.outbox.outcomes.update(marked, outcome.revision);
    deps.booking.logger.info('outcome.record_sent', { reference: conference.reference });
  }
  // Written after the mark, keyed so once: a retry after a failure here writes it then.
  const sent = marked.recordSent ?? { at: deps.booking.clock.now(), by: actor.email };
  await deps.booking.store.appendAudit(conference.id, 'record-sent', {
    at: sent.at,
    by: sent.by,
    action: 'record-sent',
    fields: ['outcome.recordSent'],
    reason: null,
  });
  return marked;
}
