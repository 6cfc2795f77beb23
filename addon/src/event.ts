// The event object Google passes to every trigger and action of a Workspace add-on (only the
// parts the add-on reads). Form values arrive as strings or date-time pickers' milliseconds.

export interface StringInputs {
  readonly stringInputs?: { readonly value: readonly string[] };
  readonly dateTimeInput?: {
    readonly msSinceEpoch: number;
    readonly hasDate: boolean;
    readonly hasTime: boolean;
  };
  readonly dateInput?: { readonly msSinceEpoch: number };
  readonly timeInput?: { readonly hours: number; readonly minutes: number };
}

export interface AddonEvent {
  readonly commonEventObject?: {
    readonly hostApp?: string;
    readonly platform?: string;
    readonly userLocale?: string;
    readonly timeZone?: { readonly id: string; readonly offset: number };
    readonly formInputs?: Readonly<Record<string, StringInputs>>;
    readonly parameters?: Readonly<Record<string, string>>;
  };
  /** Calendar eventOpenTrigger: the open event (needs calendar.addons.current.event.read). */
  readonly calendar?: {
    readonly id?: string;
    readonly calendarId?: string;
    readonly organizer?: { readonly email: string };
    readonly recurringEventId?: string;
  };
  /** Gmail contextual trigger: the open message. */
  readonly gmail?: { readonly messageId?: string; readonly threadId?: string; readonly accessToken?: string };
}
