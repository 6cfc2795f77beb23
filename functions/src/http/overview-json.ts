// The overview as the add-on receives it: one line per conference, times ISO 8601 with the
// council's offset, dates YYYY-MM-DD.
import type { Overview } from '../app/overview';
import { DEADLINE_LABELS } from '../domain/timeline/next-deadline';
import { isoWithOffset } from '../domain/time/local-time';

export function overviewToJson(overview: Overview): Record<string, unknown> {
  return {
    from: overview.from.toString(),
    to: overview.to.toString(),
    conferences: overview.rows.map(({ conference, reports, quorum, outcomeRecorded, nextDeadline }) => {
      const { timeline } = conference;
      return {
        reference: conference.reference,
        type: timeline.type,
        status: conference.status,
        start: isoWithOffset(timeline.start),
        venue: conference.venue,
        chair: conference.invitees.chair.email,
        reports: {
          received: reports.received,
          expected: reports.expected,
          due: isoWithOffset(timeline.reportDue),
          overdue: reports.overdue,
        },
        quorum,
        timescale:
          timeline.timescale === null
            ? null
            : {
                within: timeline.timescale.within,
                latest: timeline.timescale.latest.toString(),
                basis: timeline.timescale.basis,
              },
        outsideTimescaleReason: conference.outsideTimescaleReason,
        outcomeRecorded,
        nextDeadline:
          nextDeadline === null
            ? null
            : {
                what: nextDeadline.what,
                label: DEADLINE_LABELS[nextDeadline.what],
                at: isoWithOffset(nextDeadline.at),
              },
      };
    }),
    truncated: overview.truncated,
    unmatched: overview.unmatched,
  };
}
