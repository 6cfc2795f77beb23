// Wall-clock times in Europe/London: refused when the clocks skip them or pass them twice.
import { Temporal } from 'temporal-polyfill';
import {
  isoWithOffset,
  parseLocalDate,
  parseLocalDateTime,
  zonedOrProblem,
} from '../../../functions/src/domain/time/local-time';

const london = 'Europe/London';
const at = (text: string) => Temporal.PlainDateTime.from(text);

describe('placing a wall-clock time in Europe/London', () => {
  test('10:00 is 10:00 in GMT and in BST', () => {
    expect(isoWithOffset(zonedOrProblem(at('2026-03-27T10:00'), london) as Temporal.ZonedDateTime)).toBe(
      '2026-03-27T10:00:00+00:00',
    );
    expect(isoWithOffset(zonedOrProblem(at('2026-03-30T10:00'), london) as Temporal.ZonedDateTime)).toBe(
      '2026-03-30T10:00:00+01:00',
    );
  });

  test('a time the clocks skip in spring is refused', () => {
    expect(zonedOrProblem(at('2026-03-29T01:30'), london)).toBe(
      '2026-03-29 01:30 does not exist in Europe/London: the clocks go forward then',
    );
  });

  test('a time the clocks pass twice in autumn is refused', () => {
    expect(zonedOrProblem(at('2027-10-31T01:30'), london)).toBe(
      '2027-10-31 01:30 happens twice in Europe/London: the clocks go back then',
    );
  });
});

describe('reading typed dates and times', () => {
  test.each([
    ['2026-02-29', 'is not a real date'],
    ['2026-2-3', 'must be a date written YYYY-MM-DD'],
    ['03/02/2026', 'must be a date written YYYY-MM-DD'],
  ])('%s is refused', (text, message) => {
    expect(parseLocalDate(text)).toBe(message);
  });

  test('29 February is a date in a leap year', () => {
    expect(parseLocalDate('2028-02-29').toString()).toBe('2028-02-29');
  });

  test.each([
    ['2026-03-02T24:00', 'is not a time of day'],
    ['2026-03-02T10:60', 'is not a time of day'],
    ['2026-03-02T10:00:00', 'must be a date and time written YYYY-MM-DDTHH:mm'],
  ])('%s is refused', (text, message) => {
    expect(parseLocalDateTime(text)).toBe(message);
  });
});
