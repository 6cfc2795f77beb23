// The add-on's automatic emails: the list the homepage links to, and the card of one such email,
// which says what it was (whose address a bounce says failed, whether a calendar answer counted)
// and still lets a coordinator file it, since a person may have sent it. Checked against Google's
// card schema.
import type { Report, ReportLookup } from '../../../addon/src/api-types';
import { automaticListCard } from '../../../addon/src/cards/automatic';
import { reportCard } from '../../../addon/src/cards/report';
import { cardProblems } from '../../support/card-schema';
import { SETTINGS } from './settings-fixture';

function automatic(overrides: Partial<Report> = {}): Report {
  return {
    messageId: '18c0ffee000000a1',
    state: 'automatic',
    reference: 'CPC-7F3K',
    contribution: null,
    sender: { address: 'mailer-daemon@mx.police.example.org', name: '' },
    receivedAt: '2026-11-30T10:00:00+00:00',
    subject: null,
    attachments: [],
    link: 'https://mail.google.com/mail/u/0/#all/18c0ffee000000a1',
    holdReasons: [],
    candidates: ['CPC-7F3K'],
    duplicateOf: null,
    redeliveryOf: null,
    automatic: {
      rule: 'delivery-status',
      words: 'a delivery report (a bounce or a delay notice) from a mail server',
      aboutMessage: 'report-request',
      undelivered: [
        {
          address: 'dc.typo@police.example.org',
          invitee: 'the police professional',
          action: 'failed',
          status: '5.1.1',
        },
      ],
      answer: null,
    },
    ...overrides,
  };
}

const choices = [{ reference: 'CPC-7F3K', start: '2026-12-07T10:30:00+00:00', type: 'initial' }];

describe('the list of automatic emails', () => {
  it('lists each, newest first as the service gives them, bounces marked, each opening its own card', () => {
    const answer = automatic({
      messageId: '18c0ffee000000a2',
      sender: { address: 'dc.one@police.example.org', name: '' },
      automatic: {
        rule: 'calendar-reply',
        words: 'an answer to a calendar invitation',
        aboutMessage: null,
        undelivered: [],
        answer: { attendee: 'dc.one@police.example.org', answer: 'accepted', counted: 'recorded' },
      },
    });
    const card = automaticListCard({ days: 14, truncated: false, automatic: [automatic(), answer] });
    expect(cardProblems(card)).toEqual([]);
    expect(card.header.subtitle).toBe('2 emails in 14 days, 1 bounce');
    const text = JSON.stringify(card);
    expect(text).toContain('Not delivered');
    expect(text).toContain('"function":"showReport"');
    expect(text).toContain('18c0ffee000000a2');
  });

  it('says so when there are none', () => {
    const card = automaticListCard({ days: 14, truncated: false, automatic: [] });
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('No automatic email reached the report inbox.');
  });
});

describe('the card of one automatic email', () => {
  const found = (report: Report): ReportLookup => ({ report, conference: null });

  it('says which email bounced for whom, and how to act on it', () => {
    const card = reportCard(found(automatic()), choices, SETTINGS.agencies);
    expect(cardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(card.header.title).toBe('Automatic email');
    expect(text).toContain(
      'The report request could not be delivered to the police professional (dc.typo@police.example.org) (5.1.1)',
    );
    expect(text).toContain('Nothing was filed or answered');
  });

  it('still offers to file it, without a dismiss (it counts for nothing already)', () => {
    const text = JSON.stringify(reportCard(found(automatic()), choices, SETTINGS.agencies));
    expect(text).toContain('If a person sent it as their report, file it');
    expect(text).toContain('"function":"fileReport"');
    expect(text).not.toContain('"function":"dismissReport"');
  });

  it('says whether a calendar answer was counted', () => {
    const card = reportCard(
      found(
        automatic({
          automatic: {
            rule: 'calendar-reply',
            words: 'an answer to a calendar invitation',
            aboutMessage: null,
            undelivered: [],
            answer: { attendee: 'dc.one@police.example.org', answer: 'declined', counted: 'not-the-guest' },
          },
        }),
      ),
      choices,
      SETTINGS.agencies,
    );
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('not counted: it did not come from the guest it names');
  });

  it('a second delivery points at the first', () => {
    const card = reportCard(
      found(automatic({ state: 'redelivered', automatic: null, redeliveryOf: 'first-id' })),
      [],
      [],
    );
    expect(cardProblems(card)).toEqual([]);
    expect(card.header.title).toBe('Delivered twice');
    expect(JSON.stringify(card)).toContain('first-id');
  });
});
