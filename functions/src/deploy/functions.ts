// The five Cloud Functions (gen2) and how each is deployed: who may invoke it, its memory and
// timeout. The entry points are the names functions/src/index.ts registers with http().
import type { VarName } from './commands';

export type EntryPoint = 'api' | 'gmailPush' | 'reconcile' | 'renewWatch' | 'sweep';

export interface FunctionSpec {
  /** The deployed name, which is also its Cloud Run service's name (lowercase, so its URL is predictable). */
  readonly name: string;
  readonly entryPoint: EntryPoint;
  /**
   * public: the add-on calls api with the user's Google ID token, whose audience is the add-on's
   * OAuth client id; Cloud Run's IAM check cannot accept that, so the function checks it itself.
   * push / scheduler: only that service account may invoke it (Cloud Run checks its OIDC token,
   * then the function checks it again: audience and account).
   */
  readonly invoker: 'public' | 'push' | 'scheduler';
  readonly memory: string;
  readonly timeoutSeconds: number;
  readonly maxInstances: number;
  /** The variable holding its address, for those Google's services call. */
  readonly urlVar?: VarName;
  readonly why: string;
}

// Memory: a function idles at about 170 MiB resident (Firestore's gRPC client and the policy
// data; docs/benchmarks.md), so the 256 MiB default leaves too little room. 512 MiB also covers
// intake's largest email: filing a 25 MiB attachment peaked about 60 MiB above idle, and
// INTAKE_MAX_MESSAGE_BYTES stops reading at 40 MB.
export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'api',
    entryPoint: 'api',
    invoker: 'public',
    memory: '512Mi',
    timeoutSeconds: 60,
    maxInstances: 10,
    why: 'api: the add-on waits for it; 60 s covers a booking with the retry policy (5 tries, up to 16 s apart) on a slow Google call',
  },
  {
    name: 'gmail-push',
    entryPoint: 'gmailPush',
    invoker: 'push',
    memory: '512Mi',
    timeoutSeconds: 240,
    maxInstances: 3,
    urlVar: 'GMAIL_PUSH_URL',
    why: 'gmailPush: a sync holds the mailbox lease for 5 minutes (INTAKE_SYNC_LEASE_MS); stopping at 4 means a killed sync never overlaps the next holder',
  },
  {
    name: 'reconcile',
    entryPoint: 'reconcile',
    invoker: 'scheduler',
    memory: '512Mi',
    timeoutSeconds: 240,
    maxInstances: 2,
    urlVar: 'RECONCILE_URL',
    why: 'reconcile: the same sync as gmailPush, so the same limit under the 5-minute lease',
  },
  {
    name: 'renew-watch',
    entryPoint: 'renewWatch',
    invoker: 'scheduler',
    memory: '512Mi',
    timeoutSeconds: 60,
    maxInstances: 1,
    urlVar: 'RENEW_WATCH_URL',
    why: 'renewWatch: one Gmail watch call and a Firestore write',
  },
  {
    name: 'sweep',
    entryPoint: 'sweep',
    invoker: 'scheduler',
    memory: '512Mi',
    timeoutSeconds: 540,
    maxInstances: 2,
    urlVar: 'SWEEP_URL',
    why: 'sweep: a claimed message is leased for 10 minutes (OUTBOX_LEASE_MS); stopping at 9 means no sweep is still sending when its lease ends',
  },
];

export function functionSpec(entryPoint: EntryPoint): FunctionSpec {
  const spec = FUNCTIONS.find((f) => f.entryPoint === entryPoint);
  if (spec === undefined) throw new Error(`No function ${entryPoint}`);
  return spec;
}
