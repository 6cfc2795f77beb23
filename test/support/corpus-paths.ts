// The two ways into the service the intake corpus runs through: the Gmail path (the strict Google
// fake, with mx.google.com's trace and verdicts written as Gmail writes them, pushed to gmailPush)
// and the SMTP path (the whole local service: the embedded SMTP server, its file inbox, intake).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { mailDate } from '../../functions/src/adapters/smtp/message-stamps';
import type { OutboxDeps } from '../../functions/src/app/outbox-deps';
import type { IntakeDeps } from '../../functions/src/app/intake-deps';
import type { Conference } from '../../functions/src/domain/conference/conference';
import { hackneyBooking, NOW } from './bookings';
import type { CaseConference, Invitee, Person } from './corpus-types';

/** Each case's people have addresses of their own, so no case sees another's conferences. */
export function peopleFor(index: number, council: string): Record<Person, string> {
  const tag = `c${index}`;
  return {
    socialWorker: `social.worker.${tag}@${council}`,
    police: `dc.one.${tag}@police.example.org`,
    healthVisitor: `health.visitor.${tag}@nhs.example.org`,
    gp: `gp.${tag}@surgery.example.net`,
    school: `dsl.${tag}@school.example.org`,
    mother: `parent.one.${tag}@example.com`,
    chair: `chair.one@${council}`,
    stranger: `someone.${tag}@elsewhere.example.net`,
  };
}

export const AGENCIES: Readonly<Record<Invitee, string | null>> = {
  socialWorker: 'social-care',
  police: 'police',
  healthVisitor: 'health',
  gp: 'health',
  school: 'school',
  mother: null,
};

export function bookingFor(people: Record<Person, string>): Record<string, unknown> {
  return hackneyBooking({
    chair: { email: people.chair },
    socialWorker: { email: people.socialWorker },
    professionals: [
      { email: people.police, agency: 'police' },
      { email: people.healthVisitor, agency: 'health' },
      { email: people.gp, agency: 'health' },
      { email: people.school, agency: 'school' },
    ],
    family: [{ email: people.mother, relationship: 'mother' }],
  });
}

/** What the runner needs to know of a booked conference, read from the service's own stores. */
export async function describeBooked(
  deps: { readonly intake: IntakeDeps; readonly outbox: OutboxDeps },
  reference: string,
  people: Record<Person, string>,
  uidDomain: string,
): Promise<CaseConference> {
  const conference = await deps.intake.conferences.getByReference(reference);
  if (conference === undefined) throw new Error(`${reference} was not stored`);
  const entries = await deps.outbox.outbox.forConference(conference.id);
  const first = (address: string, kind: string): string =>
    entries.find((e) => e.kind === kind && e.recipient.address === address)?.messageIdHeader ??
    `<none-${kind}@corpus.example.net>`;
  const requestMessageIds = Object.fromEntries(
    (Object.keys(AGENCIES) as Invitee[]).map((who) => [
      who,
      first(people[who], who === 'mother' ? 'family-invitation' : 'report-request'),
    ]),
  ) as Record<Invitee, string>;
  return {
    reference,
    people,
    agencies: AGENCIES,
    eventUid: `${professionalsEvent(conference)}@${uidDomain}`,
    requestMessageIds,
  };
}

export function professionalsEvent(conference: Conference): string {
  const event = conference.events.find((e) => e.key.startsWith('professionals') && e.state === 'created');
  if (event === undefined) throw new Error(`${conference.reference} has no professionals' event`);
  return event.eventId;
}

/**
 * What Gmail's MX puts above a message it receives (observed: the order of Gmail's headers in
 * test/fixtures/mail/README.md), with the verdicts the case states; the topmost Return-Path and
 * Authentication-Results are Gmail's own, above anything the sender wrote.
 */
export function gmailTrace(
  inbox: string,
  options: {
    auth: 'pass' | 'fail' | 'none';
    envelopeFrom: string;
    from: string | null;
    at: Temporal.Instant;
  },
): string {
  const domain = options.from?.slice(options.from.lastIndexOf('@') + 1) ?? 'unknown.example';
  const mailfrom = options.envelopeFrom === '' ? `postmaster@${domain}` : options.envelopeFrom;
  const verdicts = {
    pass: `dkim=pass header.i=@${domain} header.s=s1 header.b=AbCdEfGh; spf=pass (google.com: domain of ${mailfrom} designates 192.0.2.10 as permitted sender) smtp.mailfrom=${mailfrom}; dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=${domain}`,
    none: `spf=none (google.com: ${mailfrom} does not designate permitted sender hosts) smtp.mailfrom=${mailfrom}; dmarc=none header.from=${domain}`,
    fail: `dkim=fail header.i=@${domain}; spf=fail (google.com: domain of ${mailfrom} does not designate 198.51.100.7 as permitted sender) smtp.mailfrom=${mailfrom}; dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=${domain}`,
  }[options.auth];
  const date = mailDate(options.at);
  return [
    `Delivered-To: ${inbox}`,
    `Received: by 2002:a05:6a10:corpus with SMTP id x1csp1; ${date}`,
    `Return-Path: <${options.envelopeFrom}>`,
    `Received: from mail.sender.example (mail.sender.example. [192.0.2.10]) by mx.google.com with ESMTPS id corpus; ${date}`,
    `Authentication-Results: mx.google.com;\r\n       ${verdicts}`,
    '',
  ].join('\r\n');
}

/**
 * Acknowledgements are the inbox's own auto-replies (From the inbox, Auto-Submitted:
 * auto-replied) to `address`; mail others sent to the inbox is kept in the same folder.
 */
export function isAcknowledgementTo(raw: string, address: string, inbox: string): boolean {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const to = /^To:[ \t]*(.*)$/im.exec(head)?.[1]?.toLowerCase() ?? '';
  const from = /^From:[ \t]*(.*)$/im.exec(head)?.[1]?.toLowerCase() ?? '';
  return (
    /^Auto-Submitted:[ \t]*auto-replied/im.test(head) &&
    from.includes(inbox.toLowerCase()) &&
    to.includes(address.toLowerCase())
  );
}

/** The .eml files kept for one recipient on the SMTP path. */
export function keptFor(mailDir: string, address: string): string[] {
  const folder = join(mailDir, address.toLowerCase());
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith('.eml'))
      .map((name) => readFileSync(join(folder, name), 'latin1'));
  } catch {
    return [];
  }
}

export { NOW };
