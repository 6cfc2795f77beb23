// Which reports a conference is owed and which are missing, and the family's contributions: what
// the chair and coordinator look at before the conference, and what reminders, overdue notices
// and "all reports in" are decided from. Per the policy's reports.per, one row per invited
// professional and the social worker ('person': a health visitor's report does not stand for
// the GP's), or one per invited agency ('agency').
import type { Temporal } from 'temporal-polyfill';
import type { Conference } from '../conference/conference';
import { recipientKey } from '../outbox/outbox-entry';
import { attendeesOf } from '../outcome/outcome';
import type { Policy } from '../policy/schema';
import type { ReportRecord } from './report';

export interface OwedReport {
  /**
   * The row's key, which the outbox matches a reminder's recipient by: recipientKey of the
   * invitee's address per person, the agency id per agency.
   */
  readonly key: string;
  readonly agency: string;
  /** By agency and role ("Health (GP)", "Social worker"), never by name. */
  readonly label: string;
  /** The professional's role as booked (e.g. "GP"); null when none was given, or per agency. */
  readonly role: string | null;
  /** The invited address whose report it is (per person); null per agency. For staff only. */
  readonly invitee: string | null;
  /** False for a report from someone, or an agency, not (or no longer) invited. */
  readonly invited: boolean;
  readonly status: 'received' | 'missing';
  /** The first report filed for the row (a later one is a correction, not a new arrival). */
  readonly receivedAt: Temporal.Instant | null;
  readonly timing: 'on-time' | 'late' | null;
  readonly messageIds: readonly string[];
}

export interface FamilyContributionStatus {
  readonly relationship: string;
  readonly receivedAt: Temporal.Instant;
  readonly timing: 'on-time' | 'late';
  readonly messageId: string;
}

export interface ReportStatus {
  readonly due: Temporal.Instant;
  readonly per: Policy['reports']['per'];
  readonly owed: readonly OwedReport[];
  readonly family: readonly FamilyContributionStatus[];
}

type StatusPolicy = Pick<Policy, 'agencies' | 'socialCareAgency'> & {
  readonly reports: Pick<Policy['reports'], 'per'>;
};

type Row = Omit<OwedReport, 'status' | 'receivedAt' | 'timing' | 'messageIds'>;

function agencyRow(agency: string, label: string, invited: boolean): Row {
  return { key: agency, agency, label, role: null, invitee: null, invited };
}

/** Each invited professional and the social worker, labelled as the record and decision names them. */
function personRows(conference: Conference, policy: StatusPolicy): Row[] {
  const roles = new Map(conference.invitees.professionals.map((p) => [p.email, p.role ?? null]));
  return [...attendeesOf(conference, policy).values()].flatMap((a): Row[] =>
    a.role === 'family' || a.address === null || a.agency === null
      ? []
      : [
          {
            key: recipientKey(a.address),
            agency: a.agency,
            label: a.label,
            role: a.role === 'social-worker' ? 'social worker' : (roles.get(a.address) ?? null),
            invitee: a.address,
            invited: true,
          },
        ],
  );
}

/**
 * The row a filed report counts for, per person: its invitee's, else its sender's when the sender
 * is invited (records from before reports named their invitee), else its agency's only invitee's.
 * A report of an agency with several invitees and nobody named counts for the agency as a whole.
 */
function personRowOf(report: ReportRecord, rows: readonly Row[], label: (id: string) => string): Row {
  const agency = report.contribution?.agency ?? '';
  const sender = report.sender?.address.toLowerCase() ?? null;
  const invitee =
    report.contribution?.invitee ??
    (rows.some((r) => r.invitee === sender && r.agency === agency) ? sender : null);
  if (invitee !== null) {
    return (
      rows.find((r) => r.invitee === invitee) ?? {
        key: recipientKey(invitee),
        agency,
        label: label(agency),
        role: null,
        invitee,
        invited: false,
      }
    );
  }
  const ofAgency = rows.filter((r) => r.agency === agency);
  return ofAgency.length === 1 && ofAgency[0] !== undefined
    ? ofAgency[0]
    : agencyRow(agency, label(agency), ofAgency.length > 0);
}

export function reportStatus(
  conference: Conference,
  filed: readonly ReportRecord[],
  policy: StatusPolicy,
): ReportStatus {
  const label = (id: string): string => policy.agencies.find((a) => a.id === id)?.label ?? id;
  const per = policy.reports.per;
  const ofConference = filed
    .filter((r) => r.state === 'filed' && r.conferenceId === conference.id && r.contribution !== null)
    .sort((a, b) => a.receivedAt.epochMilliseconds - b.receivedAt.epochMilliseconds);
  const reports = ofConference.filter((r) => r.contribution?.kind === 'report');
  const invited =
    per === 'person'
      ? personRows(conference, policy)
      : [
          ...new Set([policy.socialCareAgency, ...conference.invitees.professionals.map((p) => p.agency)]),
        ].map((agency) => agencyRow(agency, label(agency), true));
  // A report a coordinator filed for someone not on the list (or no longer on it) shows too.
  const rows = new Map(invited.map((r) => [r.key, r]));
  const byRow = new Map<string, ReportRecord[]>();
  for (const report of reports) {
    const agency = report.contribution?.agency ?? '';
    const row =
      per === 'person'
        ? personRowOf(report, invited, label)
        : (rows.get(agency) ?? agencyRow(agency, label(agency), false));
    if (!rows.has(row.key)) rows.set(row.key, row);
    byRow.set(row.key, [...(byRow.get(row.key) ?? []), report]);
  }
  return {
    due: conference.timeline.reportDue.toInstant(),
    per,
    owed: [...rows.values()].map((row) => {
      const mine = byRow.get(row.key) ?? [];
      const [first] = mine;
      return {
        ...row,
        status: first === undefined ? 'missing' : 'received',
        receivedAt: first?.receivedAt ?? null,
        timing: first?.contribution?.timing ?? null,
        messageIds: mine.map((r) => r.messageId),
      };
    }),
    family: ofConference
      .filter((r) => r.contribution?.kind === 'family-views')
      .map((r) => ({
        relationship: r.contribution?.relationship ?? 'family',
        receivedAt: r.receivedAt,
        timing: r.contribution?.timing ?? 'late',
        messageId: r.messageId,
      })),
  };
}

/** Every row has its report: what "all reports in" waits for. */
export function allReportsIn(status: ReportStatus): boolean {
  return status.owed.every((r) => r.status === 'received');
}

/**
 * The row a reminder's recipient is chased for: their own per person, their agency's per agency.
 * Undefined for a recipient who owes none (no longer invited).
 */
export function owedBy(
  status: ReportStatus,
  recipient: { readonly key: string; readonly agency: string | null },
): OwedReport | undefined {
  return status.per === 'person'
    ? status.owed.find((r) => r.key === recipient.key)
    : status.owed.find((r) => r.agency === recipient.agency);
}
