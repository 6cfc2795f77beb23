// Meet v2 spaces, created as the chair so the chair is the host who admits people. Access is
// RESTRICTED: everyone knocks, so a professional who opens the link early cannot hear the
// family's private time with the chair.
import type { meet_v2 } from '@googleapis/meet';
import type { MeetDetails } from '../../domain/conference/conference';
import { UpstreamError } from '../../domain/errors';
import type { MeetGateway } from '../../ports';
import type { Delegation } from './delegation';
import { toAppError } from './google-errors';
import { meetClients } from './lazy-clients';
import { withRetry, type RetryPolicy } from './retry';

/** Only spaces this app creates. */
export const MEET_SCOPES = ['https://www.googleapis.com/auth/meetings.space.created'] as const;

export interface GoogleMeetOptions {
  readonly delegation: Delegation;
  readonly retry: RetryPolicy;
  readonly rootUrl?: string;
  readonly timeoutMs?: number;
  readonly onCall?: (operation: string) => void;
}

export class GoogleMeet implements MeetGateway {
  constructor(private readonly options: GoogleMeetOptions) {}

  async createSpace(host: string): Promise<MeetDetails> {
    const api: meet_v2.Meet = meetClients().meet({
      version: 'v2',
      auth: this.options.delegation.clientFor(host, MEET_SCOPES),
      retry: false,
      timeout: this.options.timeoutMs ?? 20_000,
      ...(this.options.rootUrl === undefined ? {} : { rootUrl: this.options.rootUrl }),
    });
    // A retried create whose first answer was lost leaves an unused empty space behind; that
    // is harmless (nobody has its link) and Meet has no idempotency key to avoid it.
    const { data } = await withRetry(() => {
      this.options.onCall?.('meet.spaces.create');
      return api.spaces.create({
        requestBody: { config: { accessType: 'RESTRICTED', entryPointAccess: 'ALL' } },
      });
    }, this.options.retry).catch((error: unknown) => {
      throw toAppError(error, "create the conference's Google Meet");
    });
    if (data.name == null || data.meetingCode == null || data.meetingUri == null) {
      throw new UpstreamError(
        'MEET.INCOMPLETE',
        'Google Meet answered without the meeting link; try again',
        502,
      );
    }
    if (data.config?.accessType !== 'RESTRICTED') {
      // An admin policy can override it; a lobby that lets people walk in is not a lobby.
      throw new UpstreamError(
        'MEET.NOT_RESTRICTED',
        "Google Meet did not make the meeting restricted (knock to join), so the family's private time would not be private. Ask IT to allow restricted meetings for the chair's account.",
        502,
      );
    }
    return { space: data.name, meetingCode: data.meetingCode, meetingUri: data.meetingUri, host };
  }
}
