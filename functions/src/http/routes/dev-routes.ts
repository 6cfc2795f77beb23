// The development-only routes (`npm start` with development sign-in): the service's clock, and
// the sweep and inbox sync run now. createApi refuses them unless sign-in is development's.
import {
  readClock,
  runSweep,
  runSync,
  setClock,
  type ClockReading,
  type DevelopmentControls,
} from '../../app/development-controls';
import { jsonBody, ok, route, type Route } from '../route';

const clockJson = (r: ClockReading): object => ({ now: r.now.toString(), adjusted: r.adjusted });

export function devRoutes(controls: DevelopmentControls): Route[] {
  return [
    route('GET', '/dev/clock', async (actor) => Promise.resolve(ok(clockJson(readClock(controls, actor))))),
    route('POST', '/dev/clock', async (actor, _p, req) =>
      Promise.resolve(ok(clockJson(setClock(controls, actor, jsonBody(req))))),
    ),
    route('POST', '/dev/sweep', async (actor) => ok(await runSweep(controls, actor))),
    route('POST', '/dev/sync', async (actor) => ok(await runSync(controls, actor))),
  ];
}
