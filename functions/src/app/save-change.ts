// Every change to a stored conference goes through here: the next revision, the time stamp and
// the audit entry are set in one place, so no use case can store against the wrong revision.
import type { Conference } from '../domain/conference/conference';
import type { AuditEntry } from '../ports';
import type { BookingDeps } from './booking-deps';

export async function saveChange(
  deps: BookingDeps,
  before: Conference,
  changes: Partial<Omit<Conference, 'id' | 'reference' | 'revision' | 'updatedAt'>>,
  audit: Omit<AuditEntry, 'at'>,
): Promise<Conference> {
  const now = deps.clock.now();
  const after: Conference = { ...before, ...changes, revision: before.revision + 1, updatedAt: now };
  await deps.store.update(after, before.revision, { ...audit, at: now });
  return after;
}
