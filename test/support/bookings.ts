// Booking requests as the add-on sends them, and conferences made from them, for tests. The
// family's addresses are example.com: nothing here is a real person.
import { randomBytes, randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { Conference } from '../../functions/src/domain/conference/conference';
import { validateBooking } from '../../functions/src/domain/conference/validate-booking';
import { loadPreset, type PresetId } from '../../functions/src/domain/policy/presets';

export const DOMAIN = 'hackney.gov.uk';
export const UNIT_MAILBOX = `cp-conferences@${DOMAIN}`;
export const CHAIR = `chair.one@${DOMAIN}`;
export const COORDINATOR = `coordinator@${DOMAIN}`;
/** Monday 23 November 2026, 09:00 GMT: "now" for bookings in tests. */
export const NOW = Temporal.Instant.from('2026-11-23T09:00:00Z');

/** A Hackney initial conference on Monday 7 December 2026: family 10:00, professionals 10:30. */
export function hackneyBooking(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: `form-${randomUUID()}`,
    type: 'initial',
    start: '2026-12-07T10:30',
    strategyDiscussion: '2026-11-23',
    venue: 'Hackney Service Centre, Room 2',
    chair: { email: CHAIR },
    socialWorker: { email: `social.worker@${DOMAIN}`, name: 'Social Worker' },
    professionals: [
      { email: 'dc.one@police.example.org', agency: 'police' },
      { email: 'health.visitor@nhs.example.org', agency: 'health' },
      { email: 'dsl@school.example.org', agency: 'school' },
    ],
    family: [{ email: 'parent.one@example.com', relationship: 'mother' }],
    children: [{ caseReference: 'LCS-104233' }],
    ...overrides,
  };
}

/** The same conference with parents attending separately: two parts, one parent in each. */
export function separatedParentsBooking(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return hackneyBooking({
    parts: [{ durationMinutes: 60 }, { durationMinutes: 60 }],
    family: [
      { email: 'parent.one@example.com', relationship: 'mother', part: 1 },
      { email: 'parent.two@example.com', relationship: 'father', part: 2 },
    ],
    ...overrides,
  });
}

export function conferenceId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  return [...randomBytes(20)].map((b) => alphabet.charAt(b % 32)).join('');
}

/** A conference in 'booking' as bookConference stores it before any Google call. */
export function draftConference(
  input: Record<string, unknown> = hackneyBooking(),
  policy: PresetId = 'hackney',
): Omit<Conference, 'reference'> {
  const { plan } = validateBooking(input, { policy: loadPreset(policy), workspaceDomain: DOMAIN, now: NOW });
  return {
    id: conferenceId(),
    status: 'booking',
    ...plan,
    calendarOwner: UNIT_MAILBOX,
    meet: null,
    events: [],
    emailedAnswers: [],
    history: [{ status: 'booking', at: NOW, by: COORDINATOR, reason: null }],
    revision: 0,
    createdBy: COORDINATOR,
    createdAt: NOW,
    updatedAt: NOW,
  };
}
