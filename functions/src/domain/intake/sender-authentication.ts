// Whether the receiving server's verdicts show the From address's domain really sent the email.
// A report filed under a forged sender is a report from nobody filed against a child's record,
// so anything short of a clear pass waits for a person.
import type { AuthMethodResult, AuthenticationVerdicts } from './inbound-message';
import type { HoldReason } from './report';

/**
 * DMARC's relaxed alignment: the authenticated domain and the From domain share an organisational
 * domain. Without the public suffix list we accept one being the other or a parent of it; nobody
 * can hold DKIM keys or SPF records for a bare public suffix such as gov.uk, so a parent that is
 * one authenticates nothing.
 */
export function aligned(authenticated: string, fromDomain: string): boolean {
  const a = authenticated.toLowerCase().replace(/\.$/, '');
  const f = fromDomain.toLowerCase().replace(/\.$/, '');
  return a === f || f.endsWith(`.${a}`) || a.endsWith(`.${f}`);
}

function passes(result: AuthMethodResult | null, fromDomain: string): boolean {
  return (
    result !== null &&
    result.result === 'pass' &&
    result.domain !== null &&
    aligned(result.domain, fromDomain)
  );
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** null when the sender's domain is authenticated; otherwise why the email is held. */
export function authenticationProblem(
  fromAddress: string,
  verdicts: AuthenticationVerdicts | null,
  authservId: string,
): HoldReason | null {
  if (verdicts === null) {
    return {
      code: 'not-authenticated',
      message: `The email has no sender checks from the council's mail server (${authservId}), so it cannot be shown to come from the address it names.`,
    };
  }
  const fromDomain = domainOf(fromAddress);
  const dmarc = verdicts.dmarc?.result ?? 'none';
  if (dmarc === 'fail') {
    return {
      code: 'authentication-failed',
      message: `DMARC failed for ${fromDomain}: the sender's own domain says this email did not come from it. It may be forged; check with the sender by phone before filing it.`,
    };
  }
  // Gmail's DMARC verdict names the From domain it judged; a pass for another domain says nothing.
  if (dmarc === 'pass' && (verdicts.dmarc?.domain ?? fromDomain) === fromDomain) return null;
  // No DMARC verdict (the domain publishes no policy, or the check erred): accept only an
  // aligned DKIM signature or an aligned SPF pass, which is what DMARC would have required.
  if (verdicts.dkim.some((d) => passes(d, fromDomain)) || passes(verdicts.spf, fromDomain)) return null;
  return {
    code: 'not-authenticated',
    message: `Neither a DKIM signature nor SPF confirms that ${fromDomain} sent this email (DMARC: ${dmarc}). Check with the sender before filing it.`,
  };
}
