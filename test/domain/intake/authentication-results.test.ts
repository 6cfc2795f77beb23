// Reading the receiving server's Authentication-Results header, and refusing every other one.
import {
  parseAuthenticationResults,
  trustedVerdicts,
} from '../../../functions/src/domain/intake/authentication-results';

// As Gmail writes it, folding included.
const GMAIL =
  'mx.google.com;\r\n' +
  '       dkim=pass header.i=@nhs.net header.s=s1 header.b=AbC;\r\n' +
  '       spf=pass (google.com: domain of x@nhs.net designates 1.2.3.4 as permitted sender) smtp.mailfrom=x@nhs.net;\r\n' +
  '       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=nhs.net';

describe("the trusted server's verdicts", () => {
  test('reads SPF, DKIM and DMARC from a Gmail header, each with the domain it speaks for', () => {
    expect(trustedVerdicts([GMAIL], 'mx.google.com')).toEqual({
      authservId: 'mx.google.com',
      spf: { result: 'pass', domain: 'nhs.net' },
      dkim: [{ result: 'pass', domain: 'nhs.net' }],
      dmarc: { result: 'pass', domain: 'nhs.net' },
    });
  });

  test('uses only the topmost header: a forged "pass" below the real "fail" is ignored', () => {
    const real =
      'mx.google.com; spf=softfail smtp.mailfrom=bulk@example.net; dmarc=fail header.from=example.org';
    const forged =
      'mx.google.com; dkim=pass header.d=example.org; spf=pass smtp.mailfrom=a@example.org; dmarc=pass header.from=example.org';
    expect(trustedVerdicts([real, forged], 'mx.google.com')).toEqual({
      authservId: 'mx.google.com',
      spf: { result: 'softfail', domain: 'example.net' },
      dkim: [],
      dmarc: { result: 'fail', domain: 'example.org' },
    });
  });

  test("trusts nothing when the topmost header is another server's, even if a lower one names the trusted server", () => {
    const senders = 'mail.example.org; dmarc=pass header.from=example.org';
    const forged = 'mx.google.com; dmarc=pass header.from=example.org';
    expect(trustedVerdicts([senders, forged], 'mx.google.com')).toBeNull();
  });

  test('trusts nothing when there is no header', () => {
    expect(trustedVerdicts([], 'mx.google.com')).toBeNull();
  });

  test('matches the authserv-id without regard to case', () => {
    expect(
      trustedVerdicts(['MX.Google.COM; dmarc=pass header.from=Example.ORG'], 'mx.google.com')?.dmarc,
    ).toEqual({
      result: 'pass',
      domain: 'example.org',
    });
  });

  test('refuses a header with no authserv-id, as Microsoft 365 writes them', () => {
    const microsoft =
      'spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.org; dkim=pass (signature was verified) header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100';
    expect(trustedVerdicts([microsoft], 'mx.google.com')).toBeNull();
  });
});

