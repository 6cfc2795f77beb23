// The timeline a coordinator sees before booking, worked out by hand from each council's rules.
import { loadPreset, presets, type PresetId } from '../../../functions/src/domain/policy/presets';
import { resolvePolicy } from '../../../functions/src/domain/policy/resolve-policy';
import type { Policy } from '../../../functions/src/domain/policy/schema';
import {
  parseTimelineRequest,
  planTimeline,
  TimelineError,
} from '../../../functions/src/domain/timeline/plan-timeline';
import { timelineToJson, type TimelineJson } from '../../../functions/src/domain/timeline/timeline-json';
import type { TimelineRequestInput } from '../../../functions/src/domain/timeline/timeline-request';

function plan(policy: PresetId | Policy, request: TimelineRequestInput): TimelineJson {
  const resolved = typeof policy === 'string' ? loadPreset(policy) : policy;
  return timelineToJson(planTimeline(parseTimelineRequest(request), resolved));
}

function councilPolicy(file: object): Policy {
  return resolvePolicy({ id: 'test-council', ...file }, presets, 'test policy');
}

function problemsOf(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof TimelineError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a TimelineError');
}

const initial = (start: string, strategyDiscussion: string): TimelineRequestInput => ({
  type: 'initial',
  start,
  strategyDiscussion,
});

describe('who arrives when', () => {
  test('Hackney: the family meets the chair at the invitation time and professionals join 30 minutes later', () => {
    const t = plan('hackney', initial('2026-12-07T10:30', '2026-11-23'));
    expect(t.start).toBe('2026-12-07T10:30:00+00:00');
    expect(t.audiences).toEqual([
      { audience: 'chair', part: 1, arrive: '2026-12-07T10:00:00+00:00', end: '2026-12-07T12:30:00+00:00' },
      { audience: 'family', part: 1, arrive: '2026-12-07T10:00:00+00:00', end: '2026-12-07T12:30:00+00:00' },
      {
        audience: 'professionals',
        part: 1,
        arrive: '2026-12-07T10:30:00+00:00',
        end: '2026-12-07T12:30:00+00:00',
      },
    ]);
  });

  test('Devon: professionals arrive 30 minutes early to read the reports', () => {
    const t = plan('devon', initial('2026-12-10T10:00', '2026-11-26'));
    const professionals = t.audiences.find((a) => a.audience === 'professionals');
    expect(professionals?.arrive).toBe('2026-12-10T09:30:00+00:00');
  });

  test('separated parts: each family member meets the chair before their own part, and professionals attend both', () => {
    const t = plan('hackney', {
      ...initial('2026-12-07T10:30', '2026-11-23'),
      parts: [{ durationMinutes: 60 }, { durationMinutes: 60 }],
    });
    expect(t.audiences.map((a) => [a.audience, a.part, a.arrive.slice(11, 16), a.end.slice(11, 16)])).toEqual(
      [
        ['chair', 1, '10:00', '11:30'],
        ['family', 1, '10:00', '11:30'],
        ['professionals', 1, '10:30', '11:30'],
        ['chair', 2, '11:30', '13:00'],
        ['family', 2, '11:30', '13:00'],
        ['professionals', 2, '12:00', '13:00'],
      ],
    );
    expect(t.end).toBe('2026-12-07T13:00:00+00:00');
  });

  test('Devon, separated parts: professionals come early to read only before the first part', () => {
    const t = plan('devon', {
      ...initial('2026-12-10T10:00', '2026-11-26'),
      parts: [{ durationMinutes: 60 }, { durationMinutes: 60 }],
    });
    expect(
      t.audiences.filter((a) => a.audience === 'professionals').map((a) => [a.part, a.arrive.slice(11, 16)]),
    ).toEqual([
      [1, '09:30'],
      [2, '11:30'],
    ]);
    expect(t.audiences.filter((a) => a.part === 2 && a.audience === 'family')[0]?.arrive).toBe(
      '2026-12-10T11:00:00+00:00',
    );
  });

  test('a part without the family invites no family audience and starts straight after the one before', () => {
    const t = plan('hackney', {
      ...initial('2026-12-07T10:30', '2026-11-23'),
      parts: [{ durationMinutes: 60 }, { durationMinutes: 30, familyAttends: false }],
    });
    expect(t.audiences.filter((a) => a.part === 2).map((a) => [a.audience, a.arrive.slice(11, 16)])).toEqual([
      ['chair', '11:30'],
      ['professionals', '11:30'],
    ]);
  });

  test('uses the policy duration for the conference type unless the booking gives one', () => {
    expect(plan('working-together-2023', initial('2026-12-07T10:00', '2026-11-23')).end).toBe(
      '2026-12-07T12:00:00+00:00',
    );
    expect(
      plan('working-together-2023', {
        type: 'review',
        start: '2026-12-07T10:00',
        previousConference: '2026-09-07',
      }).end,
    ).toBe('2026-12-07T11:30:00+00:00');
  });

  test('warns when the family would be invited before the working day starts', () => {
    const t = plan('hackney', initial('2026-12-07T09:00', '2026-11-23'));
    expect(t.warnings).toContainEqual(expect.stringContaining('family are invited for 08:30'));
  });
});

