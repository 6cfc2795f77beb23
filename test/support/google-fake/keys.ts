// RSA signing keys generated at start-up: one for the service account (what signJwt signs with and
// the token endpoint trusts) and one standing in for Google's ID-token key.
import { generateKeyPair, type KeyObject, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

export interface SigningKey {
  /** Google key ids are 40 hex characters. */
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const generate = promisify(generateKeyPair);

export async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generate('rsa', { modulusLength: 2048 });
  return { keyId: randomBytes(20).toString('hex'), privateKey, publicKey };
}
