// Whether a conference can decide: by default the social worker and professionals from at
// least two other agencies. Worked out from the invitations' replies, so the coordinator hears
// early when declines, or silence, put the conference at risk.
import type { Policy } from './policy/schema';

export type AttendeeRole =
  'chair' | 'coordinator' | 'social-worker' | 'professional' | 'family' | 'supporter';
/** The replies a calendar invitation can carry (Google Calendar's responseStatus, in our spelling). */
export type Rsvp = 'accepted' | 'tentative' | 'needs-action' | 'declined';

export interface QuorumAttendee {
  readonly role: AttendeeRole;
  /** An agency id from the policy; professionals and social workers have one. */
  readonly agency?: string;
  readonly rsvp: Rsvp;
}

export type QuorumState = 'quorate' | 'at-risk' | 'cannot';

export interface QuorumAssessment {
  /**
   * quorate: accepted replies already make quorum. at-risk: quorum depends on people who have
   * not accepted yet. cannot: even if everyone not declining came, there would be no quorum.
   */
  readonly state: QuorumState;
  readonly socialWorker: { readonly confirmed: boolean; readonly possible: boolean };
  /** Other agencies (not the social worker's) with an accepted professional. */
  readonly confirmedAgencies: readonly string[];
  /** Other agencies with a professional who has not declined. */
  readonly possibleAgencies: readonly string[];
  /** Agencies whose every invited professional declined. */
  readonly declinedAgencies: readonly string[];
  /** What is still missing for quorum, in words for the coordinator; empty when quorate. */
  readonly missing: readonly string[];
}

type QuorumPolicy = Pick<Policy, 'quorum' | 'socialCareAgency'>;

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

export function assessQuorum(attendees: readonly QuorumAttendee[], policy: QuorumPolicy): QuorumAssessment {
  const { socialWorker: needsSocialWorker, otherAgencies: needed } = policy.quorum;
  const socialWorkers = attendees.filter((a) => a.role === 'social-worker');
  // Only professionals from agencies other than the social worker's count: a second social
  // care worker does not make a multi-agency conference.
  const professionals = attendees.filter(
    (a): a is QuorumAttendee & { agency: string } =>
      a.role === 'professional' && a.agency !== undefined && a.agency !== policy.socialCareAgency,
  );

  const socialWorker = {
    confirmed: socialWorkers.some((a) => a.rsvp === 'accepted'),
    possible: socialWorkers.some((a) => a.rsvp !== 'declined'),
  };
  const confirmedAgencies = sorted(professionals.filter((a) => a.rsvp === 'accepted').map((a) => a.agency));
  const possibleAgencies = sorted(professionals.filter((a) => a.rsvp !== 'declined').map((a) => a.agency));
  const declinedAgencies = sorted(professionals.map((a) => a.agency)).filter(
    (id) => !possibleAgencies.includes(id),
  );

  const swOk = (ok: boolean): boolean => !needsSocialWorker || ok;
  const state: QuorumState =
    swOk(socialWorker.confirmed) && confirmedAgencies.length >= needed
      ? 'quorate'
      : swOk(socialWorker.possible) && possibleAgencies.length >= needed
        ? 'at-risk'
        : 'cannot';

  const missing: string[] = [];
  if (state !== 'quorate') {
    if (needsSocialWorker && !socialWorker.confirmed) {
      missing.push(
        socialWorkers.length === 0
          ? 'No social worker is invited.'
          : socialWorker.possible
            ? 'The social worker has not accepted yet.'
            : 'The social worker has declined.',
      );
    }
    if (confirmedAgencies.length < needed) {
      const short = needed - confirmedAgencies.length;
      const pending = possibleAgencies.filter((id) => !confirmedAgencies.includes(id));
      let line = `${short} more agenc${short === 1 ? 'y' : 'ies'} besides ${policy.socialCareAgency} must accept`;
      line += pending.length > 0 ? `; awaiting ${pending.join(', ')}` : '; no other agency is still expected';
      if (declinedAgencies.length > 0) line += `; declined: ${declinedAgencies.join(', ')}`;
      missing.push(`${line}.`);
    }
  }
  return { state, socialWorker, confirmedAgencies, possibleAgencies, declinedAgencies, missing };
}
