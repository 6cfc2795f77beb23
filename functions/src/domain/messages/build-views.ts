// Turns an outbox entry and what is known now (the conference as it stands, its reports, its
// outcome) into the message to send: which template, the data it is given, and its recipients.
// Dates are put into words in the council's zone; people are named by role and agency only.
import { Temporal } from 'temporal-polyfill';
import { reportAddress } from '../conference/event-description-view';
import type { Conference } from '../conference/conference';
import type { OutboxEntry } from '../outbox/outbox-entry';
import type { Policy } from '../policy/schema';
import { clock, longDate, timeOnDate } from '../time/in-words';
import { label, required, type MessageFacts } from './message-facts';
import type { CouncilView, MessageName, MessageViews } from './message-views';
import { familyPlan, recordAndDecision } from './outcome-views';

export interface ComposedMessage<N extends MessageName = MessageName> {
  readonly name: N;
  readonly view: MessageViews[N];
  readonly to: readonly string[];
  readonly bcc: readonly string[];
  /** Where replies go; null: to the sender (the chair's own record and decision). */
  readonly replyTo: string | null;
}

/**
 * Where a reply to each message should land. Most are about reports, so the inbox's plus address
 * files an answer with its conference; a feedback reply comes after the conference and is not a
 * report, so it goes to the coordinators (the report inbox would hold it as "conference closed").
 */
export function replyAddress(kind: OutboxEntry['kind'], facts: MessageFacts): string | null {
  const { policy, conference } = facts;
  switch (kind) {
    case 'record-and-decision':
      return null;
    case 'feedback-request':
      return policy.feedback.replyTo ?? facts.coordinator;
    default:
      return reportAddress(policy.reports.inbox, conference.reference);
  }
}

const KIND_WORDS: Record<Conference['timeline']['type'], string> = {
  initial: 'initial child protection conference',
  review: 'review child protection conference',
  'pre-birth': 'pre-birth child protection conference',
  'transfer-in': 'transfer-in child protection conference',
};

function councilView(policy: Policy): CouncilView {
  const contact = (c: Policy['contacts']['complaints'][number]) => ({
    name: c.name,
    role: c.role ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
  });
  return {
    name: policy.name,
    inbox: policy.reports.inbox,
    complaints: policy.contacts.complaints.map(contact),
    escalation: policy.contacts.escalation.map(contact),
  };
}

function dueWords(conference: Conference) {
  return {
    reportDue: timeOnDate(conference.timeline.reportDue),
    familyShareDue:
      conference.timeline.familyShareDue === null ? null : timeOnDate(conference.timeline.familyShareDue),
  };
}

/**
 * The message an entry stands for, as things are now. Throws when a fact it needs is missing
 * (an outcome draft without an outcome): a programming mistake the sweep reports as a failure.
 */
