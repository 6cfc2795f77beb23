import { Temporal } from 'temporal-polyfill';
import { assessMessage } from '../../../functions/src/domain/intake/assess-message';
import { bookedConference, inbound } from './intake-fixtures';

const settings = { socialCareAgency: 'social-care', authservId: 'mx.google.com' };
const conference = bookedConference('CPC-7F3K');
const beforeDeadline = Temporal.Instant.from('2026-12-01T12:00:00Z');

describe('whether a matched email can be filed', () => {
  it('files an invited professional’s authenticated report as their agency’s, on time before the deadline', () => {
    const assessment = assessMessage(inbound(), conference, beforeDeadline, settings);
    expect(assessment).toMatchObject({
      kind: 'file',
      contribution: { kind: 'report', agency: 'police', timing: 'on-time' },
    });
    expect(assessment.kind === 'file' && assessment.contribution.due).toEqual(
      conference.timeline.reportDue.toInstant(),
    );
  });

  it('marks a report after the deadline but before the conference as late', () => {
    const afterDeadline = conference.timeline.reportDue.toInstant().add({ minutes: 1 });
    expect(assessMessage(inbound(), conference, afterDeadline, settings)).toMatchObject({
      kind: 'file',
      contribution: { timing: 'late' },
    });
  });

  it('files the social worker’s report under social care', () => {
    const fromSocialWorker = inbound({
      from: [{ address: 'social.worker@hackney.gov.uk', name: '' }],
      authentication: {
        authservId: 'mx.google.com',
        spf: null,
        dkim: [],
        dmarc: { result: 'pass', domain: 'hackney.gov.uk' },
      },
    });
    expect(assessMessage(fromSocialWorker, conference, beforeDeadline, settings)).toMatchObject({
      kind: 'file',
      contribution: { kind: 'report', agency: 'social-care' },
    });
  });

  it('files a family member’s reply as the family’s views, due when the family arrive', () => {
    const fromParent = inbound({
      from: [{ address: 'parent.one@example.com', name: '' }],
      attachments: [],
      authentication: {
        authservId: 'mx.google.com',
        spf: null,
        dkim: [],
        dmarc: { result: 'pass', domain: 'example.com' },
      },
    });
    const assessment = assessMessage(fromParent, conference, beforeDeadline, settings);
    expect(assessment).toMatchObject({
      kind: 'file',
      contribution: { kind: 'family-views', relationship: 'mother', agency: null },
    });
    const familyArrives = conference.timeline.audiences
      .find((a) => a.audience === 'family')
      ?.arrive.toInstant();
    expect(assessment.kind === 'file' && assessment.contribution.due).toEqual(familyArrives);
  });

  it('holds an email from someone not invited, or from the chair', () => {
    const stranger = inbound({ from: [{ address: 'someone@police.example.org', name: '' }] });
    expect(assessMessage(stranger, conference, beforeDeadline, settings)).toMatchObject({
      kind: 'hold',
      reasons: [{ code: 'sender-not-invited' }],
    });
    const chair = inbound({
      from: [{ address: 'chair.one@hackney.gov.uk', name: '' }],
      authentication: {
        authservId: 'mx.google.com',
        spf: null,
        dkim: [],
        dmarc: { result: 'pass', domain: 'hackney.gov.uk' },
      },
    });
    expect(assessMessage(chair, conference, beforeDeadline, settings)).toMatchObject({
      kind: 'hold',
      reasons: [{ code: 'sender-not-invited' }],
    });
  });

  it('holds a report for a cancelled conference, or one that arrives after it', () => {
    const cancelled = { ...conference, status: 'cancelled' as const };
    expect(assessMessage(inbound(), cancelled, beforeDeadline, settings)).toMatchObject({
      kind: 'hold',
      reasons: [{ code: 'conference-closed' }],
    });
    const afterwards = conference.timeline.end.toInstant().add({ hours: 1 });
    const held = assessMessage(inbound(), conference, afterwards, settings);
    expect(held).toMatchObject({ kind: 'hold', reasons: [{ code: 'conference-closed' }] });
    expect(held.kind === 'hold' && held.reasons[0]?.message).toMatch(/took place on 7 December 2026/);
  });

  it('lists every reason at once: forged sender and a macro-enabled attachment', () => {
    const bad = inbound({
      authentication: {
        authservId: 'mx.google.com',
        spf: null,
        dkim: [],
        dmarc: { result: 'fail', domain: 'police.example.org' },
      },
      attachments: [
        {
          filename: 'report.docm',
          contentType: 'application/octet-stream',
          size: 1,
          sha256: 'b'.repeat(64),
          findings: [],
          within: [],
          inline: false,
          calendar: null,
        },
      ],
    });
    const assessment = assessMessage(bad, conference, beforeDeadline, settings);
    expect(assessment.kind === 'hold' && assessment.reasons.map((r) => r.code)).toEqual([
      'authentication-failed',
      'risky-attachment',
    ]);
    // What it would be if a coordinator files it anyway.
    expect(assessment).toMatchObject({ contribution: { kind: 'report', agency: 'police' } });
  });

  it('holds an email with two senders', () => {
    const two = inbound({
      from: [
        { address: 'dc.one@police.example.org', name: '' },
        { address: 'other@evil.example', name: '' },
      ],
    });
    expect(assessMessage(two, conference, beforeDeadline, settings)).toMatchObject({
      kind: 'hold',
      reasons: [{ code: 'several-senders' }],
    });
  });
});
