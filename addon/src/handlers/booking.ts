// Booking: the form, its changes (rows added, type or parts changed), the preview, and the
// booking itself. The preview is of exactly what is booked: if the form changed since, "Book"
// previews again instead of booking.
import type { ConferenceDetail, Preview } from '../api-types';
import {
  bookingFormCard,
  draftFromForm,
  newDraft,
  placeProblems,
  toRequest,
  type BookingDraft,
} from '../cards/booking-form';
import type { ActionResult } from '../cards/card-json';
import { conferenceCard } from '../cards/conference';
import type { AddonEvent } from '../event';
import type { Platform } from '../platform';
import { action, fixThese, newKey, orInvalid, settingsOf, type Context } from './context';

export function handleShowBookingForm(e: AddonEvent, platform: Platform): ActionResult {
  return action('showBookingForm', e, platform, (ctx) => {
    const settings = settingsOf(ctx);
    return { navigation: { pushCard: bookingFormCard(settings, newDraft(settings, newKey()), []) } };
  });
}

function changed(draft: BookingDraft, change: string): BookingDraft {
  if (change === 'add-professional') {
    return {
      ...draft,
      professionals: [
        ...draft.professionals,
        { email: '', agency: draft.professionals.at(-1)?.agency ?? '', role: '' },
      ],
    };
  }
  if (change === 'add-family') {
    return { ...draft, family: [...draft.family, { email: '', relationship: '', part: draft.parts }] };
  }
  return draft;
}

export function handleChangeBookingForm(e: AddonEvent, platform: Platform): ActionResult {
  return action('changeBookingForm', e, platform, (ctx) => {
    const settings = settingsOf(ctx);
    let draft = changed(draftFromForm(ctx.form), ctx.form.parameter('change'));
    if (ctx.form.parameter('change') === 'type') {
      draft = {
        ...draft,
        durationMinutes: String(settings.durationMinutes[draft.type] ?? draft.durationMinutes),
      };
    }
    return { navigation: { updateCard: bookingFormCard(settings, draft, []) } };
  });
}

function preview(ctx: Context, draft: BookingDraft, notification?: string): ActionResult {
  const settings = settingsOf(ctx);
  const request = toRequest(draft, settings);
  const answer = orInvalid(
    () => ctx.client.send<Preview>('POST', '/conferences/preview', request.body),
    (error) => ({
      navigation: { updateCard: bookingFormCard(settings, draft, placeProblems(request, error.fields)) },
      notification: fixThese(error),
    }),
  );
  if ('result' in answer) return answer.result;
  return {
    navigation: {
      updateCard: bookingFormCard(settings, draft, [], {
        preview: answer.ok,
        request: JSON.stringify(request.body),
      }),
    },
    notification: notification ?? 'Check the timeline, then book.',
  };
}

export function handlePreviewBooking(e: AddonEvent, platform: Platform): ActionResult {
  return action('previewBooking', e, platform, (ctx) => preview(ctx, draftFromForm(ctx.form)));
}

export function handleConfirmBooking(e: AddonEvent, platform: Platform): ActionResult {
  return action('confirmBooking', e, platform, (ctx) => {
    const settings = settingsOf(ctx);
    const draft = draftFromForm(ctx.form);
    const request = toRequest(draft, settings);
    if (JSON.stringify(request.body) !== ctx.form.parameter('previewed')) {
      return preview(ctx, draft, 'The form changed since the preview: check the new timeline, then book.');
    }
    const booked = orInvalid(
      () => ctx.client.send<{ reference: string }>('POST', '/conferences', request.body),
      (error) => ({
        navigation: { updateCard: bookingFormCard(settings, draft, placeProblems(request, error.fields)) },
        notification: fixThese(error),
      }),
    );
    if ('result' in booked) return booked.result;
    const { reference } = booked.ok;
    const detail = ctx.client.get<ConferenceDetail>(`/conferences/${encodeURIComponent(reference)}`);
    return {
      navigation: { updateCard: conferenceCard(detail) },
      notification: `Booked ${reference}: the invitations are sent.`,
    };
  });
}
