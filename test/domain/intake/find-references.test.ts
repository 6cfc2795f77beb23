import {
  namedReferences,
  plusAddressReference,
  subjectReferences,
} from '../../../functions/src/domain/intake/find-references';
import { inbound, INBOX } from './intake-fixtures';

describe('the references an email names', () => {
  it('reads the conference token from a plus address of the request inbox, in any case', () => {
    expect(plusAddressReference('childprotectioninvitereportrequest+cpc-7f3k@hackney.gov.uk', INBOX)).toBe(
      'CPC-7F3K',
    );
    expect(plusAddressReference('ChildProtectionInviteReportRequest+CPC-7F3K@Hackney.gov.uk', INBOX)).toBe(
      'CPC-7F3K',
    );
  });

  it('ignores plus addresses of other mailboxes or domains, and tokens that are not references', () => {
    expect(plusAddressReference('someone+cpc-7f3k@hackney.gov.uk', INBOX)).toBeNull();
    expect(
      plusAddressReference('childprotectioninvitereportrequest+cpc-7f3k@evil.example', INBOX),
    ).toBeNull();
    expect(
      plusAddressReference('childprotectioninvitereportrequest+cpc-7f3kx@hackney.gov.uk', INBOX),
    ).toBeNull();
    // 0, O, 1, I and L are never in a reference.
    expect(
      plusAddressReference('childprotectioninvitereportrequest+cpc-70ol@hackney.gov.uk', INBOX),
    ).toBeNull();
    expect(plusAddressReference(INBOX, INBOX)).toBeNull();
  });

  it('finds every reference in a subject once, in order, and only whole ones', () => {
    expect(subjectReferences('RE: Report for conference cpc-7f3k (see also CPC-9XYZ, CPC-7F3K)')).toEqual([
      'CPC-7F3K',
      'CPC-9XYZ',
    ]);
    expect(subjectReferences('XCPC-7F3K and CPC-7F3K9')).toEqual([]);
    expect(subjectReferences(null)).toEqual([]);
  });

  it('looks at Delivered-To as well as To and Cc', () => {
    const named = namedReferences(
      inbound({
        recipients: [INBOX],
        deliveredTo: ['childprotectioninvitereportrequest+cpc-7f3k@hackney.gov.uk'],
        subject: 'CPC-ABCD',
      }),
      INBOX,
    );
    expect(named).toEqual({ plusAddress: ['CPC-7F3K'], subject: ['CPC-ABCD'] });
  });
});
