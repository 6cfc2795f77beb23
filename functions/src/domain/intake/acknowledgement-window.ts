// How often one sender is acknowledged: at most once an hour per conference. A mail system that
// answers every email (an auto-responder that ignores Auto-Submitted) would otherwise loop with
// the acknowledgements for ever; and a professional who sends three files in three emails is
// better told once that all three arrived. Reports inside the hour are filed at once; only their
// acknowledgement waits, and goes as one email for all of them.
import { Temporal } from 'temporal-polyfill';
import type { ReportRecord } from './report';

export const ACKNOWLEDGEMENT_INTERVAL = Temporal.Duration.from({ hours: 1 });

type Acknowledged = Pick<ReportRecord, 'messageId' | 'sender' | 'acknowledgement'>;

/**
 * When the acknowledgement of a report from `sender`, filed at `now`, may go, given the
 * conference's other filed records. An acknowledgement sent or on its way at time t takes the
 * hour from t: the next one waits until then. One still waiting for its hour is joined, so that
 * everything inside one hour goes in one email.
 */
export function acknowledgementNotBefore(
  others: readonly Acknowledged[],
  sender: string,
  now: Temporal.Instant,
): Temporal.Instant {
  const slots = others
    .filter((r) => r.sender?.address === sender)
    .flatMap((r) => {
      const ack = r.acknowledgement;
      if (ack.state === 'sent' && ack.sentAt !== null) return [ack.sentAt];
      return ack.state === 'pending' ? [ack.notBefore] : [];
    });
  if (slots.length === 0) return now;
  const last = slots.reduce((a, b) => (Temporal.Instant.compare(a, b) >= 0 ? a : b));
  // A slot still ahead is one to join; one behind (sent, or being sent now) starts the hour.
  if (Temporal.Instant.compare(last, now) > 0) return last;
  const next = last.add(ACKNOWLEDGEMENT_INTERVAL);
  return Temporal.Instant.compare(next, now) > 0 ? next : now;
}

/**
 * The records one acknowledgement email covers when `lead` is sent at `now`: its own and every
 * other record from the same sender waiting for its hour by then and not already covered by
 * another email. Oldest first, so the email lists them in the order they arrived.
 */
export function coveredTogether<T extends Acknowledged & Pick<ReportRecord, 'receivedAt'>>(
  lead: T,
  others: readonly T[],
  now: Temporal.Instant,
): T[] {
  const sender = lead.sender?.address;
  const together = others.filter(
    (r) =>
      r.messageId !== lead.messageId &&
      sender !== undefined &&
      r.sender?.address === sender &&
      r.acknowledgement.state === 'pending' &&
      (r.acknowledgement.coveredBy === null || r.acknowledgement.coveredBy === lead.messageId) &&
      Temporal.Instant.compare(r.acknowledgement.notBefore, now) <= 0,
  );
  return [lead, ...together].sort(
    (a, b) => Temporal.Instant.compare(a.receivedAt, b.receivedAt) || (a.messageId < b.messageId ? -1 : 1),
  );
}