describe('parts with their own times', () => {
  const separated = (parts: TimelineRequestInput['parts']): TimelineRequestInput => ({
    ...initial('2026-12-07T10:30', '2026-11-23'),
    parts,
  });
  const times = (t: TimelineJson) =>
    t.audiences.map((a) => [a.audience, a.part, a.arrive.slice(11, 16), a.end.slice(11, 16)]);

  test('a later part can start after a break; its family still meets the chair first', () => {
    const t = plan('hackney', separated([{ durationMinutes: 60 }, { durationMinutes: 60, start: '13:30' }]));
    expect(times(t).slice(3)).toEqual([
      ['chair', 2, '13:00', '14:30'],
      ['family', 2, '13:00', '14:30'],
      ['professionals', 2, '13:30', '14:30'],
    ]);
  });

  test('the professionals can be invited later than the policy says, but not after their part ends', () => {
    const later = plan('hackney', separated([{ durationMinutes: 60, professionalsArrive: '10:45' }]));
    expect(times(later)[2]).toEqual(['professionals', 1, '10:45', '11:30']);
    expect(
      problemsOf(() => plan('hackney', separated([{ durationMinutes: 60, professionalsArrive: '11:45' }]))),
    ).toEqual([
      { field: 'parts[0].professionalsArrive', message: '11:45 is not before part 1 ends at 11:30' },
    ]);
  });

  test('separated parts must not overlap: the second parent may not arrive while the first is still there', () => {
    expect(
      problemsOf(() =>
        plan('hackney', separated([{ durationMinutes: 60 }, { durationMinutes: 60, start: '11:45' }])),
      ),
    ).toEqual([
      {
        field: 'parts[1].start',
        message: 'part 2 overlaps part 1: its family is invited for 11:15, before part 1 ends at 11:30',
      },
    ]);
  });

  test('part 1 starts when the conference starts', () => {
    expect(problemsOf(() => plan('hackney', separated([{ start: '11:00' }])))).toEqual([
      {
        field: 'parts[0].start',
        message: "part 1 starts at the conference's start (10:30); change start instead",
      },
    ]);
  });

  test('a time that is not HH:mm is named', () => {
    expect(problemsOf(() => plan('hackney', separated([{ professionalsArrive: '10.45' }])))).toEqual([
      { field: 'parts[0].professionalsArrive', message: 'must be a 24-hour time written HH:mm' },
    ]);
  });
});

