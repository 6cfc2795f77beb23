// Quorum for people to look at (the conference card, the overview), read live from the calendar.
// A calendar that does not answer must not stop the card from opening: the reading is then
// empty, with a reason the coordinator can act on, and the failure is logged by code only.
import type { Conference } from '../domain/conference/conference';
import { AppError } from '../domain/errors';
import type { QuorumAssessment } from '../domain/quorum';
import type { Logger } from '../ports';
import { quorumOf, type QuorumDeps } from './quorum-of';

export interface QuorumReading {
  /** Null for a cancelled conference, or when the replies could not be read. */
  readonly assessment: QuorumAssessment | null;
  /** Why there is no assessment when there should be one; null otherwise. */
  readonly unavailable: string | null;
}

function reasonFor(code: string): string {
  switch (code) {
    case 'GOOGLE.UNAVAILABLE':
    case 'GOOGLE.RATE_LIMITED':
      return 'Google Calendar did not answer when the service read the replies to the invitations, so quorum cannot be shown now. Reload in a few minutes.';
    case 'GOOGLE.ACCESS_DENIED':
      return 'Google refused the service access to the replies to the invitations, so quorum cannot be shown. Ask IT to check the service account’s domain-wide delegation and scopes.';
    default:
      return `The replies to the invitations could not be read (${code}), so quorum cannot be shown. If this keeps happening, tell IT the time it happened.`;
  }
}

export async function readQuorum(
  deps: QuorumDeps & { readonly logger: Logger },
  conference: Conference,
): Promise<QuorumReading> {
  if (conference.status === 'cancelled') return { assessment: null, unavailable: null };
  try {
    return { assessment: await quorumOf(deps, conference), unavailable: null };
  } catch (error) {
    const code = error instanceof AppError ? error.code : error instanceof Error ? error.name : 'unknown';
    deps.logger.warn('quorum.unavailable', { reference: conference.reference, error: code });
    return { assessment: null, unavailable: reasonFor(code) };
  }
}
