// The fake's certificates must parse for every serial it may draw at random: a certificate
// OpenSSL refuses turns every ID token the fake signs into a 401, and a test fails by chance.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { selfSignedCertificate } from './x509';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('selfSignedCertificate', () => {
  test.each([
    ['a leading zero byte', '0010203040506070', '10203040506070'],
    ['several leading zero bytes', '0000000102030405', '0102030405'],
    ['a leading zero the next byte needs', '0080203040506070', '80203040506070'],
    ['the high bit set', '8010203040506070', '8010203040506070'],
    ['no leading zero', '1010203040506070', '1010203040506070'],
    ['all zeros', '0000000000000000', '0'],
  ])('a serial with %s gives a certificate OpenSSL parses, in minimal DER', (_, serial, value) => {
    const pem = selfSignedCertificate(publicKey, privateKey, 'federated-signon', Buffer.from(serial, 'hex'));
    const certificate = new X509Certificate(pem);
    expect(certificate.serialNumber.toLowerCase()).toBe(value);
    expect(certificate.verify(publicKey)).toBe(true);
    expect(certificate.publicKey.export({ type: 'spki', format: 'der' })).toEqual(
      publicKey.export({ type: 'spki', format: 'der' }),
    );
  });
});