describe('a non-working day booked on purpose', () => {
  test('is planned when the coordinator confirms it, with a warning that stays on the timeline', () => {
    const t = timelineToJson(
      planTimeline(parseTimelineRequest(initial('2026-12-05T10:30', '2026-11-23')), loadPreset('hackney'), {
        allowNonWorkingDay: true,
      }),
    );
    expect(t.start).toBe('2026-12-05T10:30:00+00:00');
    expect(t.warnings).toContain('2026-12-05 is not a working day (a Saturday); it was booked on purpose.');
  });
});

describe('report deadlines', () => {
  test('Hackney initial: 3 days before, at the end of the working day', () => {
    expect(plan('hackney', initial('2026-12-07T10:30', '2026-11-23')).reportDue).toBe(
      '2026-12-04T17:00:00+00:00',
    );
  });

  test('Hackney review: 5 days before', () => {
    const t = plan('hackney', {
      type: 'review',
      start: '2026-12-14T10:00',
      previousConference: '2026-09-14',
    });
    expect(t.reportDue).toBe('2026-12-09T17:00:00+00:00');
  });

  test('a deadline on a weekend moves back to the Friday', () => {
    // Tuesday 8 December: 3 days before is Saturday 5 December.
    expect(plan('hackney', initial('2026-12-08T10:30', '2026-11-23')).reportDue).toBe(
      '2026-12-04T17:00:00+00:00',
    );
  });

  test('Devon initial: 48 hours before the start', () => {
    expect(plan('devon', initial('2026-12-10T10:00', '2026-11-26')).reportDue).toBe(
      '2026-12-08T10:00:00+00:00',
    );
  });

  test('Devon review: 5 working days before', () => {
    const t = plan('devon', { type: 'review', start: '2026-12-07T10:00', previousConference: '2026-06-08' });
    expect(t.reportDue).toBe('2026-11-30T17:00:00+00:00');
  });

  test('Devon: the family gets reports 3 days before, a different deadline from the inbox', () => {
    const t = plan('devon', initial('2026-12-10T10:00', '2026-11-26'));
    expect(t.familyShareDue).toBe('2026-12-07T17:00:00+00:00');
  });

  test('Hackney: reports are shared with the family before they are sent, so by the same deadline', () => {
    const t = plan('hackney', initial('2026-12-07T10:30', '2026-11-23'));
    expect(t.familyShareDue).toBe(t.reportDue);
  });

  test('a council with no family-share rule has no family-share deadline', () => {
    const policy = councilPolicy({ extends: 'hackney', reports: { familyShare: { due: null } } });
    expect(plan(policy, initial('2026-12-07T10:30', '2026-11-23')).familyShareDue).toBeNull();
  });

  test('working days before a conference skip Christmas and New Year', () => {
    // Devon review on Tuesday 5 January 2027: 5 working days back skips 1 January, 28 and 25 December.
    const t = plan('devon', { type: 'review', start: '2027-01-05T10:00', previousConference: '2026-07-06' });
    expect(t.reportDue).toBe('2026-12-24T17:00:00+00:00');
  });
});

