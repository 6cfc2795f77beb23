// `conference-desk workdays`: the date N working days after (or before) a date, for a nation.
import { NATIONS, workingCalendar } from '../../domain/calendar/working-days';
import { parseLocalDate } from '../../domain/time/local-time';
import { parseFlags } from '../flags';
import { FlagReader } from '../read-flags';
import { UsageError } from '../usage-error';

export const WORKDAYS_HELP = `Usage: conference-desk workdays --from YYYY-MM-DD --add N [--nation NATION]

Prints the date N working days after --from (before it when N is negative). --from itself is
never counted. Working days skip weekends and the nation's bank holidays.
  --nation  ${NATIONS.join(' | ')} (default england-and-wales)`;

// Ten years of working days either way is far beyond any conference rule; more is a typing slip.
const MAX_DAYS = 2600;

export function workdays(argv: readonly string[]): string {
  const read = new FlagReader(
    parseFlags(argv, { nation: 'string', from: 'string', add: 'string' }, 'workdays'),
  );
  const nation = read.oneOf('nation', NATIONS, 'england-and-wales');
  const from = read.parsed('from', parseLocalDate, { required: true });
  const add = read.integer('add', -MAX_DAYS, MAX_DAYS, { required: true });
  if (read.problems.length > 0 || nation === undefined || from === undefined || add === undefined) {
    throw new UsageError(read.problems);
  }
  try {
    return workingCalendar(nation).addWorkingDays(from, add).toString();
  } catch (error) {
    // Dates beyond the years the holiday data covers.
    if (error instanceof RangeError) throw new UsageError([{ field: '--from', message: error.message }]);
    throw error;
  }
}
