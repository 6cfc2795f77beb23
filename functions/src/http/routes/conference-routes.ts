// Booking, previewing, reading, changing and cancelling conferences, and the audit trail.
import { bookConference } from '../../app/book-conference';
import { cancelConference } from '../../app/cancel-conference';
import { changeConference } from '../../app/change-conference';
import { conferenceDetail } from '../../app/conference-detail';
import { previewBooking } from '../../app/preview-booking';
import { getConference, getConferenceByEvent, listConferences } from '../../app/read-conferences';
import { readAudit } from '../../app/read-records';
import type { Conference } from '../../domain/conference/conference';
import type { ApiDeps } from '../api-deps';
import { auditToJson, conferenceToJson } from '../conference-json';
import { conferenceDetailToJson } from '../conference-detail-json';
import { previewToJson } from '../preview-json';
import { jsonBody, ok, queryOf, route, type Answer, type Route } from '../route';

export function conferenceRoutes(deps: ApiDeps): Route[] {
  const { booking, outbox } = deps;
  const card = async (conference: Conference): Promise<Answer> =>
    ok(
      conferenceDetailToJson(
        await conferenceDetail({ booking, outbox }, conference),
        booking.settings.policy,
      ),
    );
  return [
    route('POST', '/conferences', async (actor, _p, req) => {
      const { conference, created } = await bookConference(booking, actor, jsonBody(req));
      return ok(conferenceToJson(conference), created ? 201 : 200);
    }),
    // Checked like a booking, and answered without storing anything or calling Google.
    route('POST', '/conferences/preview', async (actor, _p, req) =>
      Promise.resolve(
        ok(previewToJson(previewBooking(booking, actor, jsonBody(req)), booking.settings.policy)),
      ),
    ),
    route('GET', '/conferences', async (actor, _p, req) =>
      ok({ conferences: (await listConferences(booking, actor, queryOf(req))).map(conferenceToJson) }),
    ),
    // The card the add-on shows for a calendar event and for a reference: the same detail.
    route('GET', '/conferences/by-event/:eventId', async (actor, p) =>
      card(await getConferenceByEvent(booking, actor, p.eventId ?? '')),
    ),
    route('GET', '/conferences/:ref', async (actor, p) =>
      card(await getConference(booking, actor, p.ref ?? '')),
    ),
    route('GET', '/conferences/:ref/audit', async (actor, p) => {
      const { reference, audit } = await readAudit(booking, actor, p.ref ?? '');
      return ok({ reference, audit: auditToJson(audit) });
    }),
    route('PATCH', '/conferences/:ref', async (actor, p, req) =>
      ok(conferenceToJson(await changeConference(booking, actor, p.ref ?? '', jsonBody(req)))),
    ),
    route('DELETE', '/conferences/:ref', async (actor, p, req) =>
      ok(conferenceToJson(await cancelConference(booking, actor, p.ref ?? '', jsonBody(req)))),
    ),
  ];
}
