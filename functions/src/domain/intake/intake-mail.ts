// What the service's own emails about intake say: the acknowledgement to a sender, and the
// warning to coordinators when automatic filing is about to stop. Views hold only what the
// templates show: the reference, times and the inbox, never a child's or family's details.
import type { Temporal } from 'temporal-polyfill';
import type { ReportRecord } from './report';

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface AcknowledgementView {
  readonly reference: string;
  /** Every email acknowledged is the family's views (not a professional's report). */
  readonly familyViews: boolean;
  /** When the first of them arrived. */
  readonly receivedAt: string;
  readonly due: string;
  /** Any of them arrived after its deadline. */
  readonly late: boolean;
  readonly inbox: string;
  readonly council: string;
  /** More than one email is acknowledged together (a sender is acknowledged at most hourly). */
  readonly several: boolean;
  readonly count: number;
  /** Each email, in the order they arrived. */
  readonly items: readonly {
    readonly receivedAt: string;
    readonly late: boolean;
    readonly familyViews: boolean;
  }[];
}

export interface WatchLapseView {
  readonly inbox: string;
  /** When automatic filing stops, or null when it already has (or was never started). */
  readonly lapsesAt: string | null;
  readonly council: string;
}

export interface IntakeMessages {
  acknowledgement(view: AcknowledgementView): RenderedMail;
  watchLapse(view: WatchLapseView): RenderedMail;
}

/**
 * A Message-ID of the service's own (e.g. <ack-18c2f…@hackney.gov.uk>), fixed by what it is for,
 * so a send whose answer was lost can be found in Sent instead of repeated.
 */
export function ownMessageId(kind: string, key: string, inbox: string): string {
  return `<${kind}-${key}@${inbox.slice(inbox.lastIndexOf('@') + 1)}>`;
}

/** "Monday 7 December 2026 at 10:30" in the council's zone. */
export function spokenTime(instant: Temporal.Instant, zone: string): string {
  const zoned = instant.toZonedDateTimeISO(zone);
  const date = zoned
    .toPlainDate()
    .toLocaleString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = zoned.toPlainTime().toString({ smallestUnit: 'minute' });
  return `${date} at ${time}`;
}

/** The acknowledgement of one or several filed emails from one sender to one conference, oldest first. */
export function acknowledgementView(
  reports: readonly ReportRecord[],
  settings: { readonly zone: string; readonly inbox: string; readonly council: string },
): AcknowledgementView | null {
  const items = reports.flatMap((r) =>
    r.contribution === null || r.reference === null ? [] : [{ report: r, contribution: r.contribution }],
  );
  const [first] = items;
  if (first === undefined || first.report.reference === null) return null;
  return {
    reference: first.report.reference,
    familyViews: items.every((i) => i.contribution.kind === 'family-views'),
    receivedAt: spokenTime(first.report.receivedAt, settings.zone),
    due: spokenTime(first.contribution.due, settings.zone),
    late: items.some((i) => i.contribution.timing === 'late'),
    inbox: settings.inbox,
    council: settings.council,
    several: items.length > 1,
    count: items.length,
    items: items.map((i) => ({
      receivedAt: spokenTime(i.report.receivedAt, settings.zone),
      late: i.contribution.timing === 'late',
      familyViews: i.contribution.kind === 'family-views',
    })),
  };
}
