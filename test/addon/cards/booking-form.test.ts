// The booking form turns what the coordinator typed into the API's booking request, and puts
// each of the API's problems next to the field it is about, even when empty rows were skipped.
import {
  bookingFormCard,
  newDraft,
  placeProblems,
  toRequest,
  type BookingDraft,
} from '../../../addon/src/cards/booking-form';
import type { Card, Widget } from '../../../addon/src/cards/card-json';
import { SETTINGS } from './settings-fixture';

function widgets(card: Card): Widget[] {
  return card.sections.flatMap((s) => s.widgets);
}

/** The widget after the input named `name`: where its problem must be. */
function after(card: Card, name: string): Widget | undefined {
  const list = widgets(card);
  const at = list.findIndex(
    (w) =>
      ('textInput' in w && w.textInput.name === name) ||
      ('selectionInput' in w && w.selectionInput.name === name) ||
      ('dateTimePicker' in w && w.dateTimePicker.name === name),
  );
  return at < 0 ? undefined : list[at + 1];
}

function draft(overrides: Partial<BookingDraft> = {}): BookingDraft {
  return {
    ...newDraft(SETTINGS, 'addon-testkey0001'),
    start: '2026-12-07T10:30',
    chair: 'chair.one@hackney.gov.uk',
    socialWorker: { email: 'social.worker@hackney.gov.uk', name: '' },
    children: 'LCS-104233, LCS-104234',
    dates: {
      strategyDiscussion: '2026-11-23',
      previousConference: '',
      expectedBirth: '',
      transferNotified: '',
    },
    ...overrides,
  };
}

describe('the booking request made from the form', () => {
  it('leaves out empty rows, splits the case numbers, and keeps only the dates the type uses', () => {
    const request = toRequest(
      draft({
        professionals: [
          { email: '', agency: 'police', role: '' },
          { email: 'hv@nhs.example.org', agency: 'health', role: 'health visitor' },
        ],
        family: [
          { email: '', relationship: '', part: '1' },
          { email: '', relationship: 'father', part: '1' },
        ],
        dates: {
          strategyDiscussion: '2026-11-23',
          previousConference: '2026-06-01',
          expectedBirth: '',
          transferNotified: '',
        },
      }),
      SETTINGS,
    );
    expect(request.body).toMatchObject({
      idempotencyKey: 'addon-testkey0001',
      type: 'initial',
      start: '2026-12-07T10:30',
      parts: [{ durationMinutes: 90 }],
      venue: null,
      professionals: [{ email: 'hv@nhs.example.org', agency: 'health', role: 'health visitor' }],
      family: [{ relationship: 'father' }],
      children: [{ caseReference: 'LCS-104233' }, { caseReference: 'LCS-104234' }],
      strategyDiscussion: '2026-11-23',
    });
    expect(request.body).not.toHaveProperty('previousConference');
  });

  it('gives each family member a part only when the conference has separate parts', () => {
    const family = [
      { email: 'p1@example.com', relationship: 'mother', part: '1' },
      { email: 'p2@example.com', relationship: 'father', part: '2' },
    ];
    expect(toRequest(draft({ family }), SETTINGS).body.family).toEqual([
      { email: 'p1@example.com', relationship: 'mother' },
      { email: 'p2@example.com', relationship: 'father' },
    ]);
    expect(toRequest(draft({ family, parts: '2' }), SETTINGS).body).toMatchObject({
      parts: [{ durationMinutes: 90 }, { durationMinutes: 90 }],
      family: [
        { email: 'p1@example.com', relationship: 'mother', part: 1 },
        { email: 'p2@example.com', relationship: 'father', part: 2 },
      ],
    });
  });

  it('maps a problem with the n-th professional sent back to the row the coordinator typed it in', () => {
    const typed = draft({
      professionals: [
        { email: '', agency: 'police', role: '' },
        { email: 'not-an-address', agency: 'health', role: '' },
      ],
    });
    const request = toRequest(typed, SETTINGS);
    const placed = placeProblems(request, [
      { field: 'professionals[0].email', message: 'must be an email address' },
      { field: 'children[1].caseReference', message: 'must be the case number' },
      { field: 'parts[0].durationMinutes', message: 'must be at least 15' },
      { field: 'chair.email', message: 'must be an account in hackney.gov.uk' },
    ]);
    expect(placed.map((p) => p.field)).toEqual([
      'professionals.1.email',
      'children',
      'durationMinutes',
      'chair',
    ]);
  });
});

