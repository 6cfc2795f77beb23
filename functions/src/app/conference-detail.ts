// Everything the conference card shows, from one conference as the caller may see it: reports in
// and missing, quorum from the calendar replies as they are now, who is invited (by role, never
// by name), whether it has started, and the outcome once the chair has recorded it.
import { Temporal } from 'temporal-polyfill';
import type { Conference } from '../domain/conference/conference';
import { reportStatus, type ReportStatus } from '../domain/intake/report-status';
import { attendeesOf, type Attendee } from '../domain/outcome/outcome';
import type { OutcomeRecord } from '../domain/outcome/outcome-record';
import type { DeskDeps } from './desk-deps';
import { readQuorum, type QuorumReading } from './read-quorum';

export interface OutcomeSummary {
  readonly recordedAt: Temporal.Instant;
  /** Opens the chair's drafts in Gmail, where the record and decision waits to be sent. */
  readonly draftsLink: string;
  readonly recordSent: OutcomeRecord['recordSent'];
}

export interface ConferenceDetail {
  readonly conference: Conference;
  readonly reports: ReportStatus;
  readonly quorum: QuorumReading;
  /** Each invitee once: the social worker, the professionals, then the family by part. */
  readonly attendees: readonly Attendee[];
  readonly started: boolean;
  readonly outcome: OutcomeSummary | null;
}

export async function conferenceDetail(deps: DeskDeps, conference: Conference): Promise<ConferenceDetail> {
  const { booking, outbox } = deps;
  const [filed, outcome, quorum] = await Promise.all([
    outbox.reports.filedFor(conference.id),
    outbox.outcomes.get(conference.id),
    readQuorum(booking, conference),
  ]);
  const policy = booking.settings.policy;
  return {
    conference,
    reports: reportStatus(conference, filed, policy),
    quorum,
    // A family member with an email is keyed twice (by "family-N" and by address): list once.
    attendees: [...new Set(attendeesOf(conference, policy).values())],
    started: Temporal.Instant.compare(booking.clock.now(), conference.timeline.start.toInstant()) >= 0,
    outcome:
      outcome === undefined
        ? null
        : {
            recordedAt: outcome.recordedAt,
            draftsLink: outbox.drafts.link(conference.invitees.chair.email),
            recordSent: outcome.recordSent,
          },
  };
}
