// When a report reminder, an overdue notice or the chair's "all reports in" comes due, the sweep
// decides from the reports filed by then. Per person, a colleague's report from the same agency
// does not excuse anyone: the GP is still reminded after the health visitor's report is in.
import type { Conference } from '../../../functions/src/domain/conference/conference';
import { reportStatus } from '../../../functions/src/domain/intake/report-status';
import type { ReportRecord } from '../../../functions/src/domain/intake/report';
import {
  newEntry,
  recipientOf,
  versionOf,
  type OutboxEntry,
  type OutboxKind,
} from '../../../functions/src/domain/outbox/outbox-entry';
import { planMessages } from '../../../functions/src/domain/outbox/plan-outbox';
import { skipReason } from '../../../functions/src/domain/outbox/sweep-rules';
import { loadPreset } from '../../../functions/src/domain/policy/presets';
import type { Policy } from '../../../functions/src/domain/policy/schema';
import { COORDINATOR, NOW } from '../../support/bookings';
import {
  conferenceWithTwoFromHealth,
  filedReport,
  GP,
  HEALTH_VISITOR,
  POLICE,
} from '../intake/intake-fixtures';

const SOCIAL_WORKER = 'social.worker@hackney.gov.uk';
const SCHOOL = 'dsl@school.example.org';
const perPerson = loadPreset('hackney');
const perAgency: Policy = { ...perPerson, reports: { ...perPerson.reports, per: 'agency' } };
const conference: Conference = conferenceWithTwoFromHealth();

/** The planned entry of this kind to this professional, as booking stores it. */
function planned(kind: OutboxKind, address: string, policy: Policy): OutboxEntry {
  const found = planMessages(conference, null, { policy, coordinator: COORDINATOR }).find(
    (p) => p.kind === kind && p.recipient.address === address,
  );
  if (found === undefined) throw new Error(`no ${kind} for ${address}`);
  return newEntry(conference.id, conference.reference, found, 'inbox@hackney.gov.uk', NOW);
}

function skip(entry: OutboxEntry, filed: readonly ReportRecord[], policy: Policy): string | null {
  const at = entry.dueAt;
  const reports = reportStatus(conference, filed, policy);
  return skipReason(
    entry,
    { conference, outcome: null, reports, now: at },
    { policy, coordinator: COORDINATOR },
  );
}

const visitorsReport = [filedReport(conference, HEALTH_VISITOR, { agency: 'health' })];

describe.each(['report-reminder', 'report-overdue'] as const)('the %s', (kind) => {
  test('per person, still goes to the GP once the health visitor’s report is in', () => {
    expect(skip(planned(kind, GP, perPerson), visitorsReport, perPerson)).toBeNull();
    expect(skip(planned(kind, HEALTH_VISITOR, perPerson), visitorsReport, perPerson)).toBe('report-received');
  });

  test('per agency, is skipped for the GP once health’s report is in', () => {
    expect(skip(planned(kind, GP, perAgency), visitorsReport, perAgency)).toBe('report-received');
  });

  test('goes to a professional whose agency has sent nothing, either way', () => {
    for (const policy of [perPerson, perAgency]) {
      expect(skip(planned(kind, POLICE, policy), visitorsReport, policy)).toBeNull();
    }
  });
});

describe('all reports in, to the chair', () => {
  const allIn = (filed: readonly ReportRecord[], policy: Policy): string | null => {
    const entry = newEntry(
      conference.id,
      conference.reference,
      {
        kind: 'all-reports-in',
        recipient: recipientOf('chair', conference.invitees.chair.email),
        version: versionOf(conference.timeline.reportDue.toInstant()),
        dueAt: NOW,
        expiresAt: null,
        catchUp: true,
      },
      'inbox@hackney.gov.uk',
      NOW,
    );
    return skip(entry, filed, policy);
  };
  const everyoneBut = (missing: string): ReportRecord[] =>
    (
      [
        [SOCIAL_WORKER, 'childrens-social-care'],
        [POLICE, 'police'],
        [HEALTH_VISITOR, 'health'],
        [GP, 'health'],
        [SCHOOL, 'school'],
      ] as const
    )
      .filter(([from]) => from !== missing)
      .map(([from, agency]) => filedReport(conference, from, { agency }));

  test('per person, is not sent while the GP’s report is missing', () => {
    expect(allIn(everyoneBut(GP), perPerson)).toBe('reports-missing');
    expect(allIn(everyoneBut(''), perPerson)).toBeNull();
  });

  test('per agency, is sent once each agency has one, the GP’s aside', () => {
    expect(allIn(everyoneBut(GP), perAgency)).toBeNull();
    expect(allIn(everyoneBut(POLICE), perAgency)).toBe('reports-missing');
  });
});
