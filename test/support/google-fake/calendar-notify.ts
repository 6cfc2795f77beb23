// The emails Calendar would send for a write, per its sendUpdates parameter: none by default, all
// guests for 'all' (or the deprecated sendNotifications=true), guests outside the domain for
// 'externalOnly'. The organizer and resources (rooms) are never emailed.
import type { calendar_v3 } from '@googleapis/calendar';
import type { Params } from './params';
import type { Notification } from './types';

type Attendee = calendar_v3.Schema$EventAttendee;
export type SendUpdates = 'all' | 'externalOnly' | 'none';

export function sendUpdatesOf(params: Params): SendUpdates {
  const given = params.string('sendUpdates');
  if (given === 'all' || given === 'externalOnly' || given === 'none') return given;
  return params.boolean('sendNotifications') === true ? 'all' : 'none';
}

export interface NotifyContext {
  owner: string;
  domain: string;
  eventId: string;
  sendUpdates: SendUpdates;
  out: Notification[];
}

function recipients(ctx: NotifyContext, attendees: Attendee[] | null | undefined): string[] {
  const domain = `@${ctx.domain.toLowerCase()}`;
  return (attendees ?? [])
    .filter(
      (a) => a.resource !== true && a.email != null && a.email.toLowerCase() !== ctx.owner.toLowerCase(),
    )
    .map((a) => a.email ?? '')
    .filter(
      (email) =>
        ctx.sendUpdates === 'all' ||
        (ctx.sendUpdates === 'externalOnly' && !email.toLowerCase().endsWith(domain)),
    );
}

/** Records notifications for a write that took the guest list from `before` to `after`. */
export function notify(
  ctx: NotifyContext,
  before: Attendee[] | null | undefined,
  after: Attendee[] | null | undefined,
  write: 'insert' | 'change' | 'delete',
): void {
  if (ctx.sendUpdates === 'none') return;
  const send = (to: string, kind: Notification['kind']): void => {
    ctx.out.push({ to, eventId: ctx.eventId, calendarOwner: ctx.owner, kind });
  };
  const was = recipients(ctx, before);
  const now = recipients(ctx, after);
  const had = new Set(was.map((e) => e.toLowerCase()));
  const has = new Set(now.map((e) => e.toLowerCase()));
  if (write === 'delete') {
    for (const to of was) send(to, 'cancellation');
    return;
  }
  for (const to of now) send(to, write === 'change' && had.has(to.toLowerCase()) ? 'update' : 'invitation');
  if (write === 'change') for (const to of was) if (!has.has(to.toLowerCase())) send(to, 'cancellation');
}
