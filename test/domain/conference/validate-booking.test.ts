// What a coordinator gets back for a booking that cannot be made: every problem at once, each
// naming its field, in words they can act on, and never quoting an address or a name.
import { Temporal } from 'temporal-polyfill';
import {
  BookingError,
  validateBooking,
  validateChange,
} from '../../../functions/src/domain/conference/validate-booking';
import type { Conference } from '../../../functions/src/domain/conference/conference';
import { loadPreset } from '../../../functions/src/domain/policy/presets';
import {
  DOMAIN,
  draftConference,
  hackneyBooking,
  NOW,
  separatedParentsBooking,
} from '../../support/bookings';

const context = { policy: loadPreset('hackney'), workspaceDomain: DOMAIN, now: NOW };

function problemsOf(input: Record<string, unknown>): { field: string; message: string }[] {
  try {
    validateBooking(input, context);
  } catch (error) {
    if (error instanceof BookingError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a BookingError');
}

const fields = (input: Record<string, unknown>) => problemsOf(input).map((p) => p.field);

describe('a booking that can be made', () => {
  test('gives the timeline, the invitees with lower-cased addresses, and the key', () => {
    const { plan, idempotencyKey } = validateBooking(
      hackneyBooking({ idempotencyKey: 'form-abcdefgh', chair: { email: 'Chair.One@Hackney.gov.uk' } }),
      context,
    );
    expect(idempotencyKey).toBe('form-abcdefgh');
    expect(plan.invitees.chair.email).toBe('chair.one@hackney.gov.uk');
    expect(plan.timeline.audiences.map((a) => [a.audience, a.arrive.toPlainTime().toString()])).toEqual([
      ['chair', '10:00:00'],
      ['family', '10:00:00'],
      ['professionals', '10:30:00'],
    ]);
    expect(plan.outsideTimescaleReason).toBeNull();
    expect(plan.nonWorkingDayConfirmed).toBe(false);
  });

  test('outside the statutory timescale, with the reason recorded', () => {
    const { plan } = validateBooking(
      hackneyBooking({
        start: '2026-12-21T10:30',
        outsideTimescaleReason: 'Police could not attend earlier',
      }),
      context,
    );
    expect(plan.timeline.timescale?.within).toBe(false);
    expect(plan.outsideTimescaleReason).toBe('Police could not attend earlier');
  });

  test('on a Saturday when the coordinator confirms the day', () => {
    const { plan } = validateBooking(
      hackneyBooking({ start: '2026-12-05T10:30', allowNonWorkingDay: true }),
      context,
    );
    expect(plan.nonWorkingDayConfirmed).toBe(true);
  });
});

describe('bad input, and what it gets', () => {
  test('overlapping separated parts', () => {
    expect(
      problemsOf(
        separatedParentsBooking({
          parts: [{ durationMinutes: 60 }, { durationMinutes: 60, start: '11:15' }],
        }),
      ),
    ).toEqual([
      {
        field: 'parts[1].start',
        message: 'part 2 overlaps part 1: its family is invited for 10:45, before part 1 ends at 11:30',
      },
    ]);
  });

  test("a professionals' start after the end", () => {
    expect(
      fields(hackneyBooking({ parts: [{ durationMinutes: 60, professionalsArrive: '12:00' }] })),
    ).toEqual(['parts[0].professionalsArrive']);
  });

  test('no social worker', () => {
    const { socialWorker: _none, ...input } = hackneyBooking();
    expect(problemsOf(input)).toEqual([{ field: 'socialWorker', message: 'is required' }]);
  });

  test('an attendee with an invalid email, without echoing anything but the value they typed', () => {
    const input = hackneyBooking({
      professionals: [
        { email: 'dc.one@police.example.org', agency: 'police' },
        { email: 'not-an-address', agency: 'health' },
      ],
    });
    expect(problemsOf(input)).toEqual([
      { field: 'professionals[1].email', message: 'must be a valid email address' },
    ]);
  });

  test('the same person twice, never repeating the address', () => {
    const problems = problemsOf(
      hackneyBooking({
        professionals: [
          { email: 'dc.one@police.example.org', agency: 'police' },
          { email: 'DC.One@police.example.org', agency: 'health' },
        ],
      }),
    );
    expect(problems).toEqual([
      {
        field: 'professionals[1].email',
        message: 'is the same address as professionals[0].email: invite each person once',
      },
    ]);
    expect(JSON.stringify(problems)).not.toContain('dc.one');
  });

  test('a family member in two separated parts', () => {
    expect(
      problemsOf(
        separatedParentsBooking({
          family: [
            { email: 'parent.one@example.com', relationship: 'mother', part: 1 },
            { email: 'parent.one@example.com', relationship: 'mother', part: 2 },
          ],
        }),
      ),
    ).toEqual([
      {
        field: 'family[1].email',
        message: 'is the same address as family[0].email: each family member is invited to one part only',
      },
    ]);
  });

  test('a family member in a part that does not exist, or one for professionals only', () => {
    expect(
      problemsOf(
        hackneyBooking({
          parts: [{}, { familyAttends: false }],
          family: [
            { email: 'parent.one@example.com', relationship: 'mother', part: 2 },
            { email: 'parent.two@example.com', relationship: 'father', part: 3 },
          ],
        }),
      ),
    ).toEqual([
      { field: 'family[0].part', message: 'part 2 is for professionals only' },
      { field: 'family[1].part', message: 'is 3, but the conference has 2 parts' },
    ]);
  });

  test('separate parts without saying which part each family member attends', () => {
    expect(
      fields(
        separatedParentsBooking({ family: [{ email: 'parent.one@example.com', relationship: 'mother' }] }),
      ),
    ).toEqual(['family[0].part']);
  });

  test('a date in the past', () => {
    expect(
      problemsOf(hackneyBooking({ start: '2026-11-20T10:30', strategyDiscussion: '2026-11-16' })),
    ).toEqual([{ field: 'start', message: '2026-11-20T10:00 is in the past' }]);
  });

  test('a start outside the statutory timescale without a reason', () => {
    expect(problemsOf(hackneyBooking({ start: '2026-12-21T10:30' }))).toEqual([
      {
        field: 'outsideTimescaleReason',
        message: expect.stringMatching(
          /^is required: the conference is after 2026-12-14, the latest date in timescale/,
        ) as string,
      },
    ]);
  });

  test('a non-working day, until the coordinator confirms it', () => {
    expect(problemsOf(hackneyBooking({ start: '2026-12-25T10:30' }))).toEqual([
      { field: 'start', message: '2026-12-25 is not a working day in england-and-wales (Christmas Day)' },
    ]);
  });

  test('a chair from outside the council, who could not host the meeting', () => {
    expect(problemsOf(hackneyBooking({ chair: { email: 'chair@gmail.com' } }))).toEqual([
      {
        field: 'chair.email',
        message: 'must be an account in hackney.gov.uk: the chair hosts the meeting and admits everyone',
      },
    ]);
  });

  test('an agency the council does not have', () => {
    expect(
      fields(hackneyBooking({ professionals: [{ email: 'x@example.org', agency: 'wizards' }] })),
    ).toEqual(['professionals[0].agency']);
  });

  test('a case reference that looks like a name is refused by its shape', () => {
    expect(fields(hackneyBooking({ children: [{ caseReference: 'Jane Doe' }] }))).toEqual([
      'children[0].caseReference',
    ]);
  });

  test('every problem at once: first all the malformed fields, then every invitee and timeline problem together', () => {
    expect(
      fields(
        hackneyBooking({
          start: '2026-12-25T10:30',
          chair: { email: 'chair@gmail.com' },
          professionals: [{ email: 'x@example.org', agency: 'wizards' }],
          idempotencyKey: 'short',
          unexpected: true,
        }),
      ),
    ).toEqual(['idempotencyKey', 'unexpected']);
    expect(
      fields(
        hackneyBooking({
          start: '2026-12-25T10:30',
          chair: { email: 'chair@gmail.com' },
          professionals: [{ email: 'x@example.org', agency: 'wizards' }],
        }),
      ),
    ).toEqual(['chair.email', 'professionals[0].agency', 'start']);
  });
});

describe('a change to a booked conference', () => {
  const current: Conference = { ...draftConference(), reference: 'CPC-7F3K', status: 'booked' };

  test('applies only what it names, and says which fields changed', () => {
    const { plan, changed, reason } = validateChange(
      { start: '2026-12-08T14:00', reason: 'Chair unwell' },
      current,
      context,
    );
    expect(changed).toEqual(['start']);
    expect(reason).toBe('Chair unwell');
    expect(plan.timeline.start.toPlainDateTime().toString()).toBe('2026-12-08T14:00:00');
    expect(plan.invitees).toEqual(current.invitees);
  });

  test('needs a reason and something to change', () => {
    expect(() => validateChange({ start: '2026-12-08T14:00' }, current, context)).toThrow(BookingError);
    expect(() => validateChange({ reason: 'No reason' }, current, context)).toThrow(
      /names nothing to change/,
    );
  });

  test('is checked like a booking: a past date is refused', () => {
    const later = { ...context, now: Temporal.Instant.from('2026-12-09T00:00:00Z') };
    expect(() => validateChange({ venue: 'Room 3', reason: 'Room moved' }, current, later)).toThrow(
      /is in the past/,
    );
  });
});
