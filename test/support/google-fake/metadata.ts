// The GCE metadata server's token endpoint, as Cloud Functions gives the function its own
// identity: google-auth-library's Compute client asks it (GCE_METADATA_HOST) for the access
// token that then calls IAM signJwt. Like the real one, it insists on the Metadata-Flavor header.
import { json, type Reply } from './http';

export const METADATA_TOKEN_PATH = /^\/computeMetadata\/v1\/instance\/service-accounts\/([^/]+)\/token$/;
/** gcp-metadata pings this to see whether a metadata server is there. */
export const METADATA_ROOT_PATH = /^\/computeMetadata\/v1\/instance\/?$/;

const FLAVOR = { 'metadata-flavor': 'Google' };

export interface MetadataContext {
  /** The service account the function runs as ('default' names it too). */
  readonly serviceAccount: string;
  /** The same token until it lapses, as the metadata server hands out. */
  accessToken(): { token: string; expiresInSeconds: number };
}

export function metadataReply(
  ctx: MetadataContext,
  path: string,
  flavor: string | string[] | undefined,
): Reply {
  if (flavor !== 'Google') {
    return {
      status: 403,
      body: 'Missing Metadata-Flavor:Google header.',
      headers: { ...FLAVOR, 'content-type': 'text/plain' },
    };
  }
  if (METADATA_ROOT_PATH.test(path)) return json(200, {}, FLAVOR);
  const account = decodeURIComponent(METADATA_TOKEN_PATH.exec(path)?.[1] ?? '');
  if (account !== 'default' && account !== ctx.serviceAccount) {
    return { status: 404, body: 'Not Found', headers: { ...FLAVOR, 'content-type': 'text/plain' } };
  }
  const { token, expiresInSeconds } = ctx.accessToken();
  return json(200, { access_token: token, expires_in: expiresInSeconds, token_type: 'Bearer' }, FLAVOR);
}
