// The worker thread of addon-vm.ts: runs the add-on bundle in a node:vm context whose globals are
// the Apps Script doubles, one fresh context per call as Apps Script starts every execution
// afresh. UrlFetchApp.fetch is synchronous in Apps Script, so here it posts the request to the
// main thread and blocks on Atomics.wait until the main thread has written the answer into
// shared memory. Node loads this file itself (type stripping), not ts-jest: it stays erasable
// TypeScript, and loads the doubles by the URL the main thread gives, because a static import
// would need a `.ts` extension the project's tsconfig does not allow.
import { readFileSync } from 'node:fs';
import { createContext, Script, type Context } from 'node:vm';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ActionResult, Card } from '../../addon/src/cards/card-json';
import type { AddonEvent } from '../../addon/src/event';
import type * as Doubles from './apps-script-double';

export interface WorkerData {
  readonly bundlePath: string;
  readonly doublesUrl: string;
  /** Int32 slots: STATE, HEAD (bytes of the JSON head), BODY (bytes of the body). */
  readonly control: SharedArrayBuffer;
  /** Growable: the main thread grows it to fit a large body before writing. */
  readonly data: SharedArrayBuffer;
}

export interface CallMessage {
  readonly type: 'call';
  readonly id: number;
  readonly functionName: string;
  readonly event: AddonEvent;
  readonly identityToken: string | null;
  readonly scriptProperties: Readonly<Record<string, string>>;
  readonly messageIdHeaders: Readonly<Record<string, string>>;
}

export type WorkerOutcome =
  | { kind: 'cards'; cards: Card[] }
  | { kind: 'action'; response: ActionResult }
  | { kind: 'thrown'; message: string };

export type FromWorker =
  | { readonly type: 'ready'; readonly functions: string[] }
  | { readonly type: 'load-failed'; readonly message: string }
  | { readonly type: 'fetch'; readonly request: Doubles.HostRequest }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly outcome: WorkerOutcome;
      readonly fetches: Doubles.FetchRecord[];
      readonly logs: string[];
    };

/** The head the main thread writes before the body: a status and headers, or why nothing came. */
export type ResponseHead =
  { readonly status: number; readonly headers: Record<string, string> } | { readonly message: string };

// Shared with addon-vm.ts (which cannot import this file's values): slots and states of `control`.
const STATE = 0;
const HEAD = 1;
const BODY = 2;
const WAITING = 0;
const FAILED = 2;
/** Longer than the main thread's own fetch timeout, so a late answer never lands in a later call. */
const WAIT_MS = 90_000;

function messageOf(error: unknown): string {
  // Errors from the VM are another realm's Error, so instanceof cannot be used.
  if (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message;
  }
  return String(error);
}

async function run(port: MessagePort, data: WorkerData): Promise<void> {
  const doubles = (await import(data.doublesUrl)) as typeof Doubles;
  const source = readFileSync(data.bundlePath, 'utf8');
  const control = new Int32Array(data.control);
  let script: Script;
  let functions: string[];
  try {
    script = new Script(source, { filename: data.bundlePath });
    const probe = createContext({ ...doubles.createAppsScriptDoubles().globals });
    const injected = new Set(Object.keys(probe));
    script.runInContext(probe);
    // Apps Script calls any top-level function declaration by name; `var f = …` does not count.
    functions = Object.keys(probe).filter(
      (name) =>
        !injected.has(name) &&
        typeof (probe as Record<string, unknown>)[name] === 'function' &&
        new RegExp(`^(?:async\\s+)?function\\s+${name.replace(/\$/g, '\\$')}\\s*\\(`, 'm').test(source),
    );
  } catch (error) {
    port.postMessage({ type: 'load-failed', message: messageOf(error) } satisfies FromWorker);
    return;
  }

  function syncFetch(request: Doubles.HostRequest): Doubles.HostResponse {
    Atomics.store(control, STATE, WAITING);
    port.postMessage({ type: 'fetch', request } satisfies FromWorker);
    if (Atomics.wait(control, STATE, WAITING, WAIT_MS) === 'timed-out') {
      return { kind: 'network-error', message: `Timeout: ${request.url}` };
    }
    const headLength = Atomics.load(control, HEAD);
    const bodyLength = Atomics.load(control, BODY);
    // Copied out of shared memory: TextDecoder refuses views of a SharedArrayBuffer.
    const bytes = new Uint8Array(new Uint8Array(data.data, 0, headLength + bodyLength));
    const head = JSON.parse(new TextDecoder().decode(bytes.subarray(0, headLength))) as ResponseHead;
    if (Atomics.load(control, STATE) === FAILED || 'message' in head) {
      return { kind: 'network-error', message: 'message' in head ? head.message : 'Unexpected error' };
    }
    return { kind: 'response', status: head.status, headers: head.headers, body: bytes.subarray(headLength) };
  }

  function outcomeOf(result: unknown, name: string): WorkerOutcome {
    // Only what the doubles built counts: a plain object shaped like a card is not a Card.
    const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
    if (doubles.isBuiltCard(result)) return { kind: 'cards', cards: [json(result)] };
    if (Array.isArray(result) && result.length > 0 && result.every((c) => doubles.isBuiltCard(c))) {
      return { kind: 'cards', cards: json(result) };
    }
    if (doubles.isBuiltActionResponse(result)) return { kind: 'action', response: json(result) };
    const what = result === undefined ? 'nothing' : Array.isArray(result) ? 'an array' : typeof result;
    return { kind: 'thrown', message: `${name} returned ${what}, not a Card, Card[] or ActionResponse` };
  }

  function call(message: CallMessage): FromWorker {
    const { globals, fetches, logs } = doubles.createAppsScriptDoubles({
      fetch: syncFetch,
      identityToken: message.identityToken,
      scriptProperties: message.scriptProperties,
      messageIdHeaders: message.messageIdHeaders,
      ...(message.event.gmail?.accessToken === undefined
        ? {}
        : { currentMessageAccessToken: message.event.gmail.accessToken }),
    });
    let outcome: WorkerOutcome;
    try {
      const context: Context = createContext({ ...globals });
      script.runInContext(context);
      const fn: unknown = (context as Record<string, unknown>)[message.functionName];
      if (!functions.includes(message.functionName) || typeof fn !== 'function') {
        outcome = { kind: 'thrown', message: `Script function not found: ${message.functionName}` };
      } else {
        outcome = outcomeOf((fn as (e: AddonEvent) => unknown)(message.event), message.functionName);
      }
    } catch (error) {
      // exceptionLogging STACKDRIVER: Apps Script logs an uncaught exception with its stack.
      const stack = typeof error === 'object' && error !== null && 'stack' in error ? error.stack : undefined;
      logs.push(`ERROR: ${typeof stack === 'string' ? stack : messageOf(error)}`);
      outcome = { kind: 'thrown', message: messageOf(error) };
    }
    return { type: 'result', id: message.id, outcome, fetches, logs };
  }

  port.on('message', (message: CallMessage) => {
    port.postMessage(call(message));
  });
  port.postMessage({ type: 'ready', functions } satisfies FromWorker);
}

if (parentPort !== null) {
  const port = parentPort;
  run(port, workerData as WorkerData).catch((error: unknown) => {
    port.postMessage({ type: 'load-failed', message: messageOf(error) } satisfies FromWorker);
  });
}
