// A booking preview as the add-on receives it: the timeline, each calendar event that booking
// would make (who is invited, by role, and when they arrive), and what to check before confirming.
import type { BookingPreview } from '../app/preview-booking';
import { attendeesOf } from '../domain/outcome/outcome';
import type { Policy } from '../domain/policy/schema';
import { isoWithOffset } from '../domain/time/local-time';
import { timelineToJson } from '../domain/timeline/timeline-json';

export function previewToJson(preview: BookingPreview, policy: Policy): Record<string, unknown> {
  const { plan } = preview;
  const attendees = attendeesOf(plan, policy);
  const labelOf = (address: string): string =>
    address === plan.invitees.chair.email ? 'Chair' : (attendees.get(address)?.label ?? 'Guest');
  return {
    timeline: timelineToJson(plan.timeline),
    events: preview.events.map((event) => ({
      audience: event.audience,
      part: event.part,
      arrive: isoWithOffset(event.start),
      end: isoWithOffset(event.end),
      guests: event.guests.length,
      who: event.guests.map(labelOf),
    })),
    warnings: [...preview.warnings],
  };
}
