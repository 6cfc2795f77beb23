// One message from the request inbox: read it once, and record what it is under its mailbox id,
// so nothing is ever filed twice. A second delivery of an email already recorded counts as that
// one; automatic mail (an out-of-office, a bounce, a receipt, a calendar answer) is recorded and
// never filed or answered, unless it carries something a person may have sent, which is held;
// anything else is matched to a conference and filed, or held for a coordinator. A bad message
// is held with a reason, never thrown: the messages after it must still be taken in.
import type { Temporal } from 'temporal-polyfill';
import { acknowledgementNotBefore } from '../domain/intake/acknowledgement-window';
import {
  automaticRule,
  automaticWords,
  couldBeReport,
  type AutomaticRule,
} from '../domain/intake/automatic-mail';
import type { InboundMessage } from '../domain/intake/inbound-message';
import { ownMessageId } from '../domain/intake/intake-mail';
import type { AutomaticMail, ReportRecord } from '../domain/intake/report';
import type { MailboxMessage } from '../ports';
import { decide, unreadableReason, type Decision } from './decide-filing';
import { describeAutomatic } from './describe-automatic';
import { FOLLOW_UP_LEASE_MINUTES, followUpOrDefer, tellReportFiled } from './follow-up-report';
import type { IntakeDeps } from './intake-deps';

export type TakeInResult =
  'filed' | 'held' | 'automatic' | 'redelivered' | 'already-recorded' | 'gone' | 'not-inbound';

/** What becomes of the message: its state, its conference, and what else the record says. */
interface Outcome extends Omit<Decision, 'state'> {
  readonly state: Exclude<ReportRecord['state'], 'dismissed'>;
  readonly automatic: AutomaticMail | null;
  readonly redeliveryOf: string | null;
}

/** The record of an earlier delivery of this same email (same Message-ID, same sender), if any. */
async function firstDelivery(
  deps: IntakeDeps,
  mailId: string,
  message: InboundMessage,
): Promise<ReportRecord | undefined> {
  const sender = message.from.length === 1 ? message.from[0]?.address : undefined;
  if (message.messageIdHeader === null || sender === undefined) return undefined;
  const same = await deps.reports.withMessageIdHeader(message.messageIdHeader, 10);
  return same
    .filter((r) => r.messageId !== mailId && r.state !== 'redelivered' && r.sender?.address === sender)
    .sort((a, b) => a.receivedAt.epochMilliseconds - b.receivedAt.epochMilliseconds)[0];
}

async function automaticOutcome(
  deps: IntakeDeps,
  message: InboundMessage,
  rule: AutomaticRule,
  receivedAt: Temporal.Instant,
): Promise<Outcome> {
  const carried = message.attachments.filter(couldBeReport);
  if (carried.length === 0) {
    const { automatic, conference } = await describeAutomatic(deps, message, rule, receivedAt);
    return {
      state: 'automatic',
      conference,
      contribution: null,
      matchedBy: null,
      reasons: [],
      candidates: conference === null ? [] : [conference.reference],
      automatic,
      redeliveryOf: null,
    };
  }
  // Nothing a person sent may vanish as automatic: an out-of-office can still carry the report.
  const decision = await decide(deps, message, receivedAt);
  const { automatic } = await describeAutomatic(deps, message, rule, receivedAt, decision);
  const reason = {
    code: 'automatic-with-attachment' as const,
    message: `The email is ${automaticWords(rule)}, but it carries ${carried.length === 1 ? 'a file' : `${carried.length} files`} that could be a report. Open it and file it if it is one.`,
  };
  return {
    ...decision,
    state: 'held',
    reasons: [reason, ...decision.reasons],
    automatic,
    redeliveryOf: null,
  };
}

async function outcomeOf(deps: IntakeDeps, mail: MailboxMessage): Promise<Outcome> {
  const { settings } = deps;
  const plain = { automatic: null, redeliveryOf: null };
  if (mail.outcome.kind === 'unreadable') {
    const message = mail.outcome.partial;
    const reason = unreadableReason(mail.outcome, settings.maxMessageBytes, mail.sizeEstimate);
    // Still say which conference it seems to be for, so the coordinator knows where to look.
    const guess = message === null ? null : await decide(deps, message, mail.receivedAt);
    return {
      state: 'held',
      conference: guess?.conference ?? null,
      contribution: guess?.contribution ?? null,
      matchedBy: guess?.matchedBy ?? null,
      reasons: [reason, ...(guess?.reasons ?? [])],
      candidates: guess?.candidates ?? [],
      ...plain,
    };
  }
  const message = mail.outcome.message;
  const first = await firstDelivery(deps, mail.id, message);
  if (first !== undefined) {
    return {
      state: 'redelivered',
      conference:
        first.conferenceId === null ? null : ((await deps.conferences.get(first.conferenceId)) ?? null),
      contribution: null,
      matchedBy: null,
      reasons: [],
      candidates: [],
      automatic: null,
      redeliveryOf: first.messageId,
    };
  }
  const rule = automaticRule(message, { inbox: deps.mailbox.address, calendarOwner: settings.calendarOwner });
  if (rule !== null) return automaticOutcome(deps, message, rule, mail.receivedAt);
  return { ...(await decide(deps, message, mail.receivedAt)), ...plain };
}

