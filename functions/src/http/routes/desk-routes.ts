// What the add-on opens with: the council's settings for its forms, and the overview of the
// coming days.
import { readOverview } from '../../app/overview';
import { readSettings } from '../../app/read-settings';
import type { ApiDeps } from '../api-deps';
import { overviewToJson } from '../overview-json';
import { ok, queryOf, route, type Route } from '../route';

export function deskRoutes(deps: ApiDeps): Route[] {
  const { booking, outbox } = deps;
  return [
    route('GET', '/settings', async (actor) => Promise.resolve(ok(readSettings(booking, actor)))),
    route('GET', '/overview', async (actor, _p, req) =>
      ok(overviewToJson(await readOverview({ booking, outbox }, actor, queryOf(req)))),
    ),
  ];
}
