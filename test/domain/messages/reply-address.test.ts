// Where a reply to each outbox message lands. Answers about reports go to the inbox's plus
// address, which files them with their conference; a reply to the feedback request comes after
// the conference and is not a report, so it goes to the coordinators, never to the report inbox.
import { replyAddress } from '../../../functions/src/domain/messages/build-views';
import type { MessageFacts } from '../../../functions/src/domain/messages/message-facts';
import { OUTBOX_KINDS } from '../../../functions/src/domain/outbox/outbox-entry';
import { loadPreset } from '../../../functions/src/domain/policy/presets';
import { bookedConference } from '../intake/intake-fixtures';

const hackney = loadPreset('hackney');
const conference = bookedConference('CPC-7F3K');
const facts = (policy = hackney): MessageFacts => ({
  conference,
  policy,
  outcome: null,
  reports: null,
  quorum: null,
  failed: null,
  coordinator: 'cp-conferences@hackney.gov.uk',
});

test('a feedback reply goes to the coordinators’ mailbox unless the policy names another address', () => {
  expect(replyAddress('feedback-request', facts())).toBe('cp-conferences@hackney.gov.uk');
  const named = { ...hackney, feedback: { ...hackney.feedback, replyTo: 'cp-feedback@hackney.gov.uk' } };
  expect(replyAddress('feedback-request', facts(named))).toBe('cp-feedback@hackney.gov.uk');
});

test('every other message but the chair’s own record is answered to the inbox’s plus address', () => {
  const others = OUTBOX_KINDS.filter((k) => k !== 'feedback-request' && k !== 'record-and-decision');
  for (const kind of others) {
    expect([kind, replyAddress(kind, facts())]).toEqual([
      kind,
      'childprotectioninvitereportrequest+cpc-7f3k@hackney.gov.uk',
    ]);
  }
  expect(replyAddress('record-and-decision', facts())).toBeNull();
});