/** An earlier filed email from the same sender with the same attachments, or the same Message-ID. */
function duplicateOf(filed: readonly ReportRecord[], message: InboundMessage): string | null {
  const hashes = message.attachments
    .map((a) => a.sha256)
    .sort()
    .join(',');
  const sender = message.from[0]?.address;
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
  outcome: Outcome,
  filed: readonly ReportRecord[],
): ReportRecord {
  const now = deps.clock.now();
  const sender = message?.from.length === 1 ? (message.from[0] ?? null) : null;
  const isFiled = outcome.state === 'filed';
  // Only a filed email from one known sender is answered: replying to a held one could answer
  // a forger, or tell a stranger the inbox exists; automatic mail is never answered.
  const answers = isFiled && sender !== null;
  const notBefore = answers ? acknowledgementNotBefore(filed, sender.address, now) : now;
  const goesNow = answers && notBefore.epochMilliseconds <= now.epochMilliseconds;
  return {
    messageId: mail.id,
    state: outcome.state,
    conferenceId: outcome.conference?.id ?? null,
    reference: outcome.conference?.reference ?? null,
    contribution: outcome.contribution,
    matchedBy: outcome.matchedBy,
    sender,
    receivedAt: mail.receivedAt,
    attachments: message?.attachments ?? [],
    authentication: message?.authentication ?? null,
    messageIdHeader: message?.messageIdHeader ?? null,
    size: message?.size ?? mail.sizeEstimate ?? 0,
    link: deps.mailbox.link(mail.id),
    holdReasons: outcome.reasons,
    heldSubject: outcome.state === 'held' ? (message?.subject ?? null) : null,
    candidates: outcome.candidates,
    duplicateOf: isFiled && message !== null ? duplicateOf(filed, message) : null,
    redeliveryOf: outcome.redeliveryOf,
    automatic: outcome.automatic,
    acknowledgement: {
      state: answers ? 'pending' : 'none',
      messageIdHeader: ownMessageId('ack', mail.id, deps.mailbox.address),
      // The first attempt is this step's own when it may go now (see follow-up-report.ts).
      attempts: goesNow ? 1 : 0,
      sentAt: null,
      notBefore,
      coveredBy: null,
    },
    labelled: false,
    nextFollowUp: goesNow || !answers ? now.add({ minutes: FOLLOW_UP_LEASE_MINUTES }) : notBefore,
    history: [
      {
        at: now,
        by: 'service',
        action: outcome.state,
        reason:
          outcome.state === 'filed'
            ? `matched by ${outcome.matchedBy ?? 'unknown'}`
            : outcome.state === 'automatic'
              ? (outcome.automatic?.rule ?? null)
              : outcome.state === 'redelivered'
                ? `same email as ${outcome.redeliveryOf ?? ''}`
                : outcome.reasons.map((r) => r.code).join(', '),
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
  const outcome = await outcomeOf(deps, mail);
  const message = mail.outcome.kind === 'read' ? mail.outcome.message : mail.outcome.partial;
  const filed =
    outcome.state === 'filed' && outcome.conference !== null
      ? await deps.reports.filedFor(outcome.conference.id)
      : [];
  const report = record(deps, mail, message, outcome, filed);
  if ((await deps.reports.create(report)) === 'exists') return 'already-recorded';
  logger.info(`intake.${report.state}`, {
    messageId,
    reference: report.reference,
    matchedBy: report.matchedBy,
    timing: report.contribution?.timing ?? null,
    reasons: report.holdReasons.map((r) => r.code).join(',') || null,
    rule: report.automatic?.rule ?? null,
    duplicateOf: report.duplicateOf,
    redeliveryOf: report.redeliveryOf,
  });
  // Labels and the acknowledgement are best effort here; the reconcile finishes what fails.
  await followUpOrDefer(deps, report, true);
  if (report.state === 'filed' && report.conferenceId !== null)
    await tellReportFiled(deps, report.conferenceId);
  return outcome.state;
}
