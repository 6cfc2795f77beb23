// The clock of a local run: the machine's time, moved by an offset the demo (or a developer)
// sets, so the sweep can be walked through a conference's reminder dates in a minute. Moving
// it changes what "now" means for everything in the process at once: bookings, receipt times
// of reports, what the sweep finds due.
import { Temporal } from 'temporal-polyfill';
import type { Clock } from '../ports';

export class AdjustableClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly system: () => number = () => Date.now()) {}

  now(): Temporal.Instant {
    return Temporal.Instant.fromEpochMilliseconds(this.system() + this.offsetMs);
  }

  /** From now on, the clock reads `instant` and runs on from there. */
  set(instant: Temporal.Instant): void {
    this.offsetMs = instant.epochMilliseconds - this.system();
  }

  /** Back to the machine's time. */
  reset(): void {
    this.offsetMs = 0;
  }

  get adjusted(): boolean {
    return this.offsetMs !== 0;
  }
}
