// Which events a conference needs, who is on each, and their ids.
import {
  currentEventId,
  eventIdFor,
  plannedEvents,
} from '../../../functions/src/domain/conference/calendar-plan';
import type { Conference } from '../../../functions/src/domain/conference/conference';
import { CHAIR, draftConference, hackneyBooking, separatedParentsBooking } from '../../support/bookings';

const conference = (input: Record<string, unknown>): Conference => ({
  ...draftConference(input),
  reference: 'CPC-7F3K',
});
const summary = (c: Conference) =>
  plannedEvents(c).map((e) => [
    e.key,
    e.start.toPlainTime().toString(),
    e.end.toPlainTime().toString(),
    e.title,
  ]);

describe('the events of a conference', () => {
  test('Hackney: a family event from 10:00 and a professionals event from 10:30, titled by reference and audience only', () => {
    expect(summary(conference(hackneyBooking()))).toEqual([
      ['family-1', '10:00:00', '12:30:00', 'Conference CPC-7F3K (family)'],
      ['professionals-1', '10:30:00', '12:30:00', 'Conference CPC-7F3K (professionals)'],
    ]);
  });

  test('separated parents: each parent only on their own part, the professionals and chair on both', () => {
    const events = plannedEvents(conference(separatedParentsBooking()));
    expect(events.map((e) => [e.key, e.title, e.guests])).toEqual([
      ['family-1', 'Conference CPC-7F3K (family, part 1)', [CHAIR, 'parent.one@example.com']],
      [
        'professionals-1',
        'Conference CPC-7F3K (professionals, part 1)',
        expect.arrayContaining([CHAIR, 'dsl@school.example.org']) as unknown,
      ],
      ['family-2', 'Conference CPC-7F3K (family, part 2)', [CHAIR, 'parent.two@example.com']],
      [
        'professionals-2',
        'Conference CPC-7F3K (professionals, part 2)',
        expect.arrayContaining([CHAIR, 'dsl@school.example.org']) as unknown,
      ],
    ]);
  });

  test('no family address on a professionals event, and no professional on a family event', () => {
    const events = plannedEvents(conference(separatedParentsBooking()));
    const family = events.filter((e) => e.audience === 'family').flatMap((e) => e.guests);
    const professionals = events.filter((e) => e.audience === 'professionals').flatMap((e) => e.guests);
    expect(professionals.some((g) => g.endsWith('@example.com'))).toBe(false);
    expect(family.filter((g) => g !== CHAIR).every((g) => g.endsWith('@example.com'))).toBe(true);
  });

  test('a family member without email still leaves the chair their family-time event', () => {
    const events = plannedEvents(conference(hackneyBooking({ family: [{ relationship: 'grandmother' }] })));
    expect(events[0]?.guests).toEqual([CHAIR]);
  });
});

describe('event ids', () => {
  test('are base32hex, derived from the conference id, one per audience, part and generation', () => {
    const id = '0123456789abcdefghij';
    expect(eventIdFor(id, 'family-1', 0)).toBe('0123456789abcdefghijf10');
    expect(eventIdFor(id, 'professionals-2', 1)).toBe('0123456789abcdefghijp21');
    for (const eventId of [eventIdFor(id, 'family-4', 40), eventIdFor(id, 'professionals-1', 31)]) {
      expect(eventId).toMatch(/^[a-v0-9]{5,1024}$/);
    }
  });

  test('move to the next generation once an event has been withdrawn, because Calendar keeps deleted ids', () => {
    const id = '0123456789abcdefghij';
    expect(currentEventId(id, [], 'family-1')).toBe(`${id}f10`);
    expect(currentEventId(id, [{ key: 'family-1', eventId: `${id}f10`, state: 'deleted' }], 'family-1')).toBe(
      `${id}f11`,
    );
    expect(currentEventId(id, [{ key: 'family-1', eventId: `${id}f10`, state: 'created' }], 'family-1')).toBe(
      `${id}f10`,
    );
  });
});
