// Which recipients are the request inbox: the address itself and its plus addresses, in any case,
// and nothing that merely looks like them.
import { isInboxAddress } from '../../../functions/src/domain/intake/inbox-address';

const INBOX = 'childprotectioninvitereportrequest@hackney.gov.uk';
const PLUS = 'childprotectioninvitereportrequest+cpc-abcd@hackney.gov.uk';

describe('inbox addresses', () => {
  test.each([
    [INBOX, true],
    ['ChildProtectionInviteReportRequest@Hackney.gov.uk', true],
    [PLUS, true],
    ['childprotectioninvitereportrequest+@hackney.gov.uk', true],
    ['childprotectioninvitereportrequest@evil.example', false],
    ['childprotectioninvitereportrequestx@hackney.gov.uk', false],
    ['childprotectioninvitereportrequest+x@evil.example@hackney.gov.uk', false],
    ['other@hackney.gov.uk', false],
  ])('%s is the inbox: %s', (address, expected) => {
    expect(isInboxAddress(address, INBOX)).toBe(expected);
  });
});
