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
  readonly familyViews: boolean;
  readonly receivedAt: string;
  readonly due: string;
  readonly late: boolean;
  readonly inbox: string;
  readonly council: string;
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

export function acknowledgementView(
  report: ReportRecord,
  settings: { readonly zone: string; readonly inbox: string; readonly council: string },
): AcknowledgementView | null {
  const { contribution, reference } = report;
  if (contribution === null || reference === null) return null;
  return {
    reference,
    familyViews: contribution.kind === 'family-views',
    receivedAt: spokenTime(report.receivedAt, settings.zone),
    due: spokenTime(contribution.due, settings.zone),
    late: contribution.timing === 'late',
    inbox: settings.inbox,
    council: settings.council,
  };
}
