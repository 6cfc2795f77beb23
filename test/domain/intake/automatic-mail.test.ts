// Which mail a program sent: RFC 3834's headers and the legacy ones responders still send, the
// report formats of RFC 6522, calendar answers (RFC 5546), bounces' null sender, and the
// service's own mail coming back. Headers a person's report may also carry are not enough.
import {
  automaticRule,
  couldBeReport,
  inviteeOf,
  type OwnAddresses,
} from '../../../functions/src/domain/intake/automatic-mail';
import type { InboundMessage, MessageOrigin } from '../../../functions/src/domain/intake/inbound-message';
import { attachment, bookedConference, inbound, INBOX, POLICE } from './intake-fixtures';

const OWN: OwnAddresses = { inbox: INBOX, calendarOwner: 'cp-conferences@hackney.gov.uk' };

function withOrigin(origin: Partial<MessageOrigin>, overrides: Partial<InboundMessage> = {}): InboundMessage {
  const message = inbound(overrides);
  return { ...message, origin: { ...message.origin, ...origin } };
}

const REPLY = { uid: 'ev1@google.com', sequence: 0, attendee: POLICE, answer: 'accepted' as const };

describe('the first rule that matches names the record', () => {
  test.each([
    [
      'a delivery status notification',
      { contentType: 'multipart/report', reportType: 'delivery-status' },
      'delivery-status',
    ],
    [
      'a read receipt',
      { contentType: 'multipart/report', reportType: 'disposition-notification' },
      'disposition-notification',
    ],
    ['an abuse report', { contentType: 'multipart/report', reportType: 'feedback-report' }, 'other-report'],
    ['a null reverse-path', { returnPath: '' }, 'null-sender'],
    ['Auto-Submitted: auto-replied', { autoSubmitted: 'auto-replied' }, 'auto-submitted'],
    ['Auto-Submitted: auto-generated', { autoSubmitted: 'auto-generated' }, 'auto-submitted'],
    ['an Auto-Submitted keyword nobody registered', { autoSubmitted: 'auto-notified' }, 'auto-submitted'],
    ['X-Autoreply: yes', { xAutoreply: 'yes' }, 'x-autoreply'],
    ['X-Autorespond', { xAutorespond: 'vacation' }, 'x-autorespond'],
    ['Precedence: bulk', { precedence: 'bulk' }, 'precedence'],
    ['Precedence: junk', { precedence: 'junk' }, 'precedence'],
    ['Precedence: auto_reply', { precedence: 'auto_reply' }, 'precedence'],
  ] as const)('%s', (_what, origin, rule) => {
    expect(automaticRule(withOrigin(origin), OWN)).toBe(rule);
  });

  test('a bounce is named by its report, though it also has a null sender and Auto-Submitted', () => {
    const bounce = withOrigin({
      contentType: 'multipart/report',
      reportType: 'delivery-status',
      returnPath: '',
      autoSubmitted: 'auto-replied',
    });
    expect(automaticRule(bounce, OWN)).toBe('delivery-status');
  });

  test.each(['MAILER-DAEMON@mx.police.example.org', 'postmaster@nhs.example.org'])(
    'mail from %s',
    (address) => {
      expect(automaticRule(inbound({ from: [{ address: address.toLowerCase(), name: '' }] }), OWN)).toBe(
        'mailer-daemon',
      );
    },
  );

  test.each([
    INBOX,
    'childprotectioninvitereportrequest+cpc-7f3k@hackney.gov.uk',
    'cp-conferences@hackney.gov.uk',
  ])('mail from the service’s own address %s', (address) => {
    expect(automaticRule(inbound({ from: [{ address, name: '' }] }), OWN)).toBe('own-address');
  });

  test('a calendar answer of the email itself, not one inside an email attached to it', () => {
    const answer = attachment({ contentType: 'text/calendar', calendar: { method: 'REPLY', reply: REPLY } });
    expect(automaticRule(inbound({ attachments: [answer] }), OWN)).toBe('calendar-reply');
    expect(
      automaticRule(inbound({ attachments: [{ ...answer, within: ['forwarded.eml'] }] }), OWN),
    ).toBeNull();
  });

  test.each(['COUNTER', 'REFRESH'])('a %s is an attendee’s answer too', (method) => {
    const part = attachment({ contentType: 'text/calendar', calendar: { method, reply: null } });
    expect(automaticRule(inbound({ attachments: [part] }), OWN)).toBe('calendar-reply');
  });

  test('an invitation (REQUEST) is not an answer', () => {
    const part = attachment({ contentType: 'text/calendar', calendar: { method: 'REQUEST', reply: null } });
    expect(automaticRule(inbound({ attachments: [part] }), OWN)).toBeNull();
  });
});

describe('not enough on their own: a person’s report may carry them', () => {
  test.each([
    ['Auto-Submitted: no', { autoSubmitted: 'no' }],
    ['X-Autoreply: no', { xAutoreply: 'no' }],
    ['Precedence: list', { precedence: 'list' }],
    ['Precedence: bulkish', { precedence: 'bulkish' }],
    ['a real return path', { returnPath: POLICE }],
  ] as const)('%s', (_what, origin) => {
    expect(automaticRule(withOrigin(origin), OWN)).toBeNull();
  });

  test('an address that only starts like the inbox is someone else', () => {
    const near = { address: 'childprotectioninvitereportrequestx@hackney.gov.uk', name: '' };
    expect(automaticRule(inbound({ from: [near] }), OWN)).toBeNull();
  });
});

describe('what could be a report, in automatic mail', () => {
  test.each([
    ['a PDF', attachment(), true],
    ['a picture sent as a file', attachment({ filename: 'scan.jpg', contentType: 'image/jpeg' }), true],
    [
      'a signature logo shown in the body',
      attachment({ filename: 'logo.png', contentType: 'image/png', inline: true }),
      false,
    ],
    [
      'a calendar part',
      attachment({ contentType: 'text/calendar', calendar: { method: 'REPLY', reply: null } }),
      false,
    ],
    [
      'Google Calendar’s invite.ics',
      attachment({ filename: 'invite.ics', contentType: 'application/ics' }),
      false,
    ],
    ['a delivery status part', attachment({ filename: null, contentType: 'message/delivery-status' }), false],
    ['returned headers', attachment({ filename: null, contentType: 'text/rfc822-headers' }), false],
    [
      'an attached email, judged by its parts',
      attachment({ filename: 'x.eml', contentType: 'message/rfc822' }),
      false,
    ],
    ['a file inside an attached email', attachment({ within: ['x.eml'] }), true],
    ['an empty file', attachment({ size: 0 }), false],
  ] as const)('%s: %s', (_what, part, expected) => {
    expect(couldBeReport(part)).toBe(expected);
  });
});

describe('who a bounced address is to the conference', () => {
  const conference = bookedConference();
  test.each([
    [POLICE, 'the police professional'],
    ['social.worker@hackney.gov.uk', 'the social worker'],
    ['parent.one@example.com', 'the family (mother)'],
    ['chair.one@hackney.gov.uk', 'the chair'],
    ['nobody@example.net', null],
  ])('%s is %s', (address, words) => {
    expect(inviteeOf(conference, address, 'social-care')).toBe(words);
  });
});
