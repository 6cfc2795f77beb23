// The chair's outcome: the form, recording it (drafts in their Gmail), and "record sent".
import type { OutcomeAnswer } from '../api-types';
import type { ActionResult } from '../cards/card-json';
import { conferenceCard } from '../cards/conference';
import { outcomeDoneCard, outcomeFormCard, outcomeRequest } from '../cards/outcome-form';
import type { AddonEvent } from '../event';
import type { Platform } from '../platform';
import { action, fixThese, orInvalid, settingsOf } from './context';
import { detail } from './conference';

export function handleShowOutcomeForm(e: AddonEvent, platform: Platform): ActionResult {
  return action('showOutcomeForm', e, platform, (ctx) => ({
    navigation: {
      pushCard: outcomeFormCard(detail(ctx, ctx.form.parameter('reference')), settingsOf(ctx), null, []),
    },
  }));
}

export function handleSubmitOutcome(e: AddonEvent, platform: Platform): ActionResult {
  return action('submitOutcome', e, platform, (ctx) => {
    const reference = ctx.form.parameter('reference');
    const conference = detail(ctx, reference);
    const request = outcomeRequest(conference, ctx.form);
    const recorded = orInvalid(
      () =>
        ctx.client.send<OutcomeAnswer>(
          'POST',
          `/conferences/${encodeURIComponent(reference)}/outcome`,
          request.body,
        ),
      (error) => ({
        navigation: {
          updateCard: outcomeFormCard(
            conference,
            settingsOf(ctx),
            ctx.form,
            error.fields.map((p) => ({ field: request.widgetOf(p.field), message: p.message })),
          ),
        },
        notification: fixThese(error),
      }),
    );
    if ('result' in recorded) return recorded.result;
    return {
      navigation: { updateCard: outcomeDoneCard(reference, recorded.ok) },
      notification: 'Recorded. The drafts are in your Gmail: check them, then send.',
    };
  });
}

export function handleMarkRecordSent(e: AddonEvent, platform: Platform): ActionResult {
  return action('markRecordSent', e, platform, (ctx) => {
    const reference = ctx.form.parameter('reference');
    ctx.client.send<unknown>('POST', `/conferences/${encodeURIComponent(reference)}/outcome/record-sent`, {});
    return {
      navigation: { updateCard: conferenceCard(detail(ctx, reference)) },
      notification: 'Noted: the reminder to send the record is stopped.',
    };
  });
}
