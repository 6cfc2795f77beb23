// GET /settings through the real api function: what the add-on's forms are built from, read from
// the council's policy, and checked against the booking itself: a form that asks for exactly the
// dates /settings says are required, and no others, is never refused for them.
import { CHAIR, COORDINATOR, hackneyBooking } from '../support/bookings';
import { MANAGER, REPORT_INBOX, startApi, type Api } from '../support/api-harness';

let api: Api;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api.stop();
});

interface TypeSettings {
  id: string;
  label: string;
  dates: Record<string, 'required' | 'optional' | 'unused'>;
  decisions: 'initial' | 'review';
}

/** A value for each date field, whatever the type, to see which the booking refuses. */
const DATE_VALUES: Record<string, unknown> = {
  strategyDiscussion: '2026-11-23',
  previousConference: '2026-09-07',
  firstReview: true,
  expectedBirth: '2027-01-15',
  transferNotified: '2026-11-20',
};

describe('GET /settings', () => {
  test("gives a coordinator the council's choices and rules, labelled in plain English", async () => {
    const { status, body } = await api.call('GET', '/settings');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      council: { id: 'hackney', name: 'London Borough of Hackney' },
      timeZone: 'Europe/London',
      workspaceDomain: 'hackney.gov.uk',
      me: { email: COORDINATOR, roles: ['coordinator'] },
      socialCareAgency: 'childrens-social-care',
      arrival: { familyMinutesBefore: 30, professionalsMinutesBefore: 0 },
      durationMinutes: { initial: 120, review: 90, 'pre-birth': 120, 'transfer-in': 90 },
      maxParts: 4,
      intake: { inbox: REPORT_INBOX },
    });
    expect(body.types).toEqual([
      {
        id: 'initial',
        label: 'Initial conference',
        decisions: 'initial',
        dates: {
          strategyDiscussion: 'required',
          previousConference: 'unused',
          firstReview: 'unused',
          expectedBirth: 'unused',
          transferNotified: 'unused',
        },
      },
      {
        id: 'review',
        label: 'Review conference',
        decisions: 'review',
        dates: {
          strategyDiscussion: 'unused',
          previousConference: 'required',
          firstReview: 'optional',
          expectedBirth: 'unused',
          transferNotified: 'unused',
        },
      },
      {
        id: 'pre-birth',
        label: 'Pre-birth conference',
        decisions: 'initial',
        dates: {
          strategyDiscussion: 'optional',
          previousConference: 'unused',
          firstReview: 'unused',
          expectedBirth: 'required',
          transferNotified: 'unused',
        },
      },
      {
        id: 'transfer-in',
        label: 'Transfer-in conference',
        decisions: 'initial',
        dates: {
          strategyDiscussion: 'unused',
          previousConference: 'unused',
          firstReview: 'unused',
          expectedBirth: 'unused',
          transferNotified: 'optional',
        },
      },
    ]);
    expect(body.agencies).toContainEqual({ id: 'police', label: 'Police' });
    const outcome = body.outcome as Record<string, unknown>;
    expect(outcome.scaling).toMatchObject({ min: 0, max: 10, direction: 'higher-is-safer' });
    expect(outcome.categories).toContainEqual({ id: 'neglect', label: 'Neglect' });
    expect(outcome.subCategories).toEqual([]);
    expect(outcome.decisions).toEqual({
      initial: [
        { id: 'child-protection-plan', label: 'Child protection plan' },
        { id: 'child-in-need-plan', label: 'Child in need plan' },
        { id: 'end-involvement', label: 'No plan: involvement ends' },
      ],
      review: [
        { id: 'continue-plan', label: 'The child protection plan continues' },
        { id: 'step-down', label: 'Stepped down to a child in need plan' },
        { id: 'end-plan', label: 'The child protection plan ends' },
      ],
    });
    // Nothing about people: the policy's complaint contacts are for letters, not for forms.
    expect(JSON.stringify(body)).not.toContain('Duggan');
  });

  test('answers chairs and managers with their own roles, and refuses anyone without one', async () => {
    const chair = await api.call('GET', '/settings', { as: CHAIR });
    expect(chair.status).toBe(200);
    expect(chair.body.me).toEqual({ email: CHAIR, roles: ['chair'] });
    expect((await api.call('GET', '/settings', { as: MANAGER })).body.me).toEqual({
      email: MANAGER,
      roles: ['manager'],
    });
    const stranger = await api.call('GET', '/settings', { as: 'someone@hackney.gov.uk' });
    expect(stranger.status).toBe(403);
    expect((stranger.body.error as { code: string }).code).toBe('AUTH.ROLE_REQUIRED');
  });

  test('the dates it marks required and unused are the ones a booking refuses without and with', async () => {
    const types = (await api.call('GET', '/settings')).body.types as TypeSettings[];
    for (const type of types) {
      const fields = Object.entries(type.dates);
      const required = fields.filter(([, use]) => use === 'required').map(([field]) => field);
      const unused = fields.filter(([, use]) => use === 'unused').map(([field]) => field);
      // Every unused date given, every required one left out: each must be named.
      const { strategyDiscussion: _sd, ...base } = hackneyBooking({ type: type.id });
      const body = { ...base, ...Object.fromEntries(unused.map((field) => [field, DATE_VALUES[field]])) };
      const answer = await api.call('POST', '/conferences/preview', { body });
      expect(answer.status).toBe(400);
      const named = (answer.body.error as { fields: { field: string }[] }).fields.map((f) => f.field);
      expect([type.id, named.filter((f) => f in DATE_VALUES).sort()]).toEqual([
        type.id,
        [...required, ...unused].sort(),
      ]);
    }
  });
});