describe('reading one Authentication-Results value', () => {
  test('"none" as the whole result gives no verdicts', () => {
    expect(parseAuthenticationResults('mx.google.com; none')).toEqual({
      authservId: 'mx.google.com',
      spf: null,
      dkim: [],
      dmarc: null,
    });
  });

  test('keeps every DKIM signature, taking the domain from header.d or else from header.i', () => {
    const value =
      'mx.google.com; dkim=pass header.i=@mail.example.org header.s=a header.b=Zm9v; dkim=fail header.d=Example.NET header.i=someone@other.example header.b=YmFy+/==; dkim=neutral (no key) header.b=QUJD';
    expect(parseAuthenticationResults(value)?.dkim).toEqual([
      { result: 'pass', domain: 'mail.example.org' },
      { result: 'fail', domain: 'example.net' },
      { result: 'neutral', domain: null },
    ]);
  });

  test('skips comments, even nested ones holding ";" and "=", and unfolds tabs and line breaks', () => {
    const value =
      'mx.example.com (the (inner; spf=fail) server);\r\n\tspf=pass (ok; dmarc=fail\\)) smtp.mailfrom=Someone@Example.org;\r\n\t dmarc=pass header.from=example.org';
    expect(parseAuthenticationResults(value)).toEqual({
      authservId: 'mx.example.com',
      spf: { result: 'pass', domain: 'example.org' },
      dkim: [],
      dmarc: { result: 'pass', domain: 'example.org' },
    });
  });

  test('reads quoted strings as values, not as separators', () => {
    const value =
      '"mx.example.com" 1; spf=pass reason="all ok; really (yes)" smtp.mailfrom="first last"@example.org; dmarc=pass header.from=example.org';
    expect(parseAuthenticationResults(value)).toMatchObject({
      authservId: 'mx.example.com',
      spf: { result: 'pass', domain: 'example.org' },
      dmarc: { result: 'pass', domain: 'example.org' },
    });
  });

  test('lower-cases methods and results, allows spaces around "=", and reads a method version', () => {
    expect(
      parseAuthenticationResults('mx.example.com; DKIM/1 = Pass header.d=Example.org; SPF=NONE'),
    ).toEqual({
      authservId: 'mx.example.com',
      spf: { result: 'none', domain: null },
      dkim: [{ result: 'pass', domain: 'example.org' }],
      dmarc: null,
    });
  });

  test('takes a bare domain in smtp.mailfrom as the domain', () => {
    expect(
      parseAuthenticationResults('mx.example.com; spf=pass smtp.mailfrom=bounces.example.org')?.spf,
    ).toEqual({
      result: 'pass',
      domain: 'bounces.example.org',
    });
  });

  test('ignores methods it does not know: iprev, auth, arc, bimi, compauth', () => {
    const value =
      'mx.example.com; iprev=pass policy.iprev=192.0.2.1; auth=pass smtp.auth=someone; arc=pass (i=1); bimi=skipped; compauth=pass reason=100; dmarc=pass header.from=example.org';
    expect(parseAuthenticationResults(value)).toEqual({
      authservId: 'mx.example.com',
      spf: null,
      dkim: [],
      dmarc: { result: 'pass', domain: 'example.org' },
    });
  });

  test('keeps the first SPF and DMARC result when a server writes two', () => {
    const value =
      'mx.example.com; spf=fail smtp.mailfrom=a@one.example; spf=pass smtp.mailfrom=a@two.example';
    expect(parseAuthenticationResults(value)?.spf).toEqual({ result: 'fail', domain: 'one.example' });
  });

  test.each([
    ['', null],
    ['   ', null],
    [';;;', null],
    ['(((', null],
    ['"unterminated', { authservId: '"unterminated', spf: null, dkim: [], dmarc: null }],
    ['mx.google.com; dkim', { authservId: 'mx.google.com', spf: null, dkim: [], dmarc: null }],
    ['mx.google.com; =pass; spf=', { authservId: 'mx.google.com', spf: null, dkim: [], dmarc: null }],
    [
      'mx.google.com; spf=pass smtp.mailfrom=',
      { authservId: 'mx.google.com', spf: { result: 'pass', domain: null }, dkim: [], dmarc: null },
    ],
    [
      'mx.google.com; dmarc=pass (unclosed header.from=example.org',
      { authservId: 'mx.google.com', spf: null, dkim: [], dmarc: { result: 'pass', domain: null } },
    ],
    [
      '\u0000\uffff; spf=pass\u0000',
      { authservId: '\u0000\uffff', spf: { result: 'pass', domain: null }, dkim: [], dmarc: null },
    ],
  ])('never throws on malformed input: %j', (value, expected) => {
    expect(parseAuthenticationResults(value)).toEqual(expected);
  });

  test('never throws on a long run of unbalanced brackets and quotes', () => {
    const value = 'mx.google.com; ' + '(("\\'.repeat(20_000) + 'dmarc=pass';
    expect(() => parseAuthenticationResults(value)).not.toThrow();
  });
});