describe('the booking form card', () => {
  it('shows each problem right under its field, and the ones without a field at the top', () => {
    const card = bookingFormCard(SETTINGS, draft(), [
      { field: 'start', message: '2026-11-01T10:00 is in the past' },
      { field: 'professionals.1.email', message: 'must be an email address' },
      { field: 'idempotencyKey', message: 'must be 8 to 128 letters' },
    ]);
    expect(after(card, 'start')).toEqual({
      textParagraph: { text: expect.stringContaining('is in the past') as string },
    });
    expect(after(card, 'professionals.1.email')).toEqual({
      textParagraph: { text: expect.stringContaining('must be an email address') as string },
    });
    expect(card.sections[0]).toMatchObject({ header: 'Please check' });
    expect(JSON.stringify(card.sections[0])).toContain('idempotencyKey');
  });

  it('asks for the dates the conference type uses, and no others', () => {
    const names = (d: BookingDraft): string[] =>
      widgets(bookingFormCard(SETTINGS, d, [])).flatMap((w) =>
        'dateTimePicker' in w ? [w.dateTimePicker.name] : [],
      );
    expect(names(draft())).toEqual(['start', 'strategyDiscussion']);
    expect(names(draft({ type: 'review' }))).toEqual(['start', 'previousConference']);
    expect(names(draft({ type: 'pre-birth' }))).toEqual(['start', 'strategyDiscussion', 'expectedBirth']);
  });

  it('escapes what a person typed, since card text is HTML', () => {
    const card = bookingFormCard(SETTINGS, draft(), [{ field: 'venue', message: 'is <b>odd</b> & long' }]);
    expect(JSON.stringify(after(card, 'venue'))).toContain('is &lt;b&gt;odd&lt;/b&gt; &amp; long');
  });

  it('offers "Book and send invitations" only with a preview, carrying exactly the previewed request', () => {
    const before = bookingFormCard(SETTINGS, draft(), []);
    expect(before.fixedFooter?.primaryButton.text).toBe('Check and preview');
    const after = bookingFormCard(SETTINGS, draft(), [], {
      request: '{"type":"initial"}',
      preview: {
        timeline: {
          type: 'initial',
          start: '2026-12-07T10:30:00+00:00',
          end: '2026-12-07T12:00:00+00:00',
          audiences: [],
          reportDue: '2026-12-02T10:30:00+00:00',
          familyShareDue: null,
          timescale: {
            latest: '2026-12-14',
            within: true,
            basis: '15 working days from the strategy discussion',
          },
          recordDue: '2026-12-08',
          nextReviewDue: '2027-03-07',
          warnings: [],
        },
        events: [
          {
            audience: 'family',
            part: 1,
            arrive: '2026-12-07T10:00:00+00:00',
            end: '2026-12-07T12:00:00+00:00',
            guests: 2,
            who: ['Chair', 'Mother'],
          },
          {
            audience: 'professionals',
            part: 1,
            arrive: '2026-12-07T10:30:00+00:00',
            end: '2026-12-07T12:00:00+00:00',
            guests: 5,
            who: ['Chair', 'Social worker', 'Police', 'Health', 'School'],
          },
        ],
        warnings: [],
      },
    });
    expect(after.fixedFooter?.primaryButton).toMatchObject({
      text: 'Book and send invitations',
      onClick: {
        action: {
          function: 'confirmBooking',
          parameters: expect.arrayContaining([{ key: 'previewed', value: '{"type":"initial"}' }]) as unknown,
        },
      },
    });
    const preview = JSON.stringify(after.sections[0]);
    expect(preview).toContain('Arrive 10:00, until 12:00');
    expect(preview).toContain('Arrive 10:30, until 12:00');
    expect(preview).toContain('Wednesday 2 December 2026, 10:30');
    expect(preview).toContain('Chair, Mother: each sees only their own invitation');
  });
});
