// "Send a reminder now": a coordinator chases every invitee whose report is still missing (their
// own per person, their agency's per agency: the policy's reports.per), there and then. Each reminder is an outbox entry (so it is recorded, retried and shown like any
// other), processed at once through the sweep's own claim, so a sweep running meanwhile cannot
// send it a second time. Its id is fixed by the minute it was asked for: a second press in the same
// minute finds the same entries, already sent, and sends nothing new.
import { Temporal } from 'temporal-polyfill';
import type { Conference } from '../domain/conference/conference';
import { AppError, ConflictError } from '../domain/errors';
import { owedBy, reportStatus } from '../domain/intake/report-status';
import {
  newEntry,
  recipientOf,
  versionOf,
  type OutboxEntry,
  type OutboxRecipient,
  type OutboxState,
} from '../domain/outbox/outbox-entry';
import type { Actor } from './actor';
import { conferenceFor } from './conference-access';
import type { DeskDeps } from './desk-deps';
import { senderOf } from './replan-outbox';
import { processEntry } from './sweep-outbox';

export interface ReminderSent {
  readonly agency: string;
  /** The missing report's row, as the card shows it ("Health (GP)" per person, "Health" per agency). */
  readonly label: string;
  /** What became of it: sent, or pending again (Gmail failed; the sweep retries), skipped, failed. */
  readonly state: OutboxState;
  readonly sentAt: Temporal.Instant | null;
}

export interface RemindAnswer {
  readonly reference: string;
  readonly sent: readonly ReminderSent[];
  /** Why nobody was reminded, in words for the coordinator; null when reminders went. */
  readonly nothing: string | null;
}

function refuseClosed(conference: Conference): void {
  if (conference.status === 'cancelled') {
    throw new ConflictError(
      'CONFERENCE.CLOSED',
      `Conference ${conference.reference} was cancelled: its reports are not chased`,
    );
  }
  if (conference.status === 'booking') {
    throw new ConflictError(
      'CONFERENCE.NOT_BOOKED',
      `Conference ${conference.reference} is not fully booked, so its report requests have not all gone: open it and finish the booking first`,
    );
  }
}

export async function remindNow(deps: DeskDeps, actor: Actor, reference: string): Promise<RemindAnswer> {
  const { booking, outbox } = deps;
  const conference = await conferenceFor(
    booking,
    actor,
    reference,
    ['coordinator', 'manager'],
    'send report reminders',
  );
  refuseClosed(conference);
  const now = booking.clock.now();
  const start = conference.timeline.start.toInstant();
  const answer = (nothing: string): RemindAnswer => ({ reference: conference.reference, sent: [], nothing });
  if (conference.status === 'held' || Temporal.Instant.compare(now, start) >= 0) {
    return answer(
      `${conference.reference} has already started, so reports are no longer chased: ask at the conference instead.`,
    );
  }
  if (outbox.mailer === undefined) {
    throw new AppError(
      'OUTBOX.NO_MAILBOX',
      'No mailbox can send reminders: the council policy has no report request inbox (reports.inbox). Ask IT to set it.',
      503,
    );
  }
  const { policy } = booking.settings;
  const status = reportStatus(conference, await outbox.reports.filedFor(conference.id), policy);
  const { socialWorker, professionals } = conference.invitees;
  const recipients: OutboxRecipient[] = [
    recipientOf('social-worker', socialWorker.email, policy.socialCareAgency),
    ...professionals.map((p) => recipientOf('professional', p.email, p.agency)),
  ].filter((r) => owedBy(status, r)?.status === 'missing');
  if (recipients.length === 0) {
    return answer(
      `Every ${status.per === 'person' ? 'invited professional’s' : 'invited agency’s'} report for ${conference.reference} is in: nobody needs a reminder.`,
    );
  }

  // Before the deadline it is a reminder; after it, the overdue notice says the report is late.
  const reportDue = status.due;
  const beforeDeadline = Temporal.Instant.compare(now, reportDue) < 0;
  const minute = now.round({ smallestUnit: 'minute', roundingMode: 'floor' });
  const entries: OutboxEntry[] = recipients.map((recipient) =>
    newEntry(
      conference.id,
      conference.reference,
      {
        kind: beforeDeadline ? 'report-reminder' : 'report-overdue',
        recipient,
        // Never a planned reminder's version: those are made from two instants, this from one and a word.
        version: versionOf(minute, 'on-request'),
        dueAt: now,
        expiresAt: beforeDeadline ? reportDue : start,
        catchUp: true,
      },
      senderOf(outbox),
      now,
      { requestedBy: actor.email },
    ),
  );
  for (const entry of entries) await outbox.outbox.add(entry);
  // One at a time: a handful of professionals, and Gmail's per-user sending limits.
  for (const entry of entries) await processEntry(outbox, entry.id);
  const sent = await Promise.all(
    entries.map(async (entry): Promise<ReminderSent> => {
      const stored = (await outbox.outbox.get(entry.id)) ?? entry;
      const agency = entry.recipient.agency ?? '';
      const label = owedBy(status, entry.recipient)?.label ?? agency;
      return { agency, label, state: stored.state, sentAt: stored.result?.at ?? null };
    }),
  );
  booking.logger.info('outbox.reminders_requested', {
    reference: conference.reference,
    kind: entries[0]?.kind ?? null,
    recipients: entries.length,
    sent: sent.filter((s) => s.state === 'sent').length,
  });
  return { reference: conference.reference, sent, nothing: null };
}
