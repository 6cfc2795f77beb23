// Identifiers shaped like Google's, so code that checks their shape sees realistic values.
import { randomBytes, randomInt } from 'node:crypto';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)] ?? '';
  return out;
}

/** Calendar generates 26-character base32hex event ids. */
export function newEventId(): string {
  return pick(BASE32HEX, 26);
}

/** Meet space ids are 12 case-sensitive alphanumerics, e.g. jQCFfuBOdN5z. */
export function newSpaceId(): string {
  return pick(ALPHANUMERIC, 12);
}

/** Meet codes look like abc-mnop-xyz. */
export function newMeetingCode(): string {
  return `${pick(LOWER, 3)}-${pick(LOWER, 4)}-${pick(LOWER, 3)}`;
}

let etagCounter = 0;

/** Calendar etags are quoted decimal numbers that change on every write. */
export function newEtag(): string {
  etagCounter += 1;
  return `"${Date.now() * 1000 + (etagCounter % 1000)}"`;
}

export function randomToken(): string {
  return randomBytes(18).toString('base64url');
}

let lastGmailId = 0n;

/**
 * Gmail message ids are 16 lowercase hex digits whose high bits are the arrival time in ms (the
 * low 20 bits vary), so later messages have larger ids. Thread ids are the id of the thread's first
 * message.
 */
export function newGmailId(now = Date.now()): string {
  const candidate = (BigInt(now) << 20n) | BigInt(randomInt(0, 1 << 20));
  lastGmailId = candidate > lastGmailId ? candidate : lastGmailId + 1n;
  return lastGmailId.toString(16).padStart(16, '0');
}

/**
 * Gmail draft ids are `r` and a signed 64-bit decimal, e.g. r-5369394283914578520 or
 * r5180424523434178953; unlike message ids they say nothing about time.
 */
export function newDraftId(): string {
  return `r${randomBytes(8).readBigInt64BE()}`;
}
