// Reads what the user entered from an event's formInputs. Date pickers are shown in UTC
// (timezoneOffsetDate 0) holding the council's wall-clock digits, so what comes back is the
// council's local time whatever the user's own time zone is.
import type { AddonEvent } from './event';
import { wallClock } from './cards/words';

export interface FormValues {
  /** The trimmed text of a field; '' when empty or absent. */
  text(name: string): string;
  /** Every selected value of a multi-select (check boxes). */
  all(name: string): string[];
  /** A date-time picker's value as YYYY-MM-DDTHH:mm; '' when not set. */
  dateTime(name: string): string;
  /** A date picker's value as YYYY-MM-DD; '' when not set. */
  date(name: string): string;
  /** Whether a check box or switch named `name` has `value` selected. */
  checked(name: string, value?: string): boolean;
  parameter(name: string): string;
}

export function formValues(e: AddonEvent): FormValues {
  const inputs = e.commonEventObject?.formInputs ?? {};
  const parameters = e.commonEventObject?.parameters ?? {};
  const strings = (name: string): readonly string[] => inputs[name]?.stringInputs?.value ?? [];
  return {
    text: (name) => (strings(name)[0] ?? '').trim(),
    all: (name) => [...strings(name)],
    dateTime: (name) => {
      const input = inputs[name]?.dateTimeInput;
      return input === undefined || !input.hasDate ? '' : wallClock(input.msSinceEpoch, true);
    },
    date: (name) => {
      const ms = inputs[name]?.dateInput?.msSinceEpoch ?? inputs[name]?.dateTimeInput?.msSinceEpoch;
      return ms === undefined ? '' : wallClock(ms, false);
    },
    checked: (name, value = 'yes') => strings(name).includes(value),
    parameter: (name) => parameters[name] ?? '',
  };
}
