// Identifiers from the operating system's cryptographic random source: conference ids nobody
// can guess (they appear in calendar event ids) and short references for people.
import { randomInt } from 'node:crypto';
import { REFERENCE_ALPHABET } from '../../domain/conference/conference';
import type { Clock, IdSource } from '../../ports';
import { Temporal } from 'temporal-polyfill';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

function draw(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

export const randomIds: IdSource = {
  conferenceId: () => draw(BASE32HEX, 20),
  reference: () => `CPC-${draw(REFERENCE_ALPHABET, 4)}`,
};

export const systemClock: Clock = { now: () => Temporal.Now.instant() };
