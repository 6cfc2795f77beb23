// What the add-on's forms are built from: the council policy's choices and rules, and who the
// caller is, so the add-on shows each person only what their roles let them do.
import { formSettings, type FormSettings } from '../domain/policy/form-settings';
import { requireRole, type Actor, type Role } from './actor';
import type { BookingDeps } from './booking-deps';
import { ANYONE } from './conference-access';

export interface Settings extends FormSettings {
  readonly workspaceDomain: string;
  readonly me: { readonly email: string; readonly roles: readonly Role[] };
}

export function readSettings(deps: BookingDeps, actor: Actor): Settings {
  requireRole(actor, ANYONE, 'use Conference Desk');
  return {
    ...formSettings(deps.settings.policy),
    workspaceDomain: deps.settings.workspaceDomain,
    me: { email: actor.email, roles: [...actor.roles] },
  };
}
