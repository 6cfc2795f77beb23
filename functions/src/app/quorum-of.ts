// Whether a conference can make quorum, from its guests' replies on the professionals' calendar
// events as they are now: what the sweep warns the coordinator from, and what the conference card
// and the overview show. One reading, so the card and the warning never disagree.
import type { Conference } from '../domain/conference/conference';
import type { Policy } from '../domain/policy/schema';
import { assessQuorum, type QuorumAssessment, type QuorumAttendee } from '../domain/quorum';
import type { CalendarGateway } from '../ports';

export interface QuorumDeps {
  readonly calendar: CalendarGateway;
  readonly settings: { readonly policy: Policy };
}

/**
 * Each guest's answer across the professionals' live events, as quorum counts it: Calendar's, or
 * where Calendar has none, one the guest emailed to the report inbox.
 */
export async function answersOf(
  deps: QuorumDeps,
  conference: Conference,
): Promise<ReadonlyMap<string, QuorumAttendee['rsvp']>> {
  const replies = new Map<string, QuorumAttendee['rsvp']>();
  for (const event of conference.events) {
    if (event.state !== 'created' || !event.key.startsWith('professionals')) continue;
    const answers = await deps.calendar.replies(conference.calendarOwner, event.eventId);
    for (const [email, fromCalendar] of answers ?? []) {
      // An answer emailed to the report inbox counts where Calendar still shows none: Calendar
      // cannot say which came later, so an answer it has stands.
      const emailed = conference.emailedAnswers.find(
        (a) => a.eventId === event.eventId && a.attendee === email,
      );
      const rsvp = fromCalendar === 'needs-action' && emailed !== undefined ? emailed.answer : fromCalendar;
      // Across parts, a reply that is not a decline wins: attending one part is attending.
      if (replies.get(email) === undefined || rsvp !== 'declined') replies.set(email, rsvp);
    }
  }
  return replies;
}

/** The guests' replies across the conference's live events, as quorum counts them. */
export async function quorumOf(deps: QuorumDeps, conference: Conference): Promise<QuorumAssessment> {
  const replies = await answersOf(deps, conference);
  const { socialWorker, professionals } = conference.invitees;
  const attendees: QuorumAttendee[] = [
    {
      role: 'social-worker',
      agency: deps.settings.policy.socialCareAgency,
      rsvp: replies.get(socialWorker.email) ?? 'needs-action',
    },
    ...professionals.map((p): QuorumAttendee => ({
      role: 'professional',
      agency: p.agency,
      rsvp: replies.get(p.email) ?? 'needs-action',
    })),
  ];
  return assessQuorum(attendees, deps.settings.policy);
}
