// Which conference an email is for and whether it can be filed against it: the matching rules
// (plus address, subject, invited sender) over what the email names, then the assessment of the
// sender, the attachments and the conference's state. Reads conferences; writes nothing.
import type { Temporal } from 'temporal-polyfill';
import type { Conference } from '../domain/conference/conference';
import { assessMessage, messageProblems } from '../domain/intake/assess-message';
import { chooseConference, type NamedConference } from '../domain/intake/choose-conference';
import { namedReferences } from '../domain/intake/find-references';
import type { InboundMessage, ReadOutcome } from '../domain/intake/inbound-message';
import type { Contribution, HoldReason, MatchRule } from '../domain/intake/report';
import type { IntakeDeps } from './intake-deps';

/** Enough for any real sender; a longer list only slows the Firestore query down. */
const INVITED_LIMIT = 20;

export function unreadableReason(
  outcome: Extract<ReadOutcome, { kind: 'unreadable' }>,
  limit: number,
  size: number | null,
): HoldReason {
  switch (outcome.reason) {
    case 'too-large':
      return {
        code: 'too-large',
        message: `The email is larger than the ${Math.round(limit / 1_000_000)} MB the service reads${size === null ? '' : ` (about ${Math.round(size / 1_000_000)} MB)`}. Open it in the inbox and file it by hand.`,
      };
    case 'malformed':
      return {
        code: 'unreadable',
        message: `The email could not be read (${outcome.detail}). Open it in the inbox to see what arrived.`,
      };
    case 'empty':
      return {
        code: 'unreadable',
        message:
          'The email has no text and no attachments the service could read; its content may have been lost in sending. Open it in the inbox or ask the sender to send it again.',
      };
  }
}

export interface Decision {
  readonly state: 'filed' | 'held';
  readonly conference: Conference | null;
  readonly contribution: Contribution | null;
  readonly matchedBy: MatchRule | null;
  readonly reasons: readonly HoldReason[];
  readonly candidates: readonly string[];
}

async function resolve(deps: IntakeDeps, references: readonly string[]): Promise<NamedConference[]> {
  return Promise.all(
    references.map(async (reference) => ({
      reference,
      conference: await deps.conferences.getByReference(reference),
    })),
  );
}

async function invitedOpen(
  deps: IntakeDeps,
  message: InboundMessage,
  receivedAt: Temporal.Instant,
): Promise<Conference[]> {
  const [sender] = message.from;
  if (message.from.length !== 1 || sender === undefined) return [];
  const found = await deps.conferences.inviting(sender.address, ['booking', 'booked'], INVITED_LIMIT);
  return found.filter((c) => c.timeline.end.toInstant().epochMilliseconds > receivedAt.epochMilliseconds);
}

export async function decide(
  deps: IntakeDeps,
  message: InboundMessage,
  receivedAt: Temporal.Instant,
): Promise<Decision> {
  const { settings } = deps;
  const assess = { socialCareAgency: settings.policy.socialCareAgency, authservId: settings.authservId };
  const named = namedReferences(message, deps.mailbox.address);
  // Each reference is looked up once, even when the address and the subject both name it.
  const resolved = new Map(
    (await resolve(deps, [...new Set([...named.plusAddress, ...named.subject])])).map((n) => [
      n.reference,
      n,
    ]),
  );
  const pick = (refs: readonly string[]): NamedConference[] =>
    refs.map((reference) => resolved.get(reference) ?? { reference, conference: undefined });
  const evidence = { plusAddress: pick(named.plusAddress), subject: pick(named.subject) };
  // The sender's invitations are only read when the email names no conference, or will be held
  // (they are then the candidates a coordinator chooses from): most replies need neither.
  let invited: Conference[] | undefined;
  const invitations = async (): Promise<Conference[]> =>
    (invited ??= await invitedOpen(deps, message, receivedAt));
  const namesOne = [...resolved.values()].some((n) => n.conference !== undefined);
  let match = chooseConference({ ...evidence, invitedOpen: namesOne ? [] : await invitations() });
  if (match.kind === 'unmatched' && invited === undefined) {
    match = chooseConference({ ...evidence, invitedOpen: await invitations() });
  }
  if (match.kind === 'unmatched') {
    return {
      state: 'held',
      conference: match.conference,
      contribution: null,
      matchedBy: null,
      reasons: [match.reason, ...messageProblems(message, assess)],
      candidates: match.candidates,
    };
  }
  const { conference } = match;
  const assessment = assessMessage(message, conference, receivedAt, assess);
  const others =
    assessment.kind === 'hold'
      ? (await invitations()).map((c) => c.reference).filter((r) => r !== conference.reference)
      : [];
  return {
    state: assessment.kind === 'file' ? 'filed' : 'held',
    conference,
    contribution: assessment.contribution,
    matchedBy: match.rule,
    reasons: assessment.kind === 'hold' ? assessment.reasons : [],
    candidates: [conference.reference, ...others],
  };
}
