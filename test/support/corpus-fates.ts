// How one case of the intake corpus fell short of its fates, once its messages were delivered:
// each message's record against its fate, the acknowledgements each sender got (at once, and an
// hour later for those the hourly limit held back), and what the conference card then counts.
import type { ReportRecord } from '../../functions/src/domain/intake/report';
import { DELIVERY_TIMES, type CaseConference, type Delivered, type IntakePath } from './corpus-types';

export async function checkFates(
  path: IntakePath,
  conference: CaseConference,
  delivered: readonly Delivered[],
): Promise<string[]> {
  const problems: string[] = [];
  const records: (ReportRecord | undefined)[] = [];
  for (const { delivery } of delivered) {
    records.push(delivery.kind === 'accepted' ? await path.record(delivery.id) : undefined);
  }
  const expectedAcks = new Map<string, number>();
  const later: number[] = [];
  for (const [i, { fate, delivery }] of delivered.entries()) {
    const say = (what: string): void => {
      problems.push(`message ${i}: ${what}`);
    };
    const record = records[i];
    if (fate.fate === 'refused') {
      if (delivery.kind !== 'refused' || delivery.code < 500)
        say(`expected a 5xx refusal, got ${JSON.stringify(delivery)}`);
      continue;
    }
    if (delivery.kind === 'refused') {
      say(`refused with ${delivery.code}, expected ${fate.fate}`);
      continue;
    }
    if (record === undefined) {
      say('has no record');
      continue;
    }
    const state = record.state === 'redelivered' ? 'redelivery' : record.state;
    if (state !== fate.fate) {
      say(
        `is ${record.state} (${record.holdReasons.map((r) => r.code).join(', ') || record.automatic?.rule || ''}), expected ${fate.fate}`,
      );
      continue;
    }
    if (fate.fate !== 'filed' && record.acknowledgement.state !== 'none')
      say(`is ${state} yet its acknowledgement is ${record.acknowledgement.state}`);
    switch (fate.fate) {
      case 'filed': {
        const person = conference.people[fate.invitee];
        const kind = fate.as === 'report' ? 'report' : 'family-views';
        if (record.contribution?.kind !== kind)
          say(`filed as ${record.contribution?.kind ?? 'nothing'}, expected ${kind}`);
        if (record.sender?.address !== person) say(`filed from another sender than ${fate.invitee}`);
        if (record.contribution?.timing !== fate.timing)
          say(`timing ${record.contribution?.timing ?? 'none'}, expected ${fate.timing}`);
        const ack = record.acknowledgement;
        if (fate.acknowledged === true) {
          if (ack.state !== 'sent') say(`acknowledgement ${ack.state}, expected sent`);
          expectedAcks.set(person, (expectedAcks.get(person) ?? 0) + 1);
        } else if (fate.acknowledged === false) {
          if (ack.state !== 'none') say(`acknowledgement ${ack.state}, expected none`);
        } else {
          if (ack.state !== 'pending') say(`acknowledgement ${ack.state}, expected pending until its hour`);
          later.push(i);
        }
        break;
      }
      case 'held': {
        const codes = [...new Set(record.holdReasons.map((r) => r.code))].sort();
        const expected = [...new Set(fate.reasons)].sort();
        if (codes.join() !== expected.join())
          say(`held for ${codes.join(', ')}, expected ${expected.join(', ')}`);
        break;
      }
      case 'automatic': {
        if (record.automatic?.rule !== fate.rule)
          say(`automatic by ${record.automatic?.rule ?? 'nothing'}, expected ${fate.rule}`);
        if (fate.bounce !== undefined) {
          const failed = conference.people[fate.bounce.invitee];
          if (!(record.automatic?.undelivered ?? []).some((u) => u.address === failed))
            say(`does not say ${fate.bounce.invitee}'s address failed`);
          if (record.reference !== conference.reference)
            say('is not recorded against the conference it bounced from');
        }
        if (fate.rsvp !== undefined) {
          const answer = record.automatic?.answer;
          const guest = conference.people[fate.rsvp.invitee];
          if (
            answer?.attendee !== guest ||
            answer.answer !== fate.rsvp.answer ||
            answer.counted !== 'recorded'
          ) {
            say(
              `answer ${JSON.stringify(answer)}, expected ${fate.rsvp.invitee} ${fate.rsvp.answer} recorded`,
            );
          }
          const counted = (await path.replies(conference.reference)).get(guest);
          if (counted !== fate.rsvp.answer)
            say(
              `quorum counts ${fate.rsvp.invitee} as ${counted ?? 'nothing'}, expected ${fate.rsvp.answer}`,
            );
        }
        break;
      }
      case 'redelivery': {
        const first = delivered.findIndex((d) => d.messageId === delivered[i]?.messageId);
        const firstDelivery = delivered[first]?.delivery;
        const firstId = firstDelivery?.kind === 'accepted' ? firstDelivery.id : undefined;
        if (record.redeliveryOf !== firstId)
          say(`is a redelivery of ${record.redeliveryOf ?? 'nothing'}, expected of message ${first}`);
        break;
      }
    }
  }
  // Reports count only when filed: nothing automatic, held or delivered twice makes a row received.
  const filedFrom = new Set(
    delivered.flatMap((d, i) =>
      d.fate.fate === 'filed' && d.fate.as === 'report' && records[i] !== undefined
        ? [conference.people[d.fate.invitee]]
        : [],
    ),
  );
  const { received } = await path.received(conference.reference);
  const unexpected = received.filter((address) => !filedFrom.has(address));
  if (unexpected.length > 0)
    problems.push(`the card counts reports nobody filed a report for (${unexpected.length})`);
  const missing = [...filedFrom].filter((address) => !received.includes(address));
  if (missing.length > 0) problems.push(`the card misses ${missing.length} filed report(s)`);
  // Acknowledgements: one per filed report sent at once, one more per sender with any later.
  await checkAcknowledgements(path, records, expectedAcks, problems, 'at once');
  if (later.length > 0) {
    const last = delivered[delivered.length - 1]?.at ?? DELIVERY_TIMES['on-time'];
    await path.reconcileAt(last.add({ minutes: 61 }));
    const senders = new Set<string>();
    for (const i of later) {
      const record = records[i] === undefined ? undefined : await path.record(records[i].messageId);
      if (record?.acknowledgement.state !== 'sent')
        problems.push(
          `message ${i}: acknowledgement ${record?.acknowledgement.state ?? 'gone'} an hour later, expected sent`,
        );
      if (record?.sender !== null && record?.sender !== undefined) senders.add(record.sender.address);
    }
    for (const sender of senders) expectedAcks.set(sender, (expectedAcks.get(sender) ?? 0) + 1);
    await checkAcknowledgements(path, records, expectedAcks, problems, 'an hour later');
  }
  return problems;
}

