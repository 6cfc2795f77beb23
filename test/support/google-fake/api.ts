// What each API module (Calendar, Meet, Gmail) gives the server: its discovery document,
// routes, error style and one handler per implemented method. The server does everything common —
// routing, auth, scopes, parameter and body validation, faults, recording — before a handler runs.
import type { AccessToken } from './auth';
import type { BodyContext } from './body';
import type { DiscoveryDocument } from './discovery';
import type { ErrorStyle } from './errors';
import type { Reply } from './http';
import type { Params } from './params';
import type { Route } from './routes';

export interface ApiCall {
  token: AccessToken;
  params: Params;
  /** The validated body for methods with a `request`; undefined otherwise. */
  body: Record<string, unknown> | undefined;
  route: Route;
}

export type Handler = (call: ApiCall) => Reply;

export interface ApiModule {
  name: 'calendar' | 'meet' | 'gmail';
  doc: DiscoveryDocument;
  style: ErrorStyle;
  /** Google's service name, reported in ErrorInfo details, e.g. 'calendar-json.googleapis.com'. */
  service: string;
  routes: Route[];
  /** What Google's parser calls the body in messages ('resource', 'space'). */
  bodyRootName(route: Route): string;
  requiredMessage?: BodyContext['requiredMessage'];
  /** The legacy reason for a missing required body property ('required' unless said otherwise). */
  requiredReason?: string;
  /** Whether every error body carries the canonical `status` (Gmail), not only front-end ones (Calendar). */
  statusInBody?: boolean;
  /** Keyed by `${resource}.${method}`, e.g. 'events.insert'; methods without one answer 501. */
  handlers: Readonly<Record<string, Handler>>;
}