describe('across the clock changes', () => {
  test('spring 2026: a conference the day after the clocks go forward is at 10:00 BST, its deadline at 17:00 GMT', () => {
    const t = plan('hackney', initial('2026-03-30T10:30', '2026-03-16'));
    expect(t.start).toBe('2026-03-30T10:30:00+01:00');
    expect(t.audiences[1]?.arrive).toBe('2026-03-30T10:00:00+01:00');
    expect(t.reportDue).toBe('2026-03-27T17:00:00+00:00');
  });

  test('spring 2026: "48 hours before" is 48 real hours, so it lands at 09:00 GMT when the clocks changed between', () => {
    const devonLiteral = councilPolicy({ extends: 'devon', reports: { dueOnNonWorkingDay: 'keep' } });
    expect(plan(devonLiteral, initial('2026-03-30T10:00', '2026-03-16')).reportDue).toBe(
      '2026-03-28T09:00:00+00:00',
    );
  });

  test('autumn 2026: a deadline before the clocks go back is in BST, the conference after in GMT', () => {
    const t = plan('hackney', {
      type: 'review',
      start: '2026-10-26T10:00',
      previousConference: '2026-04-27',
    });
    expect(t.start).toBe('2026-10-26T10:00:00+00:00');
    expect(t.reportDue).toBe('2026-10-21T17:00:00+01:00');
  });

  test('spring 2027: the clocks change on Easter Sunday; the deadline skips Easter and lands in GMT', () => {
    // Wednesday 31 March 2027. 3 days before is Sunday 28 March; Saturday, then Good Friday, are not working days.
    const t = plan('hackney', initial('2027-03-31T10:30', '2027-03-17'));
    expect(t.start).toBe('2027-03-31T10:30:00+01:00');
    expect(t.reportDue).toBe('2027-03-25T17:00:00+00:00');
  });

  test('autumn 2027: Devon review five working days before Tuesday 2 November is in BST', () => {
    const t = plan('devon', { type: 'review', start: '2027-11-02T10:00', previousConference: '2027-05-04' });
    expect(t.start).toBe('2027-11-02T10:00:00+00:00');
    expect(t.reportDue).toBe('2027-10-26T17:00:00+01:00');
  });
});

describe('statutory timescales', () => {
  test('initial: within 15 working days of the strategy discussion', () => {
    const t = plan('working-together-2023', initial('2026-11-23T10:00', '2026-11-02'));
    expect(t.timescale).toEqual({
      latest: '2026-11-23',
      within: true,
      basis: '15 working days after the strategy discussion on 2026-11-02',
    });
    expect(t.warnings).toEqual([]);
  });

  test('initial: a day late is outside the timescale and needs a recorded reason', () => {
    const t = plan('working-together-2023', initial('2026-11-24T10:00', '2026-11-02'));
    expect(t.timescale?.within).toBe(false);
    expect(t.warnings).toContainEqual(expect.stringContaining('needs a recorded reason'));
  });

  test("initial in Scotland counts St Andrew's Day as a holiday", () => {
    const scotland = councilPolicy({ extends: 'working-together-2023', nation: 'scotland' });
    expect(plan(scotland, initial('2026-12-15T10:00', '2026-11-23')).timescale?.latest).toBe('2026-12-15');
  });

  test('first review: within 3 months of the initial conference', () => {
    const t = plan('working-together-2023', {
      type: 'review',
      start: '2027-02-26T10:00',
      previousConference: '2026-11-30',
      firstReview: true,
    });
    expect(t.timescale?.latest).toBe('2027-02-28');
    expect(t.timescale?.within).toBe(true);
  });

  test('later reviews: 31 August plus 6 months is 28 February', () => {
    const t = plan('working-together-2023', {
      type: 'review',
      start: '2027-02-26T10:00',
      previousConference: '2026-08-31',
    });
    expect(t.timescale?.latest).toBe('2027-02-28');
  });

  test('month arithmetic keeps 29 February in a leap year', () => {
    const t = plan('working-together-2023', {
      type: 'review',
      start: '2027-08-31T10:00',
      previousConference: '2027-03-01',
    });
    expect(t.nextReviewDue).toBe('2028-02-29');
  });

  test('pre-birth in Derbyshire: before 28 weeks of pregnancy', () => {
    // Expected 24 May 2027: 28 weeks is 1 March 2027, so the latest day is 28 February.
    const t = plan('derbyshire', {
      type: 'pre-birth',
      start: '2027-02-26T10:00',
      expectedBirth: '2027-05-24',
    });
    expect(t.timescale).toEqual({
      latest: '2027-02-28',
      within: true,
      basis: 'before 28 weeks of pregnancy, reached on 2027-03-01 for a birth expected on 2027-05-24',
    });
  });

  test('pre-birth: the earlier of the two limits binds', () => {
    const t = plan('derbyshire', {
      type: 'pre-birth',
      start: '2027-02-26T10:00',
      expectedBirth: '2027-05-24',
      strategyDiscussion: '2027-02-01',
    });
    expect(t.timescale?.latest).toBe('2027-02-22');
    expect(t.timescale?.within).toBe(false);
  });

  test('pre-birth where the policy has no pregnancy limit and no strategy discussion is given: no timescale', () => {
    const t = plan('working-together-2023', {
      type: 'pre-birth',
      start: '2027-02-26T10:00',
      expectedBirth: '2027-05-24',
    });
    expect(t.timescale).toBeNull();
  });

  test('transfer-in: 15 working days from the notification, or no timescale without one', () => {
    const withDate = plan('working-together-2023', {
      type: 'transfer-in',
      start: '2026-11-20T10:00',
      transferNotified: '2026-11-02',
    });
    expect(withDate.timescale?.latest).toBe('2026-11-23');
    expect(
      plan('working-together-2023', { type: 'transfer-in', start: '2026-11-20T10:00' }).timescale,
    ).toBeNull();
  });
});

