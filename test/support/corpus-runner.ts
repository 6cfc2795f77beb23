// Runs one case of the intake corpus (test/fixtures/intake-corpus) through one path into the
// service (Gmail's fake, or the embedded SMTP server) and says how it fell short of its fates:
// each message's record, the acknowledgements sent, and what the conference then counts.
import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { ReportRecord } from '../../functions/src/domain/intake/report';
import { mailDate } from '../../functions/src/adapters/smtp/message-stamps';
import {
  corpusFiles,
  fatesFor,
  fillVariables,
  INVITEES,
  loadIntakeCorpus,
  type CorpusCase,
  type CorpusFate,
} from './intake-corpus';

export type Invitee = (typeof INVITEES)[number];
export type Person = Invitee | 'chair' | 'stranger';

/** A conference booked for one case, and what its variables are. */
export interface CaseConference {
  readonly reference: string;
  readonly people: Readonly<Record<Person, string>>;
  /** The agency of each invitee, as the conference was booked. */
  readonly agencies: Readonly<Record<Invitee, string | null>>;
  readonly eventUid: string;
  /** The Message-ID (with angle brackets) of what the service sent each invitee first. */
  readonly requestMessageIds: Readonly<Record<Invitee, string>>;
}

export type Delivery =
  { readonly kind: 'accepted'; readonly id: string } | { readonly kind: 'refused'; readonly code: number };

export interface DeliveryOptions {
  /** What the receiving server concludes of the sender. */
  readonly auth: 'pass' | 'fail' | 'none';
  /** The SMTP reverse-path ('' for the null one). */
  readonly envelopeFrom: string;
  /** The From address (the first, when there are several). */
  readonly from: string | null;
  readonly at: Temporal.Instant;
}

/** One way into the service, for the runner. */
export interface IntakePath {
  readonly name: 'gmail' | 'smtp';
  readonly inbox: string;
  readonly calendarOwner: string;
  /** Books a fresh conference at the suite's "now", with addresses of its own for case `index`. */
  book(index: number): Promise<CaseConference>;
  /** Delivers one message at `at` and waits until intake has taken it in. */
  deliver(raw: Buffer, options: DeliveryOptions): Promise<Delivery>;
  record(id: string): Promise<ReportRecord | undefined>;
  /** The acknowledgement emails the inbox has sent to `address`. */
  acknowledgementsTo(address: string): Promise<number>;
  /** Moves the clock to `at` and runs what the reconcile runs (follow-ups included). */
  reconcileAt(at: Temporal.Instant): Promise<void>;
  /** The conference card's report rows that are received, as sender addresses of what was filed. */
  received(reference: string): Promise<{ readonly rows: number; readonly received: readonly string[] }>;
  /** The guests counted as having accepted, declined or not answered the professionals' invitation. */
  replies(reference: string): Promise<ReadonlyMap<string, string>>;
}

/** When "on time", "late" and "after" are, for the conference every case books (7 December 2026). */
export const DELIVERY_TIMES = {
  'on-time': Temporal.Instant.from('2026-11-30T10:00:00Z'),
  late: Temporal.Instant.from('2026-12-05T10:00:00Z'),
  after: Temporal.Instant.from('2026-12-08T10:00:00Z'),
} as const;

const FILES = corpusFiles();

/** The cases that run on `path`, as rows for test.each: the case's id, the case, its index. */
export function casesOn(path: IntakePath['name']): (readonly [string, CorpusCase, number])[] {
  return loadIntakeCorpus()
    .cases.map((c, index) => [c.id, c, index] as const)
    .filter(([, c]) => fatesFor(c, path) !== null);
}

function fromAddress(raw: Buffer): string | null {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  const from = /^From:([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/im.exec(head)?.[1] ?? '';
  // The address in angle brackets when there is one: a display name can look like an address.
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? /([\w.+=-]+@[\w.-]+)/.exec(from)?.[1];
  return address?.toLowerCase() ?? null;
}

function variables(path: IntakePath, conference: CaseConference, messageId: string, at: Temporal.Instant) {
  const values: Record<string, string> = {
    ...conference.people,
    inbox: path.inbox,
    plusAddress: path.inbox.replace('@', `+${conference.reference.toLowerCase()}@`),
    reference: conference.reference,
    calendarOwner: path.calendarOwner,
    messageId,
    date: mailDate(at),
    eventUid: conference.eventUid,
  };
  for (const invitee of INVITEES) {
    values[`requestMessageId.${invitee}`] = conference.requestMessageIds[invitee];
  }
  return values;
}

interface Delivered {
  readonly fate: CorpusFate;
  readonly delivery: Delivery;
  readonly messageId: string;
  readonly at: Temporal.Instant;
}

/** Runs `c` through `path`; the ways it fell short of its fates, empty when it met them all. */
export async function runCorpusCase(path: IntakePath, c: CorpusCase, index: number): Promise<string[]> {
  const fates = fatesFor(c, path.name) ?? [];
  const conference = await path.book(index);
  const delivered: Delivered[] = [];
  let previous: { messageId: string; at: Temporal.Instant } | undefined;
  for (const [i, message] of c.messages.entries()) {
    const fresh = {
      messageId: `${c.id}.${i}.${randomUUID().slice(0, 8)}@corpus.example.net`,
      // A minute apart, so that all of a case's messages fall within one hour.
      at: DELIVERY_TIMES[message.at].add({ minutes: i }),
    };
    const { messageId, at } = message.repeat && previous !== undefined ? previous : fresh;
    previous = { messageId, at };
    const file = FILES.get(message.file);
    if (file === undefined) return [`${message.file} is not in the corpus`];
    const raw = fillVariables(file, variables(path, conference, messageId, at));
    const from = fromAddress(raw);
    const delivery = await path.deliver(raw, {
      auth: message.auth,
      envelopeFrom:
        message.envelopeFrom === undefined
          ? (from ?? '')
          : fillVariables(Buffer.from(message.envelopeFrom), conference.people).toString(),
      from,
      at,
    });
    const fate = fates[i];
    if (fate === undefined) return [`message ${i} has no fate on the ${path.name} path`];
    delivered.push({ fate, delivery, messageId, at });
  }
  return check(path, conference, delivered);
}

async function check(
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
