// Whose report a held email is, when a coordinator files it: the invitee they name, else the
// sender when invited, else the one professional invited for the agency they name. Per person
// (policy reports.per), an agency with several invitees needs the coordinator to say which of
// them it is from: counting it for all of them would stop the others being reminded.
// Problems name the field and never repeat what was sent (an address identifies a person).
import type { Conference } from '../conference/conference';
import type { Problem } from '../errors';
import { attendeesOf } from '../outcome/outcome';
import type { Policy } from '../policy/schema';
import { senderRole, type SenderRole } from './assess-message';

export interface FilingChoice {
  /** The agency the coordinator named, if any. */
  readonly agency?: string | undefined;
  /** The invitee the coordinator named (lower-cased), if any. */
  readonly invitee?: string | undefined;
}

export type WhoseReport =
  | {
      readonly kind: 'decided';
      readonly role: SenderRole;
      /** Whose report, by role and agency ("Health (GP)"); null for the family's or an agency's. */
      readonly label: string | null;
    }
  | { readonly kind: 'problem'; readonly problem: Problem };

type WhosePolicy = Pick<Policy, 'agencies' | 'socialCareAgency'> & {
  readonly reports: Pick<Policy['reports'], 'per'>;
};

export function whoseReport(
  conference: Conference,
  sender: string | null,
  choice: FilingChoice,
  policy: WhosePolicy,
): WhoseReport {
  const { reference } = conference;
  const invitees = [...attendeesOf(conference, policy).values()].flatMap((a) =>
    a.role === 'family' || a.address === null || a.agency === null
      ? []
      : [{ address: a.address, agency: a.agency, label: a.label }],
  );
  const agencyLabel = (id: string): string => policy.agencies.find((a) => a.id === id)?.label ?? id;
  const problem = (field: string, message: string): WhoseReport => ({
    kind: 'problem',
    problem: { field, message },
  });
  const decided = (agency: string, invitee: string | null): WhoseReport => ({
    kind: 'decided',
    role: { kind: 'professional', agency, invitee },
    label: invitees.find((a) => a.address === invitee)?.label ?? null,
  });

  if (choice.invitee !== undefined) {
    const named = invitees.find((a) => a.address === choice.invitee);
    if (named === undefined) {
      return problem(
        'invitee',
        `must be a professional or the social worker invited to ${reference}; choose one of its invitees`,
      );
    }
    if (choice.agency !== undefined && choice.agency !== named.agency) {
      return problem(
        'invitee',
        `is invited to ${reference} for ${agencyLabel(named.agency)}, not ${agencyLabel(choice.agency)}: choose one agency or the other`,
      );
    }
    return decided(named.agency, named.address);
  }

  if (choice.agency !== undefined) {
    const agency = choice.agency;
    const ofAgency = invitees.filter((a) => a.agency === agency);
    const invitedAgencies = [...new Set([policy.socialCareAgency, ...invitees.map((a) => a.agency)])];
    if (!invitedAgencies.includes(agency)) {
      return problem('agency', `must be an agency invited to ${reference}: ${invitedAgencies.join(', ')}`);
    }
    const lower = sender?.toLowerCase() ?? null;
    const own = ofAgency.find((a) => a.address === lower);
    if (own !== undefined) return decided(agency, own.address);
    const [only] = ofAgency;
    if (ofAgency.length === 1 && only !== undefined) return decided(agency, only.address);
    if (ofAgency.length > 1 && policy.reports.per === 'person') {
      return problem(
        'invitee',
        `is needed: ${ofAgency.length} professionals are invited to ${reference} for ${agencyLabel(agency)} and each owes their own report, so say whose report this is`,
      );
    }
    return decided(agency, null);
  }

  const role =
    sender === null
      ? ({ kind: 'not-invited' } as const)
      : senderRole(conference, sender, policy.socialCareAgency);
  if (role.kind === 'professional') return decided(role.agency, role.invitee);
  if (role.kind === 'family') return { kind: 'decided', role, label: null };
  return problem(
    'agency',
    `is needed: the sender is not invited to ${reference}, so say which agency the report is from`,
  );
}
