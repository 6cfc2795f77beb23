// Gmail: the open email's report record (filed, held or dismissed), and filing or dismissing a
// held one. The open message is found by its Gmail id (when the coordinator works in the
// report inbox itself) or by its Message-ID header (a copy in their own mailbox).
import type { FieldProblem, ReportLookup } from '../api-types';
import type { ActionResult, Card } from '../cards/card-json';
import { notAReportCard, reportCard, type ConferenceChoice } from '../cards/report';
import type { AddonEvent } from '../event';
import type { Platform } from '../platform';
import { ServiceError } from '../service-client';
import { action, fixThese, dayOffset, orInvalid, settingsOf, trigger, type Context } from './context';

function lookup(ctx: Context, query: { messageId?: string; rfc822?: string }): ReportLookup | null {
  try {
    return ctx.client.get<ReportLookup>('/reports/lookup', query);
  } catch (error) {
    if (error instanceof ServiceError && error.status === 404) return null;
    throw error;
  }
}

/** The card for a found report; a held one also needs the conferences and agencies to choose from. */
function cardFor(ctx: Context, found: ReportLookup, problems: readonly FieldProblem[] = []): Card {
  if (found.report.state !== 'held') return reportCard(found, [], [], problems);
  return reportCard(found, choices(ctx), settingsOf(ctx).agencies, problems);
}

function choices(ctx: Context): ConferenceChoice[] {
  const { conferences } = ctx.client.get<{ conferences: ConferenceChoice[] }>('/conferences', {
    from: dayOffset(-30),
    to: dayOffset(120),
    status: 'booked,held',
  });
  return conferences.map((c) => ({ reference: c.reference, start: c.start, type: c.type }));
}

export function handleOnGmailMessageOpen(e: AddonEvent, platform: Platform): Card[] {
  return trigger('onGmailMessageOpen', e, platform, (ctx) => {
    const messageId = e.gmail?.messageId;
    if (messageId === undefined) return notAReportCard();
    const token = e.gmail?.accessToken;
    const header = token === undefined ? null : platform.messageIdHeader(messageId, token);
    const found = lookup(ctx, { messageId, ...(header === null ? {} : { rfc822: header }) });
    return found === null ? notAReportCard() : cardFor(ctx, found);
  });
}

export function handleShowReport(e: AddonEvent, platform: Platform): ActionResult {
  return action('showReport', e, platform, (ctx) => {
    const found = lookup(ctx, { messageId: ctx.form.parameter('messageId') });
    return {
      navigation: { pushCard: found === null ? notAReportCard() : cardFor(ctx, found) },
    };
  });
}

function decide(ctx: Context, verb: 'file' | 'dismiss', body: Record<string, string>): ActionResult {
  const messageId = ctx.form.parameter('messageId');
  const done = orInvalid(
    () => ctx.client.send<unknown>('POST', `/unmatched/${encodeURIComponent(messageId)}/${verb}`, body),
    (error) => {
      const found = lookup(ctx, { messageId });
      return {
        ...(found === null ? {} : { navigation: { updateCard: cardFor(ctx, found, error.fields) } }),
        notification: fixThese(error),
      };
    },
  );
  if ('result' in done) return done.result;
  const found = lookup(ctx, { messageId });
  return {
    ...(found === null ? {} : { navigation: { updateCard: cardFor(ctx, found) } }),
    notification:
      verb === 'file'
        ? `Filed under ${body.conferenceRef ?? ''}; the sender is told it arrived.`
        : 'Dismissed.',
  };
}

export function handleFileReport(e: AddonEvent, platform: Platform): ActionResult {
  return action('fileReport', e, platform, (ctx) => {
    const agency = ctx.form.text('agency');
    return decide(ctx, 'file', {
      conferenceRef: ctx.form.text('conferenceRef'),
      ...(agency === '' ? {} : { agency }),
    });
  });
}

export function handleDismissReport(e: AddonEvent, platform: Platform): ActionResult {
  return action('dismissReport', e, platform, (ctx) =>
    decide(ctx, 'dismiss', { reason: ctx.form.text('reason') }),
  );
}
