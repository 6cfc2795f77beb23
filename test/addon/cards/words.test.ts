// The council's wall-clock time is read off the service's ISO strings, and date pickers carry
// those digits as UTC, so what the coordinator picks is what the service gets.
import { longDate, shortDate, wallClock, wallClockMs } from '../../../addon/src/cards/words';

describe('dates in words', () => {
  it.each([
    ['2026-12-07T10:30:00+00:00', 'Monday 7 December 2026, 10:30', 'Mon 7 Dec, 10:30'],
    ['2027-03-28T09:00:00+01:00', 'Sunday 28 March 2027, 09:00', 'Sun 28 Mar, 09:00'],
    ['2028-02-29', 'Tuesday 29 February 2028', 'Tue 29 Feb'],
  ])('%s', (iso, long, short) => {
    expect(longDate(iso)).toBe(long);
    expect(shortDate(iso)).toBe(short);
  });
});

describe('pickers', () => {
  it.each(['2026-12-07T10:30', '2027-03-28T01:30', '2026-10-25T01:30'])(
    'give back the wall-clock time they were set to, clock changes or not: %s',
    (local) => {
      expect(wallClock(Number(wallClockMs(local)), true)).toBe(local);
    },
  );
});
