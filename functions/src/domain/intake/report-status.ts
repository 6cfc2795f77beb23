// Which reports a conference has and which are missing: one line per invited agency (the social
// worker's included), and the family's contributions. What the chair and coordinator look at
// before the conference, and what the reminders are decided from.
import type { Temporal } from 'temporal-polyfill';
import type { Conference } from '../conference/conference';
import type { Policy } from '../policy/schema';
import type { ReportRecord } from './report';

export interface AgencyReportStatus {
  readonly agency: string;
  readonly label: string;
  readonly status: 'received' | 'missing';
  /** The first report filed for the agency (a later one is a correction, not a new arrival). */
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
  readonly agencies: readonly AgencyReportStatus[];
  readonly family: readonly FamilyContributionStatus[];
}

export function reportStatus(
  conference: Conference,
  filed: readonly ReportRecord[],
  policy: Pick<Policy, 'agencies' | 'socialCareAgency'>,
): ReportStatus {
  const label = (id: string): string => policy.agencies.find((a) => a.id === id)?.label ?? id;
  const invited = [
    ...new Set([policy.socialCareAgency, ...conference.invitees.professionals.map((p) => p.agency)]),
  ];
  const ofConference = filed
    .filter((r) => r.state === 'filed' && r.conferenceId === conference.id && r.contribution !== null)
    .sort((a, b) => a.receivedAt.epochMilliseconds - b.receivedAt.epochMilliseconds);
  const reports = ofConference.filter((r) => r.contribution?.kind === 'report');
  // An agency that sent a report without being on the invitation list (filed by a coordinator) shows too.
  const agencies = [
    ...invited,
    ...reports.map((r) => r.contribution?.agency ?? '').filter((a) => a !== '' && !invited.includes(a)),
  ];
  return {
    due: conference.timeline.reportDue.toInstant(),
    agencies: agencies.map((agency) => {
      const mine = reports.filter((r) => r.contribution?.agency === agency);
      const [first] = mine;
      return {
        agency,
        label: label(agency),
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
