// Which conference an email is for, by the rules in order: the plus address it was sent to, the
// reference in its subject, then its sender being invited to exactly one open conference. A
// report filed against the wrong child is a data breach, so whenever the rules disagree or leave
// a choice, the email waits for a coordinator with the candidates listed.
import type { Conference } from '../conference/conference';
import type { HoldReason, MatchRule } from './report';

/** A named reference, with the conference when one has it. */
export interface NamedConference {
  readonly reference: string;
  readonly conference: Conference | undefined;
}

export interface MatchEvidence {
  readonly plusAddress: readonly NamedConference[];
  readonly subject: readonly NamedConference[];
  /** Open conferences (booked, not yet over) that invite the sender. */
  readonly invitedOpen: readonly Conference[];
}

export type MatchOutcome =
  | { readonly kind: 'matched'; readonly conference: Conference; readonly rule: MatchRule }
  | {
      readonly kind: 'unmatched';
      readonly reason: HoldReason;
      /** References a coordinator may want to choose from. */
      readonly candidates: readonly string[];
      /** The most likely conference, when there is exactly one. */
      readonly conference: Conference | null;
    };

function known(named: readonly NamedConference[]): Conference[] {
  const byId = new Map<string, Conference>();
  for (const n of named) if (n.conference !== undefined) byId.set(n.conference.id, n.conference);
  return [...byId.values()];
}

function list(references: readonly string[]): string {
  return references.length <= 1
    ? (references[0] ?? '')
    : `${references.slice(0, -1).join(', ')} and ${references[references.length - 1] ?? ''}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export function chooseConference(evidence: MatchEvidence): MatchOutcome {
  const plus = known(evidence.plusAddress);
  const subject = known(evidence.subject);
  const invited = evidence.invitedOpen.map((c) => c.reference);
  const all = unique([...plus, ...subject].map((c) => c.reference).concat(invited));

  if (plus.length > 1) {
    const refs = plus.map((c) => c.reference);
    return {
      kind: 'unmatched',
      reason: {
        code: 'several-matches',
        message: `The email was sent to the report addresses of ${list(refs)}.`,
      },
      candidates: all,
      conference: null,
    };
  }
  const [byAddress] = plus;
  if (byAddress !== undefined) {
    // A subject naming only other conferences contradicts the address (a forwarded chain, or a
    // reply to the wrong invitation); quoting the same reference among others does not.
    const others = subject.filter((c) => c.id !== byAddress.id);
    if (others.length > 0 && !subject.some((c) => c.id === byAddress.id)) {
      return {
        kind: 'unmatched',
        reason: {
          code: 'several-matches',
          message: `The email was sent to the report address of ${byAddress.reference} but its subject names ${list(others.map((c) => c.reference))}.`,
        },
        candidates: all,
        conference: null,
      };
    }
    return { kind: 'matched', conference: byAddress, rule: 'plus-address' };
  }
  if (subject.length > 1) {
    return {
      kind: 'unmatched',
      reason: {
        code: 'several-matches',
        message: `The subject names ${list(subject.map((c) => c.reference))}.`,
      },
      candidates: all,
      conference: null,
    };
  }
  const [bySubject] = subject;
  if (bySubject !== undefined) return { kind: 'matched', conference: bySubject, rule: 'subject' };

  const unknown = unique([...evidence.plusAddress, ...evidence.subject].map((n) => n.reference));
  const [onlyInvited] = evidence.invitedOpen;
  if (evidence.invitedOpen.length === 1 && onlyInvited !== undefined) {
    if (unknown.length === 0) return { kind: 'matched', conference: onlyInvited, rule: 'invited-sender' };
    // It names a reference that is no conference (mistyped?): do not guess past that.
    return {
      kind: 'unmatched',
      reason: {
        code: 'no-match',
        message: `The email names ${list(unknown)}, which is not a conference reference; the sender is invited to ${onlyInvited.reference}.`,
      },
      candidates: [onlyInvited.reference],
      conference: onlyInvited,
    };
  }
  if (evidence.invitedOpen.length > 1) {
    return {
      kind: 'unmatched',
      reason: {
        code: 'several-matches',
        message: `The email names no conference and its sender is invited to ${evidence.invitedOpen.length} open conferences (${list(invited)}).`,
      },
      candidates: invited,
      conference: null,
    };
  }
  return {
    kind: 'unmatched',
    reason: {
      code: 'no-match',
      message:
        unknown.length > 0
          ? `The email names ${list(unknown)}, which is not a conference reference, and its sender is not invited to any open conference.`
          : 'The email names no conference reference (in the address or the subject) and its sender is not invited to any open conference.',
    },
    candidates: [],
    conference: null,
  };
}
