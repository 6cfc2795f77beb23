// What a message is composed from (the conference as it stands, its reports, its outcome), and
// the small helpers the message builders share for reading it.
import type { Conference } from '../conference/conference';
import type { ReportStatus } from '../intake/report-status';
import type { OutboxEntry } from '../outbox/outbox-entry';
import type { OutcomeRecord } from '../outcome/outcome-record';
import type { Policy } from '../policy/schema';
import type { QuorumAssessment } from '../quorum';

export interface MessageFacts {
  readonly conference: Conference;
  readonly policy: Policy;
  readonly outcome: OutcomeRecord | null;
  readonly reports: ReportStatus | null;
  readonly quorum: QuorumAssessment | null;
  /** For a failure alert: the entry that failed. */
  readonly failed: OutboxEntry | null;
  /** The coordinators' mailbox (COORDINATOR_ALERTS, else CALENDAR_OWNER). */
  readonly coordinator: string;
}

/** An agency's, category's or sub-category's label, by its id (the id itself when unknown). */
export function label(
  policy: Policy,
  kind: 'agency' | 'category' | 'sub',
  id: string | null | undefined,
): string | null {
  if (id === null || id === undefined) return null;
  const list =
    kind === 'agency' ? policy.agencies : kind === 'category' ? policy.categories : policy.subCategories;
  return list.find((x) => x.id === id)?.label ?? id;
}

class MissingFactError extends Error {}

/** A fact the message cannot do without: its absence is a programming mistake, not bad input. */
export function required<T>(value: T | null, what: string): T {
  if (value === null) throw new MissingFactError(`the ${what} is not known`);
  return value;
}
