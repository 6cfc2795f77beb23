// Google Calendar with the answers guests emailed to the report inbox counted in: a guest who
// answered the invitation to that address (not the organiser's) shows as Calendar shows a reply.
// Calendar's own answer stands where it has one; an emailed answer only fills a guest Calendar
// still shows as not having replied, since Calendar cannot say which of the two came later.
import type { Rsvp } from '../../domain/quorum';
import type { CalendarGateway, EventSpec, ExistingEvent } from '../../ports';

export interface EmailedAnswers {
  forEvent(eventId: string): Promise<ReadonlyMap<string, Rsvp>>;
}

export class EmailedRepliesCalendar implements CalendarGateway {
  constructor(
    private readonly calendar: CalendarGateway,
    private readonly emailed: EmailedAnswers,
  ) {}

  insert(owner: string, spec: EventSpec): Promise<ExistingEvent> {
    return this.calendar.insert(owner, spec);
  }

  get(owner: string, eventId: string): Promise<ExistingEvent | undefined> {
    return this.calendar.get(owner, eventId);
  }

  update(owner: string, spec: EventSpec): Promise<void> {
    return this.calendar.update(owner, spec);
  }

  delete(owner: string, eventId: string): Promise<'deleted' | 'gone'> {
    return this.calendar.delete(owner, eventId);
  }

  async replies(owner: string, eventId: string): Promise<ReadonlyMap<string, Rsvp> | undefined> {
    const fromCalendar = await this.calendar.replies(owner, eventId);
    if (fromCalendar === undefined) return undefined;
    const emailed = await this.emailed.forEvent(eventId);
    if (emailed.size === 0) return fromCalendar;
    const merged = new Map(fromCalendar);
    for (const [guest, answer] of emailed) {
      // Only guests Calendar has on the event, and only where Calendar has no answer of theirs.
      if (merged.get(guest) === 'needs-action') merged.set(guest, answer);
    }
    return merged;
  }
}
