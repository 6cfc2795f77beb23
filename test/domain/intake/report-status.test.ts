// Which reports a conference is owed. Per person (the presets' setting, from Hackney's "When you
// are invited ... you will be asked to prepare a report"), each invited professional and the
// social worker owe their own: a health visitor's report does not stand for the GP's. Per agency,
// one report from each invited agency is enough.
import {
  allReportsIn,
  owedBy,
  reportStatus,
  type ReportStatus,
} from '../../../functions/src/domain/intake/report-status';
import { recipientKey } from '../../../functions/src/domain/outbox/outbox-entry';
import { loadPreset } from '../../../functions/src/domain/policy/presets';
import type { Policy } from '../../../functions/src/domain/policy/schema';
import { conferenceWithTwoFromHealth, filedReport, GP, HEALTH_VISITOR, POLICE } from './intake-fixtures';

const SOCIAL_WORKER = 'social.worker@hackney.gov.uk';
const SCHOOL = 'dsl@school.example.org';
const perPerson = loadPreset('hackney');
const perAgency: Policy = { ...perPerson, reports: { ...perPerson.reports, per: 'agency' } };
const conference = conferenceWithTwoFromHealth();

function row(status: ReportStatus, label: string) {
  return status.owed.find((r) => r.label === label);
}

describe('per person', () => {
  test('owes one report per invited professional and the social worker, keyed as their reminders are', () => {
    const status = reportStatus(conference, [], perPerson);
    expect(status.per).toBe('person');
    expect(status.owed.map((r) => [r.key, r.agency, r.role, r.invitee, r.status])).toEqual([
      [recipientKey(SOCIAL_WORKER), 'childrens-social-care', 'social worker', SOCIAL_WORKER, 'missing'],
      [recipientKey(POLICE), 'police', null, POLICE, 'missing'],
      [recipientKey(HEALTH_VISITOR), 'health', 'health visitor', HEALTH_VISITOR, 'missing'],
      [recipientKey(GP), 'health', 'GP', GP, 'missing'],
      [recipientKey(SCHOOL), 'school', null, SCHOOL, 'missing'],
    ]);
  });

  test('labels each row by agency and role, never by the name the coordinator typed', () => {
    const labels = reportStatus(conference, [], perPerson).owed.map((r) => r.label);
    expect(labels).toEqual([
      'Social worker',
      'Police',
      'Health (GP, health visitor, midwife, school nurse, paediatrician) (health visitor)',
      'Health (GP, health visitor, midwife, school nurse, paediatrician) (GP)',
      'School',
    ]);
    expect(labels.join(' ')).not.toContain('Sam Visitor');
  });

  test("a health visitor's report does not make the GP's row received", () => {
    const status = reportStatus(
      conference,
      [filedReport(conference, HEALTH_VISITOR, { agency: 'health' })],
      perPerson,
    );
    const [visitor, gp] = status.owed.filter((r) => r.agency === 'health');
    expect(visitor).toMatchObject({ invitee: HEALTH_VISITOR, status: 'received', timing: 'on-time' });
    expect(gp).toMatchObject({ invitee: GP, status: 'missing', receivedAt: null });
    expect(allReportsIn(status)).toBe(false);
  });

  test('a report a coordinator filed for an invitee counts for that invitee, whoever sent it', () => {
    const forGp = filedReport(
      conference,
      'practice.manager@surgery.example.org',
      { agency: 'health', invitee: GP },
      { matchedBy: 'coordinator' },
    );
    const status = reportStatus(conference, [forGp], perPerson);
    expect(status.owed.find((r) => r.invitee === GP)).toMatchObject({
      status: 'received',
      messageIds: [forGp.messageId],
    });
    expect(status.owed.find((r) => r.invitee === HEALTH_VISITOR)?.status).toBe('missing');
  });

  test('a record from before reports named their invitee counts for its sender when the sender is invited', () => {
    const earlier = filedReport(
      conference,
      'Health.Visitor@NHS.example.org',
      { agency: 'health', invitee: null },
      { matchedBy: 'coordinator' },
    );
    const status = reportStatus(conference, [earlier], perPerson);
    expect(status.owed.find((r) => r.invitee === HEALTH_VISITOR)?.status).toBe('received');
    expect(status.owed.find((r) => r.invitee === GP)?.status).toBe('missing');
  });

  test("an agency-only report counts for the agency's one invitee, but for none of several", () => {
    const forPolice = filedReport(
      conference,
      'duty.officer@police.example.org',
      { agency: 'police', invitee: null },
      { matchedBy: 'coordinator' },
    );
    const forHealth = filedReport(
      conference,
      'admin@nhs.example.org',
      { agency: 'health', invitee: null },
      { matchedBy: 'coordinator' },
    );
    const status = reportStatus(conference, [forPolice, forHealth], perPerson);
    expect(status.owed.find((r) => r.invitee === POLICE)?.status).toBe('received');
    expect(status.owed.filter((r) => r.invitee === HEALTH_VISITOR || r.invitee === GP)).toEqual([
      expect.objectContaining({ status: 'missing' }),
      expect.objectContaining({ status: 'missing' }),
    ]);
    // Shown, so the coordinator sees it arrived, as the agency's without a named author.
    expect(status.owed.at(-1)).toMatchObject({
      key: 'health',
      invitee: null,
      invited: true,
      status: 'received',
    });
  });

  test('a report from someone no longer invited shows as its own row, not invited', () => {
    const { professionals } = conference.invitees;
    const withoutGp = {
      ...conference,
      invitees: { ...conference.invitees, professionals: professionals.filter((p) => p.email !== GP) },
    };
    const status = reportStatus(withoutGp, [filedReport(withoutGp, GP, { agency: 'health' })], perPerson);
    expect(status.owed.at(-1)).toMatchObject({
      key: recipientKey(GP),
      invitee: GP,
      invited: false,
      status: 'received',
    });
    expect(status.owed).toHaveLength(5);
  });

  test('all reports are in only when every invitee’s own is', () => {
    const everyone = [
      [SOCIAL_WORKER, 'childrens-social-care'],
      [POLICE, 'police'],
      [HEALTH_VISITOR, 'health'],
      [GP, 'health'],
      [SCHOOL, 'school'],
    ] as const;
    const filed = everyone.map(([from, agency]) => filedReport(conference, from, { agency }));
    expect(allReportsIn(reportStatus(conference, filed, perPerson))).toBe(true);
    expect(allReportsIn(reportStatus(conference, filed.slice(0, -1), perPerson))).toBe(false);
  });

  test('a reminder’s recipient is matched to their own row', () => {
    const status = reportStatus(
      conference,
      [filedReport(conference, HEALTH_VISITOR, { agency: 'health' })],
      perPerson,
    );
    expect(owedBy(status, { key: recipientKey(GP), agency: 'health' })?.status).toBe('missing');
    expect(owedBy(status, { key: recipientKey(HEALTH_VISITOR), agency: 'health' })?.status).toBe('received');
    expect(owedBy(status, { key: recipientKey('someone@else.example.org'), agency: 'health' })).toBe(
      undefined,
    );
  });
});

