// Report records as Firestore keeps them: a contribution now says whose report it is, and
// records stored before it did still read, their invitee taken from the sender when the service
// filed them (it files only invitees' reports by itself).
import {
  decodeReport,
  encodeReport,
  type ReportDocument,
} from '../../../functions/src/adapters/firestore/report-codec';
import { conferenceWithTwoFromHealth, filedReport, GP } from '../../domain/intake/intake-fixtures';

const conference = conferenceWithTwoFromHealth();

/** A document as an earlier version wrote it: the contribution without `invitee`. */
function earlier(changes: Partial<ReportDocument> = {}): Record<string, unknown> {
  const doc = encodeReport(filedReport(conference, 'GP@Surgery.example.org', { agency: 'health' }));
  const { invitee: _absent, ...contribution } = doc.contribution ?? {};
  return { ...doc, contribution, ...changes };
}

describe('a stored report record', () => {
  test('keeps whose report it is', () => {
    const record = filedReport(conference, 'admin@nhs.example.org', { agency: 'health', invitee: GP });
    expect(decodeReport(record.messageId, encodeReport(record)).contribution?.invitee).toBe(GP);
  });

  test('stored before contributions named an invitee, is the sender’s when the service filed it', () => {
    expect(decodeReport('18c0ffee00000001', earlier()).contribution?.invitee).toBe(GP);
  });

  test('stored before then and filed by a coordinator, names nobody: its status reads it by sender or agency', () => {
    const byCoordinator = decodeReport('18c0ffee00000002', earlier({ matchedBy: 'coordinator' }));
    expect(byCoordinator.contribution).toMatchObject({ agency: 'health', invitee: null });
  });

  test('stored before then as the family’s views, names no invitee', () => {
    const doc = earlier();
    const views = { ...(doc.contribution as object), kind: 'family-views', agency: null };
    expect(decodeReport('18c0ffee00000003', { ...doc, contribution: views }).contribution?.invitee).toBe(
      null,
    );
  });
});
