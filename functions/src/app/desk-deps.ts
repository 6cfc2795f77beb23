// What the use cases that read across a conference (its card, the overview, reminders on
// request) are given: the booking side (conferences, calendar) and the outbox side (reports,
// outcomes, sending).
import type { BookingDeps } from './booking-deps';
import type { OutboxDeps } from './outbox-deps';

export interface DeskDeps {
  readonly booking: BookingDeps;
  readonly outbox: OutboxDeps;
}
