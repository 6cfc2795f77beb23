// A conference's card and its actions: reminders now, reschedule, cancel.
import type { ConferenceDetail, Reminders } from '../api-types';
import type { ActionResult, Card } from '../cards/card-json';
import { cancelCard, conferenceCard, rescheduleCard } from '../cards/conference';
import { messageCard } from '../cards/message-card';
import { ACTIONS } from '../cards/widgets';
import type { AddonEvent } from '../event';
import type { Platform } from '../platform';
import { ServiceError } from '../service-client';
import { action, fixThese, orInvalid, trigger, type Context } from './context';

export function detail(ctx: Context, reference: string): ConferenceDetail {
  return ctx.client.get<ConferenceDetail>(`/conferences/${encodeURIComponent(reference)}`);
}

export function handleOnCalendarEventOpen(e: AddonEvent, platform: Platform): Card[] {
  return trigger('onCalendarEventOpen', e, platform, (ctx) => {
    const eventId = e.calendar?.id;
    if (eventId === undefined) {
      return messageCard('No event', 'Open a conference’s event to see it here.', {
        text: 'Conferences',
        fn: ACTIONS.showHomepage,
      });
    }
    try {
      const found = ctx.client.get<ConferenceDetail>(`/conferences/by-event/${encodeURIComponent(eventId)}`);
      return conferenceCard(found);
    } catch (error) {
      if (error instanceof ServiceError && error.status === 404) {
        return messageCard(
          'Not a conference',
          'This event was not booked with Conference Desk, or you cannot see its conference.',
          { text: 'Conferences', fn: ACTIONS.showHomepage },
        );
      }
      throw error;
    }
  });
}

export function handleShowConference(e: AddonEvent, platform: Platform): ActionResult {
  return action('showConference', e, platform, (ctx) => ({
    navigation: { pushCard: conferenceCard(detail(ctx, ctx.form.parameter('reference'))) },
  }));
}

export function handleSendRemindersNow(e: AddonEvent, platform: Platform): ActionResult {
  return action('sendRemindersNow', e, platform, (ctx) => {
    const reference = ctx.form.parameter('reference');
    const answer = ctx.client.send<Reminders>(
      'POST',
      `/conferences/${encodeURIComponent(reference)}/reminders`,
      {},
    );
    // Per agency, two professionals of one agency are both reminded: name the agency once.
    const labels = (list: Reminders['sent']) => [...new Set(list.map((s) => s.label))];
    const sent = labels(answer.sent.filter((s) => s.state === 'sent'));
    const waiting = labels(answer.sent.filter((s) => s.state !== 'sent'));
    // Say only what happened: a reminder Gmail did not take yet is retried by the sweep.
    const notification =
      answer.nothing ??
      [
        sent.length === 0 ? '' : `Reminder sent for ${sent.join(', ')}.`,
        waiting.length === 0 ? '' : `Not sent yet, will be retried: ${waiting.join(', ')}.`,
      ]
        .filter((line) => line !== '')
        .join(' ');
    return {
      navigation: { updateCard: conferenceCard(detail(ctx, reference)) },
      notification,
    };
  });
}

export function handleShowReschedule(e: AddonEvent, platform: Platform): ActionResult {
  return action('showReschedule', e, platform, (ctx) => ({
    navigation: {
      pushCard: rescheduleCard(detail(ctx, ctx.form.parameter('reference')), { start: '', reason: '' }, []),
    },
  }));
}

export function handleRescheduleConference(e: AddonEvent, platform: Platform): ActionResult {
  return action('rescheduleConference', e, platform, (ctx) => {
    const reference = ctx.form.parameter('reference');
    const values = { start: ctx.form.dateTime('start'), reason: ctx.form.text('reason') };
    const body = { ...(values.start === '' ? {} : { start: values.start }), reason: values.reason };
    const moved = orInvalid(
      () =>
        ctx.client.send<{ reference: string }>(
          'PATCH',
          `/conferences/${encodeURIComponent(reference)}`,
          body,
        ),
      (error) => ({
        navigation: { updateCard: rescheduleCard(detail(ctx, reference), values, error.fields) },
        notification: fixThese(error),
      }),
    );
    if ('result' in moved) return moved.result;
    return {
      navigation: { popCard: true, updateCard: conferenceCard(detail(ctx, reference)) },
      notification: `${reference} moved: everyone invited gets the new time.`,
    };
  });
}

export function handleShowCancel(e: AddonEvent, platform: Platform): ActionResult {
  return action('showCancel', e, platform, (ctx) => ({
    navigation: { pushCard: cancelCard(detail(ctx, ctx.form.parameter('reference')), '', []) },
  }));
}

export function handleCancelConference(e: AddonEvent, platform: Platform): ActionResult {
  return action('cancelConference', e, platform, (ctx) => {
    const reference = ctx.form.parameter('reference');
    const reason = ctx.form.text('reason');
    const cancelled = orInvalid(
      () =>
        ctx.client.send<{ reference: string }>('DELETE', `/conferences/${encodeURIComponent(reference)}`, {
          reason,
        }),
      (error) => ({
        navigation: { updateCard: cancelCard(detail(ctx, reference), reason, error.fields) },
        notification: fixThese(error),
      }),
    );
    if ('result' in cancelled) return cancelled.result;
    return {
      navigation: { popCard: true, updateCard: conferenceCard(detail(ctx, reference)) },
      notification: `${reference} is cancelled; everyone invited is told.`,
    };
  });
}
