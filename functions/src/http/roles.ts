// Who holds which role: staff documents in Firestore (`staff/{email}` with `roles: [...]`), which
// a manager maintains, plus a bootstrap list from config for the first coordinators.
import type { Firestore } from '@google-cloud/firestore';
import { ROLES, type Role } from '../app/actor';
import { rootDocument } from '../adapters/firestore/firestore-paths';

export interface RoleDirectory {
  rolesOf(email: string): Promise<Role[]>;
}

export type RoleGrants = Partial<Record<Role, readonly string[]>>;

export const STAFF_COLLECTION = 'staff';

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export class FirestoreRoleDirectory implements RoleDirectory {
  constructor(
    private readonly db: Firestore,
    private readonly root: string | undefined,
    private readonly granted: RoleGrants = {},
  ) {}

  async rolesOf(email: string): Promise<Role[]> {
    const roles = new Set<Role>(ROLES.filter((role) => this.granted[role]?.includes(email) === true));
    const base = rootDocument(this.db, this.root);
    const staff =
      base === undefined ? this.db.collection(STAFF_COLLECTION) : base.collection(STAFF_COLLECTION);
    if (!email.includes('/')) {
      const stored: unknown = (await staff.doc(email).get()).get('roles');
      if (Array.isArray(stored)) stored.filter(isRole).forEach((role) => roles.add(role));
    }
    return [...roles];
  }
}
