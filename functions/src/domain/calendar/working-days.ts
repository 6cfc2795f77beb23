// Working days for each UK nation: weekdays that are not that nation's bank holidays.
// Bank holidays (with substitute days and one-off days such as a coronation) come from the
// maintained date-holidays data, never a hand-written list, so a new proclamation arrives
// with a dependency update instead of a code change.
import Holidays from 'date-holidays';
import { Temporal } from 'temporal-polyfill';

export const NATIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof NATIONS)[number];

// date-holidays keys the UK by ISO 3166-2 subdivision. England and Wales share one list
// (as on GOV.UK), so England's stands for both.
const REGION: Record<Nation, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

// The data is reliable for recent and coming years; outside this range a date is far more
// likely to be a typing mistake than a real conference, so it is refused rather than guessed.
export const FIRST_SUPPORTED_YEAR = 1990;
export const LAST_SUPPORTED_YEAR = 2099;

export class UnsupportedDateError extends RangeError {
  constructor(readonly date: Temporal.PlainDate) {
    super(
      `${date.toString()} is outside the years ${FIRST_SUPPORTED_YEAR}-${LAST_SUPPORTED_YEAR} that working days are known for`,
    );
    this.name = 'UnsupportedDateError';
  }
}

export interface WorkingCalendar {
  readonly nation: Nation;
  /** The bank holiday's name on that date, if it is one (weekends are not named). */
  holidayOn(date: Temporal.PlainDate): string | undefined;
  isWorkingDay(date: Temporal.PlainDate): boolean;
  /** The date `n` working days after `date` (before, when `n` < 0); `date` itself is never counted. */
  addWorkingDays(date: Temporal.PlainDate, n: number): Temporal.PlainDate;
  /** `date` if it is a working day, else the last working day before it. */
  workingDayOnOrBefore(date: Temporal.PlainDate): Temporal.PlainDate;
  /** `date` if it is a working day, else the first working day after it. */
  workingDayOnOrAfter(date: Temporal.PlainDate): Temporal.PlainDate;
}

const SATURDAY = 6;
const SUNDAY = 7;

class DateHolidaysCalendar implements WorkingCalendar {
  private readonly byYear = new Map<number, ReadonlyMap<string, string>>();
  private readonly source: Holidays;

  constructor(readonly nation: Nation) {
    this.source = new Holidays('GB', REGION[nation]);
  }

  holidayOn(date: Temporal.PlainDate): string | undefined {
    return this.holidaysOf(date).get(date.toString());
  }

  isWorkingDay(date: Temporal.PlainDate): boolean {
    return date.dayOfWeek !== SATURDAY && date.dayOfWeek !== SUNDAY && this.holidayOn(date) === undefined;
  }

  addWorkingDays(date: Temporal.PlainDate, n: number): Temporal.PlainDate {
    if (!Number.isSafeInteger(n))
      throw new RangeError(`working days to add must be a whole number, not ${n}`);
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let current = date;
    while (left > 0) {
      current = current.add({ days: step });
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }

  workingDayOnOrBefore(date: Temporal.PlainDate): Temporal.PlainDate {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, -1);
  }

  workingDayOnOrAfter(date: Temporal.PlainDate): Temporal.PlainDate {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1);
  }

  private holidaysOf(date: Temporal.PlainDate): ReadonlyMap<string, string> {
    const year = date.year;
    if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) throw new UnsupportedDateError(date);
    let holidays = this.byYear.get(year);
    if (holidays === undefined) {
      const map = new Map<string, string>();
      for (const h of this.source.getHolidays(year)) {
        // Only days off work count: 'observance' entries (Mother's Day, Easter Sunday) do not.
        if (h.type !== 'public' && h.type !== 'bank') continue;
        // h.date is the local date and time, "YYYY-MM-DD 00:00:00".
        const day = h.date.slice(0, 10);
        if (!map.has(day)) map.set(day, h.name);
      }
      holidays = map;
      this.byYear.set(year, holidays);
    }
    return holidays;
  }
}

const calendars = new Map<Nation, WorkingCalendar>();

/** The working-day calendar of a nation; one shared instance each, since the data never changes at run time. */
export function workingCalendar(nation: Nation): WorkingCalendar {
  let calendar = calendars.get(nation);
  if (calendar === undefined) {
    calendar = new DateHolidaysCalendar(nation);
    calendars.set(nation, calendar);
  }
  return calendar;
}