describe('per agency', () => {
  test('owes one report per invited agency, the social worker’s agency included', () => {
    const status = reportStatus(conference, [], perAgency);
    expect(status.per).toBe('agency');
    expect(status.owed.map((r) => [r.key, r.label, r.invitee])).toEqual([
      ['childrens-social-care', "Children's social care", null],
      ['police', 'Police', null],
      ['health', 'Health (GP, health visitor, midwife, school nurse, paediatrician)', null],
      ['school', 'School', null],
    ]);
  });

  test("the health visitor's report makes health's row received, for the GP too", () => {
    const status = reportStatus(
      conference,
      [filedReport(conference, HEALTH_VISITOR, { agency: 'health' })],
      perAgency,
    );
    expect(row(status, 'Health (GP, health visitor, midwife, school nurse, paediatrician)')?.status).toBe(
      'received',
    );
    expect(owedBy(status, { key: recipientKey(GP), agency: 'health' })?.status).toBe('received');
  });

  test('a report for an agency nobody was invited from shows too, not invited', () => {
    const status = reportStatus(
      conference,
      [filedReport(conference, 'worker@housing.example.org', { agency: 'housing', invitee: null })],
      perAgency,
    );
    expect(status.owed.at(-1)).toMatchObject({ key: 'housing', invited: false, status: 'received' });
  });
});
