// One message from the request inbox: read it once, match it to a conference, and file it or hold
// it for a coordinator, under its mailbox id so nothing is ever filed twice. A bad message is
// held with a reason, never thrown: the messages after it must still be taken in.
import type { Temporal } from 'temporal-polyfill';
import type { Conference } from '../domain/conference/conference';
import { assessMessage, messageProblems } from '../domain/intake/assess-message';
import { chooseConference, type NamedConference } from '../domain/intake/choose-conference';
import { namedReferences } from '../domain/intake/find-references';
import type { InboundMessage, ReadOutcome } from '../domain/intake/inbound-message';
import { ownMessageId } from '../domain/intake/intake-mail';
import type { Contribution, HoldReason, MatchRule, ReportRecord } from '../domain/intake/report';
import type { MailboxMessage } from '../ports';
import { FOLLOW_UP_LEASE_MINUTES, followUpOrDefer, tellReportFiled } from './follow-up-report';
import type { IntakeDeps } from './intake-deps';

export type TakeInResult = 'filed' | 'held' | 'already-recorded' | 'gone' | 'not-inbound';

/** Enough for any real sender; a longer list only slows the Firestore query down. */
const INVITED_LIMIT = 20;

function unreadableReason(
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

interface Decision {
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

async function decide(
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

/** An earlier filed email from the same sender with the same attachments, or the same Message-ID. */
async function duplicateOf(
  deps: IntakeDeps,
  conferenceId: string,
  message: InboundMessage,
): Promise<string | null> {
  const hashes = message.attachments
    .map((a) => a.sha256)
    .sort()
    .join(',');
  const sender = message.from[0]?.address;
  const filed = await deps.reports.filedFor(conferenceId);
  const earlier = filed.find(
    (r) =>
      (message.messageIdHeader !== null && r.messageIdHeader === message.messageIdHeader) ||
      (hashes !== '' &&
        r.sender?.address === sender &&
        r.attachments
          .map((a) => a.sha256)
          .sort()
          .join(',') === hashes),
  );
  return earlier?.messageId ?? null;
}

function record(
  deps: IntakeDeps,
  mail: MailboxMessage,
  message: InboundMessage | null,
  decision: Decision,
  duplicate: string | null,
): ReportRecord {
  const now = deps.clock.now();
  const sender = message?.from.length === 1 ? (message.from[0] ?? null) : null;
  const filed = decision.state === 'filed';
  return {
    messageId: mail.id,
    state: decision.state,
    conferenceId: decision.conference?.id ?? null,
    reference: decision.conference?.reference ?? null,
    contribution: decision.contribution,
    matchedBy: decision.matchedBy,
    sender,
    receivedAt: mail.receivedAt,
    attachments: message?.attachments ?? [],
    authentication: message?.authentication ?? null,
    messageIdHeader: message?.messageIdHeader ?? null,
    size: message?.size ?? mail.sizeEstimate ?? 0,
    link: deps.mailbox.link(mail.id),
    holdReasons: decision.reasons,
    heldSubject: filed ? null : (message?.subject ?? null),
    candidates: decision.candidates,
    duplicateOf: duplicate,
    acknowledgement: {
      // Only a filed email from one known sender is answered: replying to a held one could
      // answer a forger, or tell a stranger the inbox exists.
      state: filed && sender !== null ? 'pending' : 'none',
      messageIdHeader: ownMessageId('ack', mail.id, deps.mailbox.address),
      // The first attempt is this step's own (see follow-up-report.ts).
      attempts: filed && sender !== null ? 1 : 0,
      sentAt: null,
    },
    labelled: false,
    nextFollowUp: now.add({ minutes: FOLLOW_UP_LEASE_MINUTES }),
    history: [
      {
        at: now,
        by: 'service',
        action: filed ? 'filed' : 'held',
        reason: filed
          ? `matched by ${decision.matchedBy ?? 'unknown'}`
          : decision.reasons.map((r) => r.code).join(', '),
      },
    ],
    revision: 0,
  };
}

/** `known`: the caller has just checked that the message has no record (saves a read). */
export async function takeInMessage(
  deps: IntakeDeps,
  messageId: string,
  known = false,
): Promise<TakeInResult> {
  const { logger, settings } = deps;
  if (!known && (await deps.reports.get(messageId)) !== undefined) return 'already-recorded';
  const mail = await deps.mailbox.read(messageId, settings.maxMessageBytes);
  if (mail === undefined) {
    logger.info('intake.message_gone', { messageId });
    return 'gone';
  }
  // The service's own acknowledgements and drafts are in the mailbox too; only received mail is intake.
  if (!mail.labelIds.includes('INBOX') || mail.labelIds.includes('SENT') || mail.labelIds.includes('DRAFT')) {
    return 'not-inbound';
  }
  let message: InboundMessage | null;
  let decision: Decision;
  if (mail.outcome.kind === 'unreadable') {
    message = mail.outcome.partial;
    const reason = unreadableReason(mail.outcome, settings.maxMessageBytes, mail.sizeEstimate);
    // Still say which conference it seems to be for, so the coordinator knows where to look.
    const guess = message === null ? null : await decide(deps, message, mail.receivedAt);
    decision = {
      state: 'held',
      conference: guess?.conference ?? null,
      contribution: guess?.contribution ?? null,
      matchedBy: guess?.matchedBy ?? null,
      reasons: [reason, ...(guess?.reasons ?? [])],
      candidates: guess?.candidates ?? [],
    };
  } else {
    message = mail.outcome.message;
    decision = await decide(deps, message, mail.receivedAt);
  }
  const duplicate =
    decision.state === 'filed' && decision.conference !== null && message !== null
      ? await duplicateOf(deps, decision.conference.id, message)
      : null;
  const report = record(deps, mail, message, decision, duplicate);
  if ((await deps.reports.create(report)) === 'exists') return 'already-recorded';
  logger.info(report.state === 'filed' ? 'intake.filed' : 'intake.held', {
    messageId,
    reference: report.reference,
    matchedBy: report.matchedBy,
    timing: report.contribution?.timing ?? null,
    reasons: report.holdReasons.map((r) => r.code).join(',') || null,
    duplicateOf: duplicate,
  });
  // Labels and the acknowledgement are best effort here; the reconcile finishes what fails.
  await followUpOrDefer(deps, report, true);
  if (report.state === 'filed' && report.conferenceId !== null)
    await tellReportFiled(deps, report.conferenceId);
  return report.state === 'filed' ? 'filed' : 'held';
}
