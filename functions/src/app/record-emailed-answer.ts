// A guest's answer to a Google Calendar invitation that was emailed to the report inbox, kept
// with its conference. Calendar reads the answers that reach the organiser's mailbox itself; one
// sent to the report inbox it never sees. The service does not write it into the Google event:
// an organiser setting a guest's answer can reset that guest's own copy of the event (Calendar
// API, events resource, attendees[].responseStatus). Quorum counts it instead (quorum-of.ts).
import type { EmailedAnswer } from '../domain/conference/conference';
import { ConflictError } from '../domain/errors';
import type { Clock, ConferenceStore, EmailedReply, InvitationReplies, Logger } from '../ports';

/** The iCalendar UID Google Calendar gives an event made through the API. */
const GOOGLE_UID_DOMAIN = 'google.com';
/** Someone else saving the conference at the same moment: read it again and try again. */
const ATTEMPTS = 3;

export function emailedAnswers(deps: {
  readonly conferences: ConferenceStore;
  readonly clock: Clock;
  readonly logger: Logger;
}): InvitationReplies {
  return {
    async record(reply: EmailedReply) {
      const at = reply.uid.lastIndexOf('@');
      if (at <= 0 || reply.uid.slice(at + 1).toLowerCase() !== GOOGLE_UID_DOMAIN) return 'unknown-event';
      const eventId = reply.uid.slice(0, at);
      for (let attempt = 1; ; attempt += 1) {
        const conference = await deps.conferences.getByEventId(eventId);
        const event = conference?.events.find((e) => e.eventId === eventId);
        if (conference === undefined || event === undefined) return 'unknown-event';
        const { invitees } = conference;
        const guests = [
          invitees.chair.email,
          invitees.socialWorker.email,
          ...invitees.professionals.map((p) => p.email),
          ...invitees.family.flatMap((f) => (f.email === undefined ? [] : [f.email])),
        ];
        if (!guests.includes(reply.attendee)) return 'unknown-event';
        if (conference.status === 'cancelled' || event.state !== 'created') return 'outdated';
        const earlier = conference.emailedAnswers.find(
          (a) => a.eventId === eventId && a.attendee === reply.attendee,
        );
        // An answer to an earlier version of the invitation says nothing about this one.
        if (earlier !== undefined && earlier.sequence > reply.sequence) return 'outdated';
        const answer: EmailedAnswer = {
          eventId,
          attendee: reply.attendee,
          answer: reply.answer,
          sequence: reply.sequence,
        };
        const now = deps.clock.now();
        try {
          await deps.conferences.update(
            {
              ...conference,
              emailedAnswers: [...conference.emailedAnswers.filter((a) => a !== earlier), answer],
              revision: conference.revision + 1,
              updatedAt: now,
            },
            conference.revision,
            {
              at: now,
              by: 'service',
              action: 'invitations-updated',
              fields: ['emailedAnswers'],
              reason: null,
            },
          );
          deps.logger.info('intake.emailed_answer', {
            reference: conference.reference,
            answer: reply.answer,
          });
          return 'recorded';
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
        }
      }
    },
  };
}
