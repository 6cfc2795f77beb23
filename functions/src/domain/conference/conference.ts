// A conference as the service keeps it: what the coordinator asked for, the timeline computed
// from the policy when it was booked (kept, because people were told those dates), and who
// created it. Names of the child and family never appear here: the reference stands for them.
import type { Temporal } from 'temporal-polyfill';
import type { Timeline } from '../timeline/plan-timeline';
import type { TimelineRequest } from '../timeline/timeline-request';

export type ConferenceStatus = 'draft' | 'booked' | 'cancelled' | 'held';

/** Short references use letters and digits nobody confuses when reading them aloud (no 0/O, 1/I/L). */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_PATTERN = /^CPC-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/;

export interface Conference {
  /** The store's id for the conference. */
  readonly id: string;
  /** What people see and type, e.g. CPC-7F3K. */
  readonly reference: string;
  readonly status: ConferenceStatus;
  readonly request: TimelineRequest;
  readonly timeline: Timeline;
  /** Why a conference outside the statutory timescale was booked anyway; null when within it. */
  readonly outsideTimescaleReason: string | null;
  /** The coordinator's Workspace address. */
  readonly createdBy: string;
  readonly createdAt: Temporal.Instant;
  readonly updatedAt: Temporal.Instant;
}