async function checkAcknowledgements(
  path: IntakePath,
  records: readonly (ReportRecord | undefined)[],
  expected: ReadonlyMap<string, number>,
  problems: string[],
  when: string,
): Promise<void> {
  const senders = new Set<string>(expected.keys());
  for (const record of records)
    if (record?.sender !== null && record?.sender !== undefined) senders.add(record.sender.address);
  for (const sender of senders) {
    const sent = await path.acknowledgementsTo(sender);
    const want = expected.get(sender) ?? 0;
    if (sent !== want) problems.push(`${sent} acknowledgement(s) to a sender ${when}, expected ${want}`);
  }
}

/**
 * The senders of the reports a conference card counts as received: each received row's filed
 * emails, read back from the store.
 */
export async function receivedSenders(
  card: Record<string, unknown>,
  record: (id: string) => Promise<ReportRecord | undefined>,
): Promise<{ rows: number; received: string[] }> {
  const reports = card.reports as { owed?: Row[]; agencies?: Row[] } | undefined;
  const rows = reports?.owed ?? reports?.agencies ?? [];
  const received: string[] = [];
  for (const row of rows.filter((r) => r.status === 'received')) {
    for (const id of row.messageIds) {
      const sender = (await record(id))?.sender?.address;
      if (sender !== undefined) received.push(sender);
    }
  }
  return { rows: rows.length, received: [...new Set(received)] };
}

interface Row {
  readonly status: string;
  readonly messageIds: readonly string[];
}
