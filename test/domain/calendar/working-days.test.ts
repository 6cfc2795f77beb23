// Working days per nation, checked against the GOV.UK bank holiday lists for each date.
import { Temporal } from 'temporal-polyfill';
import {
  UnsupportedDateError,
  workingCalendar,
  type Nation,
} from '../../../functions/src/domain/calendar/working-days';

const date = (text: string): Temporal.PlainDate => Temporal.PlainDate.from(text);

function add(nation: Nation, from: string, n: number): string {
  return workingCalendar(nation).addWorkingDays(date(from), n).toString();
}

describe('adding working days in England and Wales', () => {
  test.each([
    // Christmas 2026: Christmas Day is a Friday, Boxing Day a Saturday, so Monday 28th is the substitute.
    [
      '2026-12-24',
      1,
      '2026-12-29',
      'skips Christmas Day and the Boxing Day substitute on Monday 28 December 2026',
    ],
    ['2026-12-29', -1, '2026-12-24', 'counts back over the same Christmas'],
    ['2026-12-31', 1, '2027-01-04', "skips New Year's Day 2027 (a Friday) and the weekend"],
    // Christmas 2027 falls on a weekend: both substitute days, Monday 27 and Tuesday 28.
    ['2027-12-24', 1, '2027-12-29', 'skips both substitute days of Christmas 2027'],
    // New Year 2028 is a Saturday: Monday 3 January is the substitute.
    ['2027-12-31', 1, '2028-01-04', "skips the New Year's Day substitute on Monday 3 January 2028"],
    ['2026-04-02', 1, '2026-04-07', 'skips Good Friday and Easter Monday 2026'],
    ['2027-03-25', 1, '2027-03-30', 'skips Good Friday and Easter Monday 2027'],
    ['2026-05-01', 1, '2026-05-05', 'skips the early May bank holiday 2026'],
    ['2026-05-22', 1, '2026-05-26', 'skips the spring bank holiday 2026'],
    ['2026-08-28', 1, '2026-09-01', 'skips the summer bank holiday on the last Monday of August 2026'],
    ['2023-05-05', 1, '2023-05-09', "skips the one-off bank holiday for the King's coronation"],
    ['2022-09-16', 1, '2022-09-20', "skips the one-off bank holiday for the Queen's funeral"],
    ['2026-07-10', 1, '2026-07-13', 'does not skip the Northern Ireland Boyne substitute day'],
    ['2026-11-27', 1, '2026-11-30', "does not skip Scotland's St Andrew's Day"],
  ])('%s plus %i working days is %s: %s', (from, n, expected) => {
    expect(add('england-and-wales', from, n)).toBe(expected);
  });

  test('15 working days from a strategy discussion on 14 December 2026 ends on 7 January 2027', () => {
    expect(add('england-and-wales', '2026-12-14', 15)).toBe('2027-01-07');
  });

  test('counting from a Saturday starts with the Monday', () => {
    expect(add('england-and-wales', '2026-11-21', 1)).toBe('2026-11-23');
    expect(add('england-and-wales', '2026-11-21', -1)).toBe('2026-11-20');
  });

  test('adding nothing gives the same date, working day or not', () => {
    expect(add('england-and-wales', '2026-12-26', 0)).toBe('2026-12-26');
  });
});

describe("Scotland's own bank holidays", () => {
  test.each([
    ['2026-12-31', 1, '2027-01-05', 'skips 1 January and the 2 January substitute on Monday 4 January 2027'],
    ['2027-12-31', 1, '2028-01-05', 'skips both January substitute days in 2028 (3 and 4 January)'],
    ['2026-04-02', 1, '2026-04-06', 'keeps Easter Monday as a working day'],
    ['2026-07-31', 1, '2026-08-04', 'skips the summer bank holiday on the first Monday of August 2026'],
    ['2026-08-28', 1, '2026-08-31', 'keeps the last Monday of August as a working day'],
    ['2026-11-27', 1, '2026-12-01', "skips St Andrew's Day on Monday 30 November 2026"],
    ['2025-11-28', 1, '2025-12-02', "skips the St Andrew's Day substitute on Monday 1 December 2025"],
  ])('%s plus %i working days is %s: %s', (from, n, expected) => {
    expect(add('scotland', from, n)).toBe(expected);
  });

  test("15 working days from 23 November 2026 is a day later than in England because of St Andrew's Day", () => {
    expect(add('scotland', '2026-11-23', 15)).toBe('2026-12-15');
    expect(add('england-and-wales', '2026-11-23', 15)).toBe('2026-12-14');
  });
});

describe("Northern Ireland's own bank holidays", () => {
  test.each([
    ['2026-03-16', 1, '2026-03-18', "skips St Patrick's Day on Tuesday 17 March 2026"],
    ['2026-07-10', 1, '2026-07-14', 'skips the Battle of the Boyne substitute on Monday 13 July 2026'],
    ['2025-07-11', 1, '2025-07-15', 'skips the Battle of the Boyne substitute on Monday 14 July 2025'],
    ['2026-04-02', 1, '2026-04-07', 'skips Good Friday and Easter Monday'],
  ])('%s plus %i working days is %s: %s', (from, n, expected) => {
    expect(add('northern-ireland', from, n)).toBe(expected);
  });
});

describe('naming and finding working days', () => {
  const england = workingCalendar('england-and-wales');

  test('names the bank holiday a date is, including substitute days', () => {
    expect(england.holidayOn(date('2026-12-28'))).toMatch(/substitute/i);
    expect(england.holidayOn(date('2026-12-25'))).toBe('Christmas Day');
    expect(england.holidayOn(date('2026-12-29'))).toBeUndefined();
  });

  test("does not treat observances such as Easter Sunday or Mother's Day as holidays", () => {
    expect(england.holidayOn(date('2026-04-05'))).toBeUndefined();
    expect(england.holidayOn(date('2026-03-15'))).toBeUndefined();
  });

  test('finds the last working day on or before a date', () => {
    expect(england.workingDayOnOrBefore(date('2026-12-28')).toString()).toBe('2026-12-24');
    expect(england.workingDayOnOrBefore(date('2026-12-24')).toString()).toBe('2026-12-24');
  });

  test('finds the first working day on or after a date', () => {
    expect(england.workingDayOnOrAfter(date('2026-12-25')).toString()).toBe('2026-12-29');
  });

  test('refuses dates outside the years the holiday data covers instead of guessing', () => {
    expect(() => england.isWorkingDay(date('1850-06-03'))).toThrow(UnsupportedDateError);
    expect(() => england.addWorkingDays(date('2099-12-30'), 5)).toThrow(/outside the years/);
  });

  test('refuses a fractional number of working days', () => {
    expect(() => england.addWorkingDays(date('2026-12-01'), 1.5)).toThrow(RangeError);
  });
});
