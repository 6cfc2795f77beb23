// The scheduled functions: reconcile and sweep (every few minutes) and renewWatch (daily).
import type { IntakeDeps } from '../app/intake-deps';
import type { OutboxDeps } from '../app/outbox-deps';
import { sweepOutbox } from '../app/sweep-outbox';
import { reconcile, renewWatch } from '../app/watch-mailbox';
import type { Logger } from '../ports';
import { createScheduledJob } from './scheduled-job';
import type { ServiceTokenVerifier } from './service-token';

type Deps = { readonly verifier: ServiceTokenVerifier; readonly logger: Logger };

export function createReconcile(intake: IntakeDeps, deps: Deps): ReturnType<typeof createScheduledJob> {
  return createScheduledJob('reconcile', deps, async () => {
    const result = await reconcile(intake);
    return {
      status: result.sync.status,
      counts: result.sync.counts,
      followUps: result.followUps,
      warned: result.warned,
    };
  });
}

export function createRenewWatch(intake: IntakeDeps, deps: Deps): ReturnType<typeof createScheduledJob> {
  return createScheduledJob('renewWatch', deps, async () => {
    const result = await renewWatch(intake);
    return {
      renewed: result.renewed,
      expiresAt: result.expiresAt?.toString() ?? null,
      warned: result.warned,
    };
  });
}

export function createSweep(outbox: OutboxDeps, deps: Deps): ReturnType<typeof createScheduledJob> {
  return createScheduledJob('sweep', deps, async () => ({ ...(await sweepOutbox(outbox)) }));
}
