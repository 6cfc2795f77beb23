// Report emails for intake tests, from the fixtures in test/fixtures/mail (as Outlook, Gmail and
// Apple Mail write them). The fixtures name a placeholder conference (CPC-7F3K) and placeholder
// senders; a test points them at the conference it booked and at an invited sender, rewriting
// the sender's domain in the Authentication-Results too, so the verdicts speak for the new sender.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MAIL_FIXTURES = join(__dirname, '..', 'fixtures', 'mail');
export const CORPUS = join(__dirname, '..', 'fixtures', 'mime-corpus');

export interface Retarget {
  /** The booked conference's reference, replacing CPC-7F3K (and cpc-7f3k in plus addresses). */
  readonly reference?: string;
  /** The invited address the email should come from. */
  readonly from?: string;
  /**
   * A Message-ID of its own (without angle brackets): another email made from the same fixture.
   * Without it the fixture's is kept, and a second delivery is the same email delivered twice.
   */
  readonly messageId?: string;
  /** Other literal replacements, applied last. */
  readonly replace?: readonly (readonly [string | RegExp, string])[];
}

function senderOf(raw: string): string {
  const from = /^From:[^\r\n]*?<?([\w.+-]+@[\w.-]+)>?\s*$/im.exec(raw);
  if (from?.[1] === undefined) throw new Error('fixture has no From address');
  return from[1];
}

export function reportMail(fixture: string, target: Retarget = {}): string {
  let raw = readFileSync(join(MAIL_FIXTURES, fixture), 'latin1');
  if (target.reference !== undefined) {
    raw = raw.replaceAll('CPC-7F3K', target.reference).replaceAll('cpc-7f3k', target.reference.toLowerCase());
  }
  if (target.from !== undefined) {
    const sender = senderOf(raw);
    const oldDomain = sender.slice(sender.indexOf('@') + 1);
    const newDomain = target.from.slice(target.from.indexOf('@') + 1);
    raw = raw.replaceAll(sender, target.from);
    // The sender's domain wherever the verdicts and signatures name it (not inside other domains).
    raw = raw.replace(
      new RegExp(`(?<![\\w.-])${oldDomain.replaceAll('.', '\\.')}(?![\\w-])`, 'g'),
      newDomain,
    );
  }
  if (target.messageId !== undefined) {
    raw = raw.replace(/^Message-ID:[ \t]*<[^>\r\n]*>/im, `Message-ID: <${target.messageId}>`);
  }
  for (const [from, to] of target.replace ?? []) {
    raw = typeof from === 'string' ? raw.replaceAll(from, to) : raw.replace(from, to);
  }
  return raw;
}
