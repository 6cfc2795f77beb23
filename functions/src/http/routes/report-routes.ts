// Report intake for people: the emails held for a coordinator, filing or dismissing one, and
// finding the record of an email someone has open in Gmail.
import { listAutomatic } from '../../app/automatic-list';
import { dismissHeld, fileHeld, listHeld } from '../../app/held-reports';
import type { IntakeDeps } from '../../app/intake-deps';
import { lookUpReport } from '../../app/lookup-report';
import { AppError } from '../../domain/errors';
import { isoWithOffset } from '../../domain/time/local-time';
import type { ApiDeps } from '../api-deps';
import { reportToJson } from '../report-json';
import { jsonBody, ok, queryOf, route, type Route } from '../route';

export function reportRoutes(deps: ApiDeps): Route[] {
  const intake = (): IntakeDeps => {
    if (deps.intake === undefined) {
      throw new AppError(
        'INTAKE.NOT_SET_UP',
        'Report intake is not set up: the council policy has no report request inbox (reports.inbox). Ask IT to set it.',
        503,
      );
    }
    return deps.intake;
  };
  return [
    route('GET', '/unmatched', async (actor) =>
      ok({ held: (await listHeld(intake(), actor)).map(reportToJson) }),
    ),
    route('GET', '/automatic', async (actor, _p, req) => {
      const list = await listAutomatic(intake(), actor, queryOf(req));
      return ok({ days: list.days, truncated: list.truncated, automatic: list.records.map(reportToJson) });
    }),
    route('POST', '/unmatched/:messageId/file', async (actor, p, req) =>
      ok(reportToJson(await fileHeld(intake(), actor, p.messageId ?? '', jsonBody(req)))),
    ),
    route('POST', '/unmatched/:messageId/dismiss', async (actor, p, req) =>
      ok(reportToJson(await dismissHeld(intake(), actor, p.messageId ?? '', jsonBody(req)))),
    ),
    route('GET', '/reports/lookup', async (actor, _p, req) => {
      const { report, conference } = await lookUpReport(
        { reports: deps.reports, conferences: deps.booking.store, settings: deps.booking.settings },
        actor,
        queryOf(req),
      );
      return ok({
        report: reportToJson(report),
        conference:
          conference === null
            ? null
            : {
                reference: conference.reference,
                type: conference.timeline.type,
                start: isoWithOffset(conference.timeline.start),
                status: conference.status,
              },
      });
    }),
  ];
}
