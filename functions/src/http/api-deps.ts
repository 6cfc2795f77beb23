// What the API function is given: the use cases' dependencies, and how callers are verified and
// given their roles.
import type { Role } from '../app/actor';
import type { DevelopmentControls } from '../app/development-controls';
import type { BookingDeps } from '../app/booking-deps';
import type { IntakeDeps } from '../app/intake-deps';
import type { OutboxDeps } from '../app/outbox-deps';
import type { Logger, ReportStore } from '../ports';
import type { RoleDirectory } from './roles';

export interface VerifiedCaller {
  readonly email: string;
  /**
   * Roles the token itself grants: only development tokens (AUTH_MODE=development) carry them.
   * Undefined for Google's tokens, whose holders get their roles from the directory.
   */
  readonly roles?: readonly Role[];
}

export interface TokenVerifier {
  /** The caller, verified; throws AppError (401/403) with a `reason`. */
  verify(authorization: string | undefined): Promise<VerifiedCaller>;
}

export interface ApiDeps {
  readonly booking: BookingDeps;
  readonly reports: ReportStore;
  /** Absent when the council has not set up its request inbox (policy reports.inbox). */
  readonly intake: IntakeDeps | undefined;
  readonly outbox: OutboxDeps;
  readonly verifier: TokenVerifier;
  readonly roles: RoleDirectory;
  readonly logger: Logger;
  /** How callers sign in (config AUTH_MODE): development's routes exist only with its own. */
  readonly authMode: 'google' | 'development';
  /** The clock, sweep and sync of a developer's own machine (`npm start` only). */
  readonly development?: DevelopmentControls;
}
