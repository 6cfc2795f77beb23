// Who is asking, as the HTTP layer verified them, and the roles that let them do things.
import { ForbiddenError } from '../domain/errors';

export const ROLES = ['coordinator', 'chair', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  /** The verified Workspace address. */
  readonly email: string;
  readonly roles: readonly Role[];
}

/** Throws ForbiddenError unless the actor holds one of `allowed`. */
export function requireRole(actor: Actor, allowed: readonly Role[], doing: string): void {
  if (allowed.some((role) => actor.roles.includes(role))) return;
  throw new ForbiddenError(
    'AUTH.ROLE_REQUIRED',
    `Your account does not have the ${allowed.join(' or ')} role needed to ${doing}. Ask your service manager to add it.`,
  );
}
