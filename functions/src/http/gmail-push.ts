// gmailPush: Pub/Sub's push of the request inbox's Gmail notifications. The token is checked
// first (a forged push could make the service read the inbox at will); then the notification is
// only a hint to sync. Pub/Sub redelivers anything not answered 2xx, so a duplicate, a stale one,
// or one for another mailbox is answered 204 and forgotten; only a sync that could not run (Gmail
// or Firestore down) answers 503, so Pub/Sub tries again later (the reconcile would catch up too).
import type { Request, Response } from '@google-cloud/functions-framework';
import { z } from 'zod';
import type { IntakeDeps } from '../app/intake-deps';
import { syncMailbox } from '../app/sync-mailbox';
import { AppError } from '../domain/errors';
import type { Logger } from '../ports';
import { admitServiceCall, type ServiceTokenVerifier } from './service-token';

const envelopeSchema = z.object({
  message: z.object({
    data: z.string().max(10_000),
    messageId: z.string().max(200).optional(),
  }),
  subscription: z.string().max(500).optional(),
});

export interface PushDeps {
  readonly verifier: ServiceTokenVerifier;
  readonly intake: IntakeDeps;
  readonly logger: Logger;
}

export interface Notification {
  readonly emailAddress: string;
  /** Kept as the digits Gmail sent: history ids can pass 2^53, which JSON.parse would round. */
  readonly historyId: string;
}

/** The Gmail notification in a push envelope, or why it cannot be read. */
export function readNotification(body: unknown): Notification | string {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return 'not a Pub/Sub push envelope';
  const text = Buffer.from(envelope.data.message.data, 'base64').toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'message data is not JSON';
  }
  const fields = z
    .object({ emailAddress: z.string().max(320), historyId: z.union([z.number(), z.string()]) })
    .safeParse(data);
  const digits = /"historyId"\s*:\s*"?(\d{1,30})"?/.exec(text)?.[1];
  if (!fields.success || digits === undefined) return 'message data is not a Gmail notification';
  return { emailAddress: fields.data.emailAddress.toLowerCase(), historyId: digits };
}

export function createGmailPush(deps: PushDeps): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const started = performance.now();
    let status = 204;
    let outcome = 'synced';
    try {
      if (req.method !== 'POST') {
        status = 405;
        res.set('Allow', 'POST').status(405).end();
        return;
      }
      if (
        !(await admitServiceCall(req, res, deps, 'gmailPush', 'Not a push from this service’s subscription'))
      ) {
        status = 401;
        return;
      }
      const notification = readNotification(req.body as unknown);
      if (typeof notification === 'string') {
        // Redelivering it would not make it readable: acknowledge and say so in the log.
        outcome = 'unreadable';
        deps.logger.warn('push.unreadable', { problem: notification });
        res.status(204).end();
        return;
      }
      if (notification.emailAddress !== deps.intake.mailbox.address) {
        outcome = 'other-mailbox';
        deps.logger.warn('push.other_mailbox', {});
        res.status(204).end();
        return;
      }
      try {
        const result = await syncMailbox(deps.intake, notification.historyId);
        outcome = result.status;
        // Some messages could not be read (Gmail failed for them): let Pub/Sub come back sooner
        // than the reconcile would. Everything else in the batch is already recorded.
        status = result.status === 'incomplete' ? 503 : 204;
        if (status === 503) {
          res.status(503).json({
            error: {
              code: 'INTAKE.SYNC_INCOMPLETE',
              message: 'Some messages could not be read now; Pub/Sub will retry',
            },
          });
        } else {
          res.status(204).end();
        }
      } catch (error) {
        status = 503;
        outcome = 'failed';
        deps.logger.error('push.sync_failed', {
          code: error instanceof AppError ? error.code : null,
          error: error instanceof Error ? error.name : 'unknown',
        });
        res.status(503).json({
          error: {
            code: 'INTAKE.SYNC_FAILED',
            message: 'The inbox could not be read now; Pub/Sub will retry',
          },
        });
      }
    } finally {
      deps.logger.info('push', { status, outcome, ms: Math.round(performance.now() - started) });
    }
  };
}
