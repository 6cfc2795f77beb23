// What a coordinator should know before confirming a booking that is nonetheless valid: the
// timeline's own warnings, an invitation list that could never make quorum, and family members
// the calendar cannot invite. None of these stops the booking.
import { assessQuorum } from '../quorum';
import type { Policy } from '../policy/schema';
import type { BookingPlan } from './validate-booking';

export function bookingWarnings(
  plan: Pick<BookingPlan, 'timeline' | 'invitees'>,
  policy: Pick<Policy, 'quorum' | 'socialCareAgency' | 'agencies'>,
): string[] {
  const warnings = [...plan.timeline.warnings];
  const label = (id: string): string => policy.agencies.find((a) => a.id === id)?.label ?? id;
  // Everyone accepting is the best case: if even that is not quorate, the list needs another agency.
  const best = assessQuorum(
    [
      { role: 'social-worker', agency: policy.socialCareAgency, rsvp: 'accepted' },
      ...plan.invitees.professionals.map((p) => ({
        role: 'professional' as const,
        agency: p.agency,
        rsvp: 'accepted' as const,
      })),
    ],
    policy,
  );
  if (best.state !== 'quorate') {
    const needed = policy.quorum.otherAgencies;
    const invited = best.confirmedAgencies.map(label);
    warnings.push(
      `Quorum needs ${needed} agenc${needed === 1 ? 'y' : 'ies'} besides ${label(policy.socialCareAgency)}, and ${
        invited.length === 0 ? 'none is' : `only ${invited.join(', ')} ${invited.length === 1 ? 'is' : 'are'}`
      } invited: even if everyone comes, the conference cannot make decisions.`,
    );
  }
  const posted = plan.invitees.family.filter((f) => f.email === undefined).map((f) => f.relationship);
  if (posted.length > 0) {
    warnings.push(
      `No email address for the ${posted.join(', the ')}: the calendar cannot invite them, so post the invitation.`,
    );
  }
  return warnings;
}