describe('what falls due after the conference', () => {
  test('record within 1 working day, first core group within 10, first review within 3 months', () => {
    const t = plan('hackney', initial('2026-12-07T10:30', '2026-11-23'));
    expect([t.recordDue, t.outcomeToChildDue, t.coreGroupDue, t.nextReviewDue]).toEqual([
      '2026-12-08',
      '2026-12-08',
      '2026-12-21',
      '2027-03-07',
    ]);
  });

  test('a conference on Christmas Eve has its record due after the Christmas bank holidays', () => {
    const t = plan('hackney', initial('2026-12-24T10:30', '2026-12-10'));
    expect(t.recordDue).toBe('2026-12-29');
    expect(t.coreGroupDue).toBe('2027-01-12');
  });

  test('a review has no first core group and its next review is within 6 months', () => {
    const t = plan('hackney', {
      type: 'review',
      start: '2026-12-07T10:00',
      previousConference: '2026-09-07',
    });
    expect(t.coreGroupDue).toBeNull();
    expect(t.nextReviewDue).toBe('2027-06-07');
  });
});

describe('the reminder schedule', () => {
  test('Hackney, Monday 7 December 2026: reminders on the working days before, feedback after', () => {
    const t = plan('hackney', initial('2026-12-07T10:30', '2026-11-23'));
    expect(t.reminders).toEqual([
      { kind: 'report-reminder', audience: 'professionals', at: '2026-12-02T09:00:00+00:00' },
      { kind: 'quorum-check', audience: 'coordinator', at: '2026-12-03T09:00:00+00:00' },
      { kind: 'quorum-check', audience: 'coordinator', at: '2026-12-04T09:00:00+00:00' },
      { kind: 'day-before', audience: 'family', at: '2026-12-04T10:00:00+00:00' },
      { kind: 'day-before', audience: 'professionals', at: '2026-12-04T10:00:00+00:00' },
      { kind: 'report-overdue', audience: 'professionals', at: '2026-12-04T17:00:00+00:00' },
      { kind: 'record-due', audience: 'chair', at: '2026-12-08T09:00:00+00:00' },
      { kind: 'feedback-request', audience: 'attendees', at: '2026-12-08T10:00:00+00:00' },
    ]);
  });

  test('councils that do not ask for feedback send no feedback request', () => {
    const t = plan('working-together-2023', initial('2026-12-07T10:00', '2026-11-23'));
    expect(t.reminders.map((r) => r.kind)).not.toContain('feedback-request');
  });

  test('a reminder that would fall on a bank holiday goes out on the working day before', () => {
    // Tuesday 29 December 2026: the day before is Thursday 24 December (25 and 28 are holidays).
    const t = plan('hackney', initial('2026-12-29T10:30', '2026-12-10'));
    expect(t.reminders.filter((r) => r.kind === 'day-before').map((r) => r.at)).toEqual([
      '2026-12-24T10:00:00+00:00',
      '2026-12-24T10:00:00+00:00',
    ]);
  });
});

