// What every route of the api answers each kind of caller: the specification the access matrix
// (test/http/access-matrix.int.test.ts) holds the running api to, cell by cell. A route the table
// has and this does not, or the other way round, fails the matrix, so a new route cannot be
// added without saying who may call it.
//
// Each entry names the roles the route admits and what an admitted caller gets for a conference
// that exists (chaired by CHAIR) and for one that does not. Writes are sent a body that cannot
// pass validation, so an admitted caller is answered 400 and nothing changes; that 400 is proof
// the request got past authentication and authorisation to the use case's own checks.
import type { Role } from '../../functions/src/app/actor';

export type Target = 'existing' | 'unknown' | 'none';

export interface RouteSpec {
  readonly roles: readonly Role[];
  /** The body sent (always one that fails validation), or none. */
  readonly body?: unknown;
  /** Where the template has a :ref or :eventId, what the admitted get for each target. */
  readonly existing: string;
  readonly unknown?: string;
}

const ANYONE: readonly Role[] = ['coordinator', 'chair', 'manager'];
const STAFF: readonly Role[] = ['coordinator', 'manager'];
const GONE = '404 CONFERENCE.NOT_FOUND';
const INVALID = '400 REQUEST.INVALID';

export const API_SPEC: Readonly<Record<string, RouteSpec>> = {
  'GET /settings': { roles: ANYONE, existing: '200' },
  'GET /overview': { roles: ANYONE, existing: '200' },
  'POST /conferences': { roles: ['coordinator'], body: {}, existing: '400 BOOKING.INVALID' },
  'POST /conferences/preview': { roles: STAFF, body: {}, existing: '400 BOOKING.INVALID' },
  'GET /conferences': { roles: ANYONE, existing: '400 QUERY.INVALID' },
  'GET /conferences/by-event/:eventId': { roles: ANYONE, existing: '200', unknown: GONE },
  'GET /conferences/:ref': { roles: ANYONE, existing: '200', unknown: GONE },
  'GET /conferences/:ref/audit': { roles: STAFF, existing: '200', unknown: GONE },
  'PATCH /conferences/:ref': {
    roles: ['coordinator'],
    body: {},
    existing: '400 BOOKING.INVALID',
    unknown: GONE,
  },
  // The reason is checked before the conference is looked up: a coordinator may know any.
  'DELETE /conferences/:ref': {
    roles: ['coordinator'],
    body: {},
    existing: '400 CANCEL.INVALID',
    unknown: '400 CANCEL.INVALID',
  },
  'POST /conferences/:ref/outcome': {
    roles: ['chair'],
    body: {},
    existing: '400 OUTCOME.INVALID',
    unknown: GONE,
  },
  'GET /conferences/:ref/outcome': { roles: ANYONE, existing: '404 OUTCOME.NOT_RECORDED', unknown: GONE },
  'POST /conferences/:ref/outcome/record-sent': {
    roles: ['chair', 'coordinator'],
    existing: '409 OUTCOME.NOT_RECORDED',
    unknown: GONE,
  },
  'GET /conferences/:ref/outbox': { roles: ANYONE, existing: '200', unknown: GONE },
  'POST /conferences/:ref/reminders': { roles: STAFF, existing: '200', unknown: GONE },
  'POST /sweep': { roles: STAFF, existing: '200' },
  'GET /unmatched': { roles: STAFF, existing: '200' },
  'GET /automatic': { roles: STAFF, existing: '200' },
  'POST /unmatched/:messageId/file': { roles: STAFF, body: {}, existing: INVALID },
  'POST /unmatched/:messageId/dismiss': { roles: STAFF, body: {}, existing: INVALID },
  'GET /reports/lookup': { roles: ANYONE, existing: '400 QUERY.INVALID' },
};

/** Only with development sign-in (npm start), and only a manager's. */
export const DEVELOPMENT_SPEC: Readonly<Record<string, RouteSpec>> = {
  'GET /dev/clock': { roles: ['manager'], existing: '200' },
  'POST /dev/clock': { roles: ['manager'], body: {}, existing: INVALID },
  'POST /dev/sweep': { roles: ['manager'], existing: '200' },
  'POST /dev/sync': { roles: ['manager'], existing: '200' },
};

/** How a caller presents themselves: a refused token, or a signed-in person with a role. */
export type Caller =
  | { readonly kind: 'refused'; readonly name: string; readonly answer: string }
  | {
      readonly kind: 'person';
      readonly name: string;
      readonly role: Role | null;
      readonly chairsIt: boolean;
    };

export const TOKEN_REFUSED = '401 AUTH.TOKEN_REFUSED';

/** The refusals every mode must give, by name; each mode says how it makes the token. */
export const REFUSALS = [
  'no token',
  'malformed',
  'wrong signature',
  'expired',
  'lifetime too long',
  'wrong audience',
  'wrong issuer',
  'unverified email',
] as const;

export const PEOPLE: readonly Caller[] = [
  { kind: 'person', name: 'coordinator', role: 'coordinator', chairsIt: false },
  { kind: 'person', name: 'its chair', role: 'chair', chairsIt: true },
  { kind: 'person', name: 'another chair', role: 'chair', chairsIt: false },
  { kind: 'person', name: 'manager', role: 'manager', chairsIt: false },
];

/** What `caller` should get from the route `key` for `target`, as "status CODE". */
export function expectedAnswer(spec: RouteSpec, caller: Caller, target: Target): string {
  if (caller.kind === 'refused') return caller.answer;
  if (caller.role === null || !spec.roles.includes(caller.role)) return '403 AUTH.ROLE_REQUIRED';
  if (target === 'unknown') return spec.unknown ?? spec.existing;
  // A chair-only caller is not told that another chair's conference exists.
  if (target === 'existing' && caller.role === 'chair' && !caller.chairsIt && spec.unknown !== undefined) {
    return spec.unknown;
  }
  return spec.existing;
}

export function targetsOf(template: string): readonly Target[] {
  return /:ref|:eventId/.test(template) ? ['existing', 'unknown'] : ['none'];
}
