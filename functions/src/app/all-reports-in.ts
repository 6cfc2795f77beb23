// When the last missing report of a conference is filed (each invited professional's, or each
// agency's, as the policy's reports.per says), the chair is told that everything is in, once (the entry's id is fixed by the conference's dates), so they can read ahead.
import { Temporal } from 'temporal-polyfill';
import { allReportsIn, reportStatus } from '../domain/intake/report-status';
import { newEntry, recipientOf, versionOf } from '../domain/outbox/outbox-entry';
import type { OutboxDeps } from './outbox-deps';
import { senderOf } from './replan-outbox';

export async function noteReportFiled(deps: OutboxDeps, conferenceId: string): Promise<void> {
  const conference = await deps.conferences.get(conferenceId);
  if (conference?.status !== 'booked') return;
  const now = deps.clock.now();
  const start = conference.timeline.start.toInstant();
  if (Temporal.Instant.compare(start, now) <= 0) return;
  const status = reportStatus(conference, await deps.reports.filedFor(conference.id), deps.settings.policy);
  if (!allReportsIn(status)) return;
  const chair = conference.invitees.chair.email;
  const added = await deps.outbox.add(
    newEntry(
      conference.id,
      conference.reference,
      {
        kind: 'all-reports-in',
        recipient: recipientOf('chair', chair),
        version: versionOf(conference.timeline.reportDue.toInstant(), start),
        dueAt: now,
        expiresAt: start,
        catchUp: true,
      },
      senderOf(deps),
      now,
    ),
  );
  if (added === 'created') deps.logger.info('outbox.all_reports_in', { reference: conference.reference });
}