export function composeMessage(entry: OutboxEntry, facts: MessageFacts): ComposedMessage {
  const { conference, policy } = facts;
  const { timeline } = conference;
  const common = {
    reference: conference.reference,
    council: councilView(policy),
    conferenceKind: KIND_WORDS[timeline.type],
    date: longDate(timeline.start.toPlainDate()),
  };
  const place = { venue: conference.venue, meetingUri: conference.meet?.meetingUri ?? null };
  const address = entry.recipient.address;
  const one = address === null ? [] : [address];
  const agency = label(policy, 'agency', entry.recipient.agency) ?? 'your agency';
  const exempt =
    entry.recipient.agency !== null &&
    policy.reports.familyShare.exemptAgencies.includes(entry.recipient.agency);
  const ask = {
    ...dueWords(conference),
    reportAddress: reportAddress(policy.reports.inbox, conference.reference),
    shareWithFamilyFirst: policy.reports.familyShare.due !== null && !exempt,
    shareWithProfessionals: policy.reports.shareWithProfessionals,
    ownReport: policy.reports.per === 'person',
  };
  const slot = (audience: 'family' | 'professionals', part: number) =>
    timeline.audiences.find((a) => a.audience === audience && a.part === part);
  const partCount = Math.max(...timeline.audiences.map((a) => a.part));
  const send = <N extends MessageName>(
    name: N,
    view: MessageViews[N],
    to = one,
    bcc: string[] = [],
  ): ComposedMessage => {
    const composed: ComposedMessage<N> = { name, view, to, bcc, replyTo: replyAddress(entry.kind, facts) };
    return composed;
  };

  switch (entry.kind) {
    case 'report-request': {
      const own = slot('professionals', 1);
      return send('report-request', {
        ...common,
        ...place,
        ...ask,
        agency,
        socialWorker: entry.recipient.role === 'social-worker',
        arrive: own === undefined ? clock(timeline.start) : clock(own.arrive),
        updated: entry.replaces !== null,
      });
    }
    case 'report-reminder':
    case 'report-overdue':
      return send(entry.kind, { ...common, ...ask, agency });
    case 'professional-invitation': {
      const own = slot('professionals', 1);
      const family = slot('family', 1);
      const arrive = own?.arrive ?? timeline.start;
      const familyFirst = family !== undefined && Temporal.ZonedDateTime.compare(family.arrive, arrive) < 0;
      return send('professional-invitation', {
        ...common,
        ...place,
        arrive: clock(arrive),
        end: clock(timeline.end),
        familyFirst,
        familyTime: familyFirst ? clock(family.arrive) : null,
        partCount,
        separateParts: partCount > 1,
        reportDue: ask.reportDue,
        reportAddress: ask.reportAddress,
      });
    }
    case 'family-invitation': {
      const part = entry.recipient.part ?? 1;
      const own = slot('family', part);
      const together = slot('professionals', part);
      return send('family-invitation', {
        ...common,
        ...place,
        arrive: clock(own?.arrive ?? timeline.start),
        together: clock(together?.arrive ?? timeline.start),
        end: clock(own?.end ?? timeline.end),
        separateParts: partCount > 1,
        viewsAddress: ask.reportAddress,
        reportsBy: ask.familyShareDue ?? ask.reportDue,
      });
    }
    case 'day-before-professionals':
    case 'day-before-family': {
      const family = entry.kind === 'day-before-family';
      const own = slot(family ? 'family' : 'professionals', entry.recipient.part ?? 1);
      return send(entry.kind, { ...common, ...place, arrive: clock(own?.arrive ?? timeline.start), family });
    }
    case 'quorum-check': {
      const q = required(facts.quorum, 'quorum');
      const words = (ids: readonly string[]) => ids.map((id) => label(policy, 'agency', id) ?? id);
      // In the coordinator's words: agencies by their labels, never their ids.
      const missing: string[] = [];
      if (policy.quorum.socialWorker && !q.socialWorker.confirmed) {
        missing.push(
          q.socialWorker.possible
            ? 'The social worker has not accepted yet.'
            : 'The social worker has declined.',
        );
      }
      const short = policy.quorum.otherAgencies - q.confirmedAgencies.length;
      if (short > 0) {
        missing.push(
          `${short} more agenc${short === 1 ? 'y' : 'ies'} besides ${label(policy, 'agency', policy.socialCareAgency) ?? 'social care'} must accept.`,
        );
      }
      return send('quorum-at-risk', {
        ...common,
        start: clock(timeline.start),
        missing,
        declinedAgencies: words(q.declinedAgencies),
        awaitingAgencies: words(q.possibleAgencies.filter((id) => !q.confirmedAgencies.includes(id))),
        confirmedAgencies: words(q.confirmedAgencies),
      });
    }
    case 'all-reports-in': {
      const reports = required(facts.reports, 'report status');
      return send('all-reports-in', {
        ...common,
        reports: reports.owed.flatMap((r) =>
          r.receivedAt === null
            ? []
            : [
                {
                  agency: r.label,
                  receivedAt: spoken(r.receivedAt, policy.timeZone),
                  late: r.timing === 'late',
                },
              ],
        ),
        familyViews: reports.family.length,
      });
    }
    case 'record-and-decision': {
      const { view, to, bcc } = recordAndDecision(facts, common);
      return send('record-and-decision', view, to, bcc);
    }
    case 'family-plan': {
      const { view, to } = familyPlan(entry, facts, common);
      return send('family-plan', view, to);
    }
    case 'record-reminder':
      return send('record-reminder', { ...common, recordDue: longDate(timeline.recordDue) });
    case 'core-group-invitation': {
      const outcome = required(facts.outcome, 'outcome');
      const first = required(outcome.outcome.coreGroup ?? null, 'core group').firstMeeting;
      return send('core-group-invitation', {
        ...common,
        firstMeeting: longDate(first),
        family: entry.recipient.role === 'family',
      });
    }
    case 'review-booking': {
      const outcome = required(facts.outcome, 'outcome');
      return send('review-booking', {
        ...common,
        reviewBy: longDate(required(outcome.nextReview, 'next review')),
      });
    }
    case 'feedback-request':
      return send('feedback-request', {
        ...common,
        feedbackUrl: policy.feedback.url,
        replyTo: required(replyAddress(entry.kind, facts), 'feedback reply address'),
      });
    case 'delivery-failed': {
      const failed = required(facts.failed, 'failed message');
      return send('delivery-failed', {
        ...common,
        what: WHAT[failed.kind],
        attempts: failed.attempts,
        error: failed.reason ?? 'unknown',
      });
    }
  }
}

function spoken(instant: Temporal.Instant, zone: string): string {
  const zoned = instant.toZonedDateTimeISO(zone);
  return `${longDate(zoned.toPlainDate())} at ${clock(zoned)}`;
}

const WHAT: Record<OutboxEntry['kind'], string> = {
  'report-request': 'the report request to a professional',
  'professional-invitation': 'the joining notes to a professional',
  'family-invitation': 'the invitation letter to a family member',
  'report-reminder': 'a report reminder',
  'report-overdue': 'an overdue report notice',
  'quorum-check': 'the quorum warning',
  'day-before-professionals': 'a day-before reminder to a professional',
  'day-before-family': 'a day-before reminder to a family member',
  'all-reports-in': 'the all-reports-in note to the chair',
  'record-and-decision': 'the record and decision draft in the chair’s Gmail',
  'family-plan': 'the family’s plan draft in the chair’s Gmail',
  'record-reminder': 'the reminder to the chair to send the record',
  'core-group-invitation': 'a core group invitation',
  'review-booking': 'the reminder to book the review',
  'feedback-request': 'a feedback request',
  'delivery-failed': 'a delivery failure alert',
};
