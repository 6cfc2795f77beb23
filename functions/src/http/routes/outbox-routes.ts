// What a conference owes people after it is booked: the outcome and its drafts, the messages
// queued and sent, reminders sent on request, and the sweep for local runs.
import { requireRole } from '../../app/actor';
import { markRecordSent, recordOutcome } from '../../app/record-outcome';
import { readOutbox, readOutcome } from '../../app/read-records';
import { remindNow } from '../../app/remind-now';
import { sweepOutbox } from '../../app/sweep-outbox';
import type { ApiDeps } from '../api-deps';
import { outboxEntryToJson, outcomeAnswerToJson, outcomeRecordToJson } from '../outcome-json';
import { jsonBody, ok, route, type Route } from '../route';

export function outboxRoutes(deps: ApiDeps): Route[] {
  const { booking, outbox } = deps;
  const both = { booking, outbox };
  return [
    route('POST', '/conferences/:ref/outcome', async (actor, p, req) => {
      const answer = await recordOutcome(both, actor, p.ref ?? '', jsonBody(req));
      return ok(outcomeAnswerToJson(answer), 201);
    }),
    route('GET', '/conferences/:ref/outcome', async (actor, p) =>
      ok(outcomeAnswerToJson(await readOutcome(both, actor, p.ref ?? ''))),
    ),
    route('POST', '/conferences/:ref/outcome/record-sent', async (actor, p) =>
      ok(outcomeRecordToJson(await markRecordSent(both, actor, p.ref ?? ''))),
    ),
    route('GET', '/conferences/:ref/outbox', async (actor, p) => {
      const { reference, messages } = await readOutbox(both, actor, p.ref ?? '');
      return ok({ reference, messages: messages.map(outboxEntryToJson) });
    }),
    route('POST', '/conferences/:ref/reminders', async (actor, p) => {
      const answer = await remindNow(both, actor, p.ref ?? '');
      return ok({
        reference: answer.reference,
        sent: answer.sent.map((s) => ({ ...s, sentAt: s.sentAt?.toString() ?? null })),
        nothing: answer.nothing,
      });
    }),
    route('POST', '/sweep', async (actor) => {
      // Cloud Scheduler calls the sweep function; this is for local runs and for a coordinator
      // who wants due messages out now.
      requireRole(actor, ['coordinator', 'manager'], 'send the messages that are due');
      return ok(await sweepOutbox(outbox));
    }),
  ];
}
