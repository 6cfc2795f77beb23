// A conference's card as the add-on receives it: the conference, its reports, quorum as the
// calendar replies stand, who is invited by role, and the outcome once recorded.
import type { ConferenceDetail } from '../app/conference-detail';
import type { Policy } from '../domain/policy/schema';
import { quorumMissingInWords } from '../domain/quorum-words';
import { conferenceToJson, type ConferenceJson } from './conference-json';
import { reportStatusToJson } from './report-json';

export interface ConferenceDetailJson extends ConferenceJson {
  reports: object;
  quorum: {
    state: string;
    socialWorker: { confirmed: boolean; possible: boolean };
    missing: string[];
    confirmedAgencies: string[];
    possibleAgencies: string[];
    declinedAgencies: string[];
  } | null;
  quorumUnavailable: string | null;
  attendees: { who: string; role: string; label: string; agency: string | null; part: number | null }[];
  started: boolean;
  outcome: {
    recordedAt: string;
    draftsLink: string;
    recordSent: { at: string; by: string } | null;
  } | null;
}

export function conferenceDetailToJson(detail: ConferenceDetail, policy: Policy): ConferenceDetailJson {
  const q = detail.quorum.assessment;
  const { outcome } = detail;
  return {
    ...conferenceToJson(detail.conference),
    reports: reportStatusToJson(detail.reports, policy.timeZone),
    quorum:
      q === null
        ? null
        : {
            state: q.state,
            socialWorker: { ...q.socialWorker },
            missing: quorumMissingInWords(q, policy),
            confirmedAgencies: [...q.confirmedAgencies],
            possibleAgencies: [...q.possibleAgencies],
            declinedAgencies: [...q.declinedAgencies],
          },
    quorumUnavailable: detail.quorum.unavailable,
    attendees: detail.attendees.map(({ who, role, label, agency, part }) => ({
      who,
      role,
      label,
      agency,
      part,
    })),
    started: detail.started,
    outcome:
      outcome === null
        ? null
        : {
            recordedAt: outcome.recordedAt.toString(),
            draftsLink: outcome.draftsLink,
            recordSent:
              outcome.recordSent === null
                ? null
                : { at: outcome.recordSent.at.toString(), by: outcome.recordSent.by },
          },
  };
}
