// Runs one case of the intake corpus (test/fixtures/intake-corpus) through one path into the
// service (Gmail's fake, or the embedded SMTP server) and says how it fell short of its fates:
// each message's record, the acknowledgements sent, and what the conference then counts.
import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { mailDate } from '../../functions/src/adapters/smtp/message-stamps';
import { checkFates } from './corpus-fates';
import { DELIVERY_TIMES, type CaseConference, type Delivered, type IntakePath } from './corpus-types';
import {
  corpusFiles,
  fatesFor,
  fillVariables,
  INVITEES,
  loadIntakeCorpus,
  type CorpusCase,
} from './intake-corpus';

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
  return checkFates(path, conference, delivered);
}
