// Runs the built add-on (addon/dist/Code.js, or any bundle built the same way) as Apps Script
// would: its top-level functions called by name with an event object, in a V8 context whose
// only services are the Apps Script doubles (apps-script-double.ts). The bundle runs in a worker
// thread (addon-vm-worker.ts) because UrlFetchApp.fetch is synchronous while the service under
// test answers on this thread's event loop: the worker blocks on Atomics.wait, this thread makes
// the HTTP request with fetch() and writes the answer into shared memory, then wakes it.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundleScript } from '../../addon/bundle.mjs';
import type { ActionResult, Card } from '../../addon/src/cards/card-json';
import type { AddonEvent } from '../../addon/src/event';
import type { HostRequest } from './apps-script-double';
import type { CallMessage, FromWorker, ResponseHead, WorkerData } from './addon-vm-worker';

export interface AddonCall {
  identityToken: string | null;
  messageIdHeaders?: Record<string, string>;
  scriptProperties?: Record<string, string>;
}

export type AddonOutcome =
  | { kind: 'cards'; cards: Card[] }
  | { kind: 'action'; response: ActionResult }
  | { kind: 'thrown'; message: string };

export interface AddonFetch {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

export interface AddonVm {
  /** Calls a top-level function of the bundle with the event object, as Apps Script would. */
  call(
    functionName: string,
    event: AddonEvent,
    as: AddonCall,
  ): Promise<{ outcome: AddonOutcome; fetches: AddonFetch[]; logs: string[] }>;
  /** The names of the top-level functions the bundle declares. */
  readonly functions: readonly string[];
  stop(): Promise<void>;
}

export interface AddonVmOptions {
  /** Defaults to addon/dist/Code.js (npm run addon:build). */
  bundlePath?: string;
  /** Script properties of every call that does not give its own. */
  scriptProperties?: Record<string, string>;
}

const ROOT = resolve(__dirname, '../..');
export const DEFAULT_BUNDLE = join(ROOT, 'addon/dist/Code.js');

// Slots and states of the control array: the same layout as addon-vm-worker.ts.
const STATE = 0;
const HEAD = 1;
const BODY = 2;
const ANSWERED = 1;
const FAILED = 2;
/** UrlFetchApp's own limit on a response. */
const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;
/** Shorter than the worker's wait, so the worker never gives up on an answer still coming. */
const FETCH_TIMEOUT_MS = 60_000;

/** Apps Script's wording for a request that got no response at all. */
function networkMessage(error: unknown, url: string): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = cause !== undefined && 'code' in cause ? cause.code : undefined;
  if (error instanceof Error && error.name === 'TimeoutError') return `Timeout: ${url}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `DNS error: ${url}`;
  return `Address unavailable: ${url}`;
}

async function perform(request: HostRequest): Promise<{ head: ResponseHead; body: Uint8Array }> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.payload === undefined ? {} : { body: request.payload }),
      redirect: request.followRedirects ? 'follow' : 'manual',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.byteLength > MAX_RESPONSE_BYTES) {
      return { head: { message: `Exceeded maximum response size: ${request.url}` }, body: new Uint8Array() };
    }
    return { head: { status: response.status, headers: Object.fromEntries(response.headers) }, body };
  } catch (error) {
    return { head: { message: networkMessage(error, request.url) }, body: new Uint8Array() };
  }
}

export async function startAddonVm(options: AddonVmOptions = {}): Promise<AddonVm> {
  const bundlePath = resolve(options.bundlePath ?? DEFAULT_BUNDLE);
  if (!existsSync(bundlePath))
    throw new Error(`${bundlePath} does not exist: run npm run addon:build first.`);
  const control = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const data = new SharedArrayBuffer(64 * 1024, { maxByteLength: MAX_RESPONSE_BYTES + 64 * 1024 });
  const slots = new Int32Array(control);
  const workerData: WorkerData = {
    bundlePath,
    doublesUrl: pathToFileURL(join(__dirname, 'apps-script-double.ts')).href,
    control,
    data,
  };
  const worker = new Worker(join(__dirname, 'addon-vm-worker.ts'), {
    workerData,
    // The worker and the doubles are ES modules in a package without "type"; Node says so once each.
    execArgv: ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', '--disable-warning=ExperimentalWarning'],
  });
  // A test that forgets stop() must not keep Jest from exiting; a call in flight has Jest's own
  // timeout (and this thread's fetch) keeping the process alive meanwhile.
  worker.unref();

  const answer = async (request: HostRequest): Promise<void> => {
    const { head, body } = await perform(request);
    const headBytes = new TextEncoder().encode(JSON.stringify(head));
    const total = headBytes.byteLength + body.byteLength;
    if (data.byteLength < total) data.grow(total);
    const view = new Uint8Array(data);
    view.set(headBytes, 0);
    view.set(body, headBytes.byteLength);
    Atomics.store(slots, HEAD, headBytes.byteLength);
    Atomics.store(slots, BODY, body.byteLength);
    Atomics.store(slots, STATE, 'message' in head ? FAILED : ANSWERED);
    Atomics.notify(slots, STATE);
  };

  type Result = Extract<FromWorker, { type: 'result' }>;
  const pending = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  let failure: Error | undefined;
  const failAll = (error: Error): void => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const functions = await new Promise<string[]>((resolveReady, rejectReady) => {
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          resolveReady(message.functions);
          return;
        case 'load-failed':
          rejectReady(new Error(`The add-on bundle ${bundlePath} did not load: ${message.message}`));
          return;
        case 'fetch':
          void answer(message.request);
          return;
        case 'result': {
          const p = pending.get(message.id);
          pending.delete(message.id);
          p?.resolve(message);
          return;
        }
      }
    });
    worker.on('error', (error: Error) => {
      rejectReady(error);
      failAll(error);
    });
    worker.on('exit', (code) => {
      const error = new Error(`The add-on VM's worker exited (code ${code}).`);
      rejectReady(error);
      failAll(error);
    });
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  let nextId = 1;
  return {
    functions,
    async call(functionName, event, as) {
      if (failure !== undefined) throw failure;
      const message: CallMessage = {
        type: 'call',
        id: nextId++,
        functionName,
        event,
        identityToken: as.identityToken,
        // A call's own script properties replace the defaults, so a test can leave one out.
        scriptProperties: as.scriptProperties ?? options.scriptProperties ?? {},
        messageIdHeaders: as.messageIdHeaders ?? {},
      };
      const result = await new Promise<Result>((resolveCall, rejectCall) => {
        pending.set(message.id, { resolve: resolveCall, reject: rejectCall });
        worker.postMessage(message);
      });
      return { outcome: result.outcome, fetches: result.fetches, logs: result.logs };
    },
    async stop() {
      worker.removeAllListeners('exit');
      await worker.terminate();
      failAll(new Error('The add-on VM was stopped.'));
    },
  };
}

/**
 * Bundles `source` (TypeScript that may import from addon/src, e.g. './apps-script/platform')
 * exactly as addon/build.mjs bundles the add-on. Returns the path of the script, for a test that
 * needs a small bundle of its own.
 */
export async function buildTestBundle(source: string): Promise<string> {
  const { script } = await bundleScript({ contents: source });
  const path = join(mkdtempSync(join(tmpdir(), 'addon-bundle-')), 'Code.js');
  writeFileSync(path, script);
  return path;
}
