// A self-signed X.509 certificate built with node:crypto alone, because Google serves its ID-token
// keys at /oauth2/v1/certs as certificates, not bare public keys, and code that verifies ID tokens
// may parse them as certificates. Only the DER needed for a version-1 certificate is encoded.
import { createSign, type KeyObject } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));

/**
 * A non-negative DER INTEGER in its one minimal encoding: OpenSSL refuses a certificate whose
 * serial has a redundant leading zero ("illegal padding"), which a random serial has 1 time in 512.
 */
function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const minimal = bytes.length === 0 ? Buffer.from([0]) : bytes.subarray(start);
  const first = minimal[0] ?? 0;
  return tlv(0x02, first >= 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function utcTime(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-01-02T03:04:05.000Z -> 260102030405Z
  const text =
    iso.slice(2, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    iso.slice(11, 13) +
    iso.slice(14, 16) +
    iso.slice(17, 19) +
    'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function commonName(cn: string): Buffer {
  return sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));
}

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

/** PEM certificate for `publicKey`, signed by `privateKey`, valid from a day ago for `days`. */
export function selfSignedCertificate(
  publicKey: KeyObject,
  privateKey: KeyObject,
  cn: string,
  serial: Buffer,
  days = 14,
): string {
  const now = Date.now();
  const tbs = sequence(
    integer(serial),
    SHA256_WITH_RSA,
    commonName(cn),
    sequence(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + days * 86_400_000))),
    commonName(cn),
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signer = createSign('RSA-SHA256');
  signer.update(tbs);
  const signature = signer.sign(privateKey);
  const der = sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