describe('requests that cannot be planned', () => {
  test('a conference on a bank holiday is refused, naming the holiday', () => {
    const problems = problemsOf(() => plan('hackney', initial('2026-12-28T10:00', '2026-12-10')));
    expect(problems.map((p) => p.field)).toEqual(['start']);
    expect(problems[0]?.message).toMatch(
      /^2026-12-28 is not a working day in england-and-wales \(Boxing Day/,
    );
  });

  test('a conference on a Saturday is refused', () => {
    expect(problemsOf(() => plan('hackney', initial('2026-12-05T10:00', '2026-11-23')))).toEqual([
      { field: 'start', message: '2026-12-05 is not a working day in england-and-wales (a Saturday)' },
    ]);
  });

  test('every problem in the request is reported at once, each against its field', () => {
    const problems = problemsOf(() =>
      parseTimelineRequest({
        type: 'initial',
        start: '2026-02-30T10:00',
        strategyDiscussion: '2026-13-01',
        parts: [],
      }),
    );
    expect(problems).toEqual([
      { field: 'start', message: 'is not a real date' },
      { field: 'strategyDiscussion', message: 'is not a real date' },
      { field: 'parts', message: 'must list at least 1' },
    ]);
  });

  test('a time of day that does not exist is refused', () => {
    expect(problemsOf(() => parseTimelineRequest(initial('2026-03-02T25:00', '2026-02-16')))).toEqual([
      { field: 'start', message: 'is not a time of day' },
    ]);
    expect(problemsOf(() => parseTimelineRequest(initial('2026-03-02 10:00', '2026-02-16')))).toEqual([
      { field: 'start', message: 'must be a date and time written YYYY-MM-DDTHH:mm' },
    ]);
  });

  test('an initial conference needs its strategy discussion; dates of other types are refused', () => {
    expect(
      problemsOf(() =>
        parseTimelineRequest({
          type: 'initial',
          start: '2026-12-07T10:00',
          previousConference: '2026-09-01',
        }),
      ),
    ).toEqual([
      {
        field: 'strategyDiscussion',
        message:
          'is required for an initial conference: the date of the strategy discussion that started the enquiry',
      },
      { field: 'previousConference', message: 'applies only to review conferences, not initial' },
    ]);
  });

  test('a strategy discussion after the conference is refused', () => {
    expect(problemsOf(() => parseTimelineRequest(initial('2026-12-07T10:00', '2026-12-08')))).toEqual([
      {
        field: 'strategyDiscussion',
        message: '2026-12-08 is after the conference on 2026-12-07; the strategy discussion comes first',
      },
    ]);
  });

  test('a review needs the conference it reviews, before it', () => {
    expect(
      problemsOf(() => parseTimelineRequest({ type: 'review', start: '2026-12-07T10:00' }))[0]?.field,
    ).toBe('previousConference');
    expect(
      problemsOf(() =>
        parseTimelineRequest({ type: 'review', start: '2026-12-07T10:00', previousConference: '2026-12-07' }),
      ),
    ).toEqual([
      { field: 'previousConference', message: '2026-12-07 is not before the conference on 2026-12-07' },
    ]);
  });

  test('an expected birth years away is taken for a typing mistake', () => {
    const problems = problemsOf(() =>
      parseTimelineRequest({ type: 'pre-birth', start: '2026-12-07T10:00', expectedBirth: '2027-12-07' }),
    );
    expect(problems[0]?.message).toMatch(/more than 42 weeks after the conference/);
  });

  test('unknown types and unknown fields are named', () => {
    expect(
      problemsOf(() => parseTimelineRequest({ type: 'emergency', start: '2026-12-07T10:00', venue: 'x' })),
    ).toEqual([
      {
        field: 'type',
        message: 'must be one of "initial", "review", "pre-birth", "transfer-in"',
      },
      { field: 'venue', message: 'is not recognised (check the spelling)' },
    ]);
  });
});
