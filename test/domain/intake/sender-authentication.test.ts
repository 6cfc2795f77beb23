import { aligned, authenticationProblem } from '../../../functions/src/domain/intake/sender-authentication';
import type { AuthenticationVerdicts } from '../../../functions/src/domain/intake/inbound-message';

const verdicts = (v: Partial<AuthenticationVerdicts>): AuthenticationVerdicts => ({
  authservId: 'mx.google.com',
  spf: null,
  dkim: [],
  dmarc: null,
  ...v,
});

describe("whether the sender's domain sent the email", () => {
  it('accepts a DMARC pass for the From domain', () => {
    expect(
      authenticationProblem(
        'a@nhs.net',
        verdicts({ dmarc: { result: 'pass', domain: 'nhs.net' } }),
        'mx.google.com',
      ),
    ).toBeNull();
  });

  it('holds a DMARC fail as possibly forged, whatever SPF and DKIM say', () => {
    const problem = authenticationProblem(
      'a@nhs.net',
      verdicts({ dmarc: { result: 'fail', domain: 'nhs.net' }, spf: { result: 'pass', domain: 'nhs.net' } }),
      'mx.google.com',
    );
    expect(problem?.code).toBe('authentication-failed');
    expect(problem?.message).toMatch(/forged/);
  });

  it('does not take a DMARC pass given for another domain', () => {
    const problem = authenticationProblem(
      'a@nhs.net',
      verdicts({ dmarc: { result: 'pass', domain: 'evil.example' } }),
      'mx.google.com',
    );
    expect(problem?.code).toBe('not-authenticated');
  });

  it('without a DMARC verdict, accepts an aligned DKIM or SPF pass and nothing else', () => {
    const from = 'dsl@school.example.org';
    expect(
      authenticationProblem(
        from,
        verdicts({ dkim: [{ result: 'pass', domain: 'school.example.org' }] }),
        'x',
      ),
    ).toBeNull();
    expect(
      authenticationProblem(
        from,
        verdicts({ spf: { result: 'pass', domain: 'mail.school.example.org' } }),
        'x',
      ),
    ).toBeNull();
    expect(
      authenticationProblem(from, verdicts({ dkim: [{ result: 'pass', domain: 'mailer.example.com' }] }), 'x')
        ?.code,
    ).toBe('not-authenticated');
    expect(
      authenticationProblem(
        from,
        verdicts({ spf: { result: 'softfail', domain: 'school.example.org' } }),
        'x',
      )?.code,
    ).toBe('not-authenticated');
  });

  it('holds an email with no verdict from the council’s server, naming the server', () => {
    expect(authenticationProblem('a@nhs.net', null, 'mx.google.com')?.message).toMatch(/mx\.google\.com/);
  });

  it('aligns a domain with its own subdomains, not with look-alikes', () => {
    expect(aligned('nhs.net', 'nhs.net')).toBe(true);
    expect(aligned('mail.nhs.net', 'nhs.net')).toBe(true);
    expect(aligned('nhs.net', 'trust.nhs.net')).toBe(true);
    expect(aligned('evilnhs.net', 'nhs.net')).toBe(false);
    expect(aligned('nhs.net.evil.example', 'nhs.net')).toBe(false);
  });
});
