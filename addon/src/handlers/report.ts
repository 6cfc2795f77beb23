// Gmail: the open email's report record (filed, held, dismissed, automatic or a second copy), and
// filing or dismissing a held one (or filing one recorded as automatic). The open message is found by its Gmail id (when the coordinator works in the
// report inbox itself) or by its Message-ID header (a copy in their own mailbox).
import type { FieldProblem, ReportLookup } from '../api-types';
import type { ActionResult, Card } from '../cards/card-json';
import { notAReportCard, reportCard, type ConferenceChoice, type HeldForm } from '../cards/report';
import type { AddonEvent } from '../event';
import type { Platform } from '../platform';
import { ServiceError } from '../service-client';
import { detail } from './conference';
import { action, fixThese, dayOffset, orInvalid, settingsOf, trigger, type Context } from './context';

function lookup(ctx: Context, query: { messageId?: string; rfc822?: string }): ReportLookup | null {
  try {
    return ctx.client.get<ReportLookup>('/reports/lookup', query);
  } catch (error) {
    if (error instanceof ServiceError && error.status === 404) return null;
    throw error;
  }
}

/**
 * The card for a found report; a held one, or one recorded as automatic (which a coordinator may
 * still file), also needs the conferences and agencies to choose from.
 */
function cardFor(
  ctx: Context,
  found: ReportLookup,
  problems: readonly FieldProblem[] = [],
  form: HeldForm | null = null,
): Card {
  if (found.report.state !== 'held' && found.report.state !== 'automatic')
    return reportCard(found, [], [], problems);
  return reportCard(found, choices(ctx), settingsOf(ctx).agencies, problems, form);
}

/**
 * The choices made, kept for the card drawn again; when the service answered that it needs to
 * know whose report it is, the chosen conference's invitees who owe one, as its card's rows list
 * them (those of the chosen agency, when it has any), to choose from.
 */
function heldForm(ctx: Context, body: Record<string, string>, problems: readonly FieldProblem[]): HeldForm {
  const conferenceRef = body.conferenceRef ?? '';
  const agency = body.agency ?? '';
  const asked = problems.some((p) => p.field === 'invitee');
  const rows =
    asked && conferenceRef !== ''
      ? detail(ctx, conferenceRef).reports.owed.flatMap((r) =>
          r.invitee === null || !r.invited ? [] : [{ label: r.label, invitee: r.invitee, agency: r.agency }],
        )
      : [];
  const ofAgency = rows.filter((r) => r.agency === agency);
  const invitees = (ofAgency.length > 0 ? ofAgency : rows).map(({ label, invitee }) => ({ label, invitee }));
  return { conferenceRef, agency, invitee: body.invitee ?? '', invitees };
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
      const form = verb === 'file' ? heldForm(ctx, body, error.fields) : null;
      return {
        ...(found === null ? {} : { navigation: { updateCard: cardFor(ctx, found, error.fields, form) } }),
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
    const invitee = ctx.form.text('invitee');
    return decide(ctx, 'file', {
      conferenceRef: ctx.form.text('conferenceRef'),
      ...(agency === '' ? {} : { agency }),
      ...(invitee === '' ? {} : { invitee }),
    });
  });
}

export function handleDismissReport(e: AddonEvent, platform: Platform): ActionResult {
  return action('dismissReport', e, platform, (ctx) =>
    decide(ctx, 'dismiss', { reason: ctx.form.text('reason') }),
  );
}
