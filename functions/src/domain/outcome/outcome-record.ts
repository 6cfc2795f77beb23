// The outcome as stored, one per conference: what the chair recorded, when and by whom, and
// whether the record and decision has been sent (the chair marks it once they send the draft).
import type { Temporal } from 'temporal-polyfill';
import type { OutcomeRequest } from './outcome';

export interface OutcomeRecord {
  readonly conferenceId: string;
  readonly reference: string;
  readonly outcome: OutcomeRequest;
  /** The next review's latest date; null when no plan continues. */
  readonly nextReview: Temporal.PlainDate | null;
  readonly warnings: readonly string[];
  readonly recordedBy: string;
  readonly recordedAt: Temporal.Instant;
  /** A hash of the request, so the same outcome sent twice is answered, a different one refused. */
  readonly fingerprint: string;
  readonly recordSent: { readonly at: Temporal.Instant; readonly by: string } | null;
  readonly revision: number;
}
