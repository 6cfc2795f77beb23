// A delegated access token obtained the way production gets one on Cloud Run — IAM signJwt with the
// service account's own token, then the JWT-bearer grant at the token endpoint — for tests that need
// a token but are not about obtaining one.
import type { GoogleFake } from './types';

async function postJson(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(url, init);
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

export async function delegatedAccessToken(
  fake: GoogleFake,
  serviceAccount: string,
  subject: string,
  scopes: readonly string[],
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: serviceAccount,
    sub: subject,
    scope: scopes.join(' '),
    aud: fake.tokenUrl,
    iat: now,
    exp: now + 3600,
  };
  const signed = await postJson(
    `${fake.url}/v1/projects/-/serviceAccounts/${encodeURIComponent(serviceAccount)}:signJwt`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${fake.serviceAccountAccessToken()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ payload: JSON.stringify(claims) }),
    },
  );
  const token = await postJson(fake.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: String(signed.signedJwt),
    }).toString(),
  });
  return String(token.access_token);
}
