// Starts a Firestore emulator on a free local port, with the repo's firestore.rules, and stops its
// whole process tree afterwards so no Java process outlives a run: for `npm start` and the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const EMULATOR_PROJECT_ID = 'demo-conference-desk';

export interface FirestoreEmulator {
  /** host:port, the form FIRESTORE_EMULATOR_HOST takes. */
  readonly host: string;
  stop(): Promise<void>;
}

/** The repository, found from wherever this file was built to (functions/src/local or dist/local). */
function repoRoot(from: string = __dirname): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'firestore.rules'))) return dir;
  }
  throw new Error('firestore.rules was not found above ' + from);
}
const REPO_ROOT = repoRoot();
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_LINES = 20;
const OUTPUT_CHARS = 16_384;

interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Removes whatever the launch created (a temp config); runs after the process is gone. */
  cleanup(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory; keep looking.
    }
  }
  return undefined;
}

/** A port nothing listens on now, on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  if (address === null || typeof address === 'string') throw new Error('Could not read a free local port');
  return address.port;
}

function gcloudLaunch(gcloud: string, port: number): Launch {
  return {
    command: gcloud,
    args: [
      'emulators',
      'firestore',
      'start',
      `--host-port=127.0.0.1:${port}`,
      `--rules=${path.join(REPO_ROOT, 'firestore.rules')}`,
    ],
    // Run outside the repo so nothing the emulator writes lands in the working tree.
    cwd: tmpdir(),
    cleanup: () => Promise.resolve(),
  };
}

async function firebaseLaunch(firebase: string, port: number): Promise<Launch> {
  const config = JSON.parse(await readFile(path.join(REPO_ROOT, 'firebase.json'), 'utf8')) as {
    firestore?: Record<string, unknown>;
    emulators?: Record<string, unknown>;
  };
  // The copy lives in a temp dir, so file references must be absolute; the hub and logging
  // ports get free ones too, so two runs on one machine do not collide on the defaults.
  const [hubPort, loggingPort, websocketPort] = [await freePort(), await freePort(), await freePort()];
  const copy = {
    ...config,
    firestore: {
      ...config.firestore,
      rules: path.join(REPO_ROOT, 'firestore.rules'),
      indexes: path.join(REPO_ROOT, 'firestore.indexes.json'),
    },
    emulators: {
      ...config.emulators,
      firestore: { host: '127.0.0.1', port, websocketPort },
      hub: { host: '127.0.0.1', port: hubPort },
      logging: { host: '127.0.0.1', port: loggingPort },
      ui: { enabled: false },
    },
  };
  const dir = await mkdtemp(path.join(tmpdir(), 'conference-desk-firebase-'));
  const configPath = path.join(dir, 'firebase.json');
  await writeFile(configPath, JSON.stringify(copy, null, 2));
  return {
    command: firebase,
    args: [
      'emulators:start',
      '--only',
      'firestore',
      '--project',
      EMULATOR_PROJECT_ID,
      '--config',
      configPath,
    ],
    cwd: dir,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

async function chooseLaunch(port: number): Promise<Launch> {
  const gcloud = onPath('gcloud');
  if (gcloud !== undefined) return gcloudLaunch(gcloud, port);
  const firebase = onPath('firebase');
  if (firebase !== undefined) return firebaseLaunch(firebase, port);
  throw new Error(
    'Conference Desk needs a Firestore emulator here, but neither gcloud nor firebase is on PATH. ' +
      'Install one: the Google Cloud CLI with `gcloud components install cloud-firestore-emulator` ' +
      '(or the google-cloud-cli-firestore-emulator package) and Java 11 or later; or `npm i -g firebase-tools`. ' +
      'Alternatively start an emulator yourself and set FIRESTORE_EMULATOR_HOST=host:port.',
  );
}

/** Signals every process in the group (signal 0 only asks whether any is alive); false when none is. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    return process.kill(-pgid, signal);
  } catch {
    return false;
  }
}

async function waitForGroupExit(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (signalGroup(pgid, 0)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/**
 * A process that takes the emulator's group down once `parent` is gone, however it went. The
 * emulator runs in a group of its own (so stop() reaches its whole Java tree), which also keeps it
 * out of reach of the terminal's Ctrl-C; and a Node 'exit' handler never runs when the parent is
 * killed by a signal (Ctrl-C on `npm test`, a closed terminal, SIGKILL). The watchdog is in a group
 * of its own too, so the Ctrl-C that ends the parent does not end it first.
 */
function watchdog(parent: number, pgid: number): ChildProcess {
  const script =
    'while kill -0 "$1" 2>/dev/null; do sleep 1; done; ' +
    `kill -TERM -"$2" 2>/dev/null; sleep ${STOP_GRACE_MS / 1000}; kill -KILL -"$2" 2>/dev/null`;
  const child = spawn(
    '/bin/sh',
    ['-c', script, 'firestore-emulator-watchdog', String(parent), String(pgid)],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  child.once('error', () => undefined); // Without /bin/sh the emulator is stopped as before, by stop().
  child.unref();
  return child;
}

async function stopGroup(pgid: number): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  if (await waitForGroupExit(pgid, STOP_GRACE_MS)) return;
  signalGroup(pgid, 'SIGKILL');
  if (!(await waitForGroupExit(pgid, STOP_GRACE_MS))) {
    throw new Error(`The Firestore emulator's process group ${pgid} is still running after SIGKILL`);
  }
}

/** The last lines the emulator printed, for error messages. */
function lastLines(output: string): string {
  return output.trim().split(/\r?\n/).slice(-OUTPUT_LINES).join('\n') || '(no output)';
}

async function isReady(host: string): Promise<boolean> {
  try {
    const response = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1_000) });
    return response.ok && (await response.text()).trim() === 'Ok';
  } catch {
    return false;
  }
}

export async function startFirestoreEmulator(): Promise<FirestoreEmulator> {
  const existing = process.env.FIRESTORE_EMULATOR_HOST;
  if (existing !== undefined && existing !== '') {
    return { host: existing, stop: () => Promise.resolve() };
  }

  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const launch = await chooseLaunch(port);
  const child = spawn(launch.command, launch.args, {
    cwd: launch.cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Listen before anything can throw: an unheard 'error' event would crash the test run.
  let exit: string | undefined;
  child.once('error', (error) => (exit = `could not be run: ${error.message}`));
  child.once('exit', (code, signal) => (exit = `exited (${signal ?? `code ${String(code)}`})`));
  const pgid = child.pid;
  if (pgid === undefined) {
    await launch.cleanup();
    throw new Error(`Could not start ${launch.command}`);
  }

  // Keep reading output for the emulator's whole life: a full pipe would block it.
  let output = '';
  const record = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_CHARS);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  let closed = false;
  child.once('close', () => (closed = true));

  // If this process dies before stop(), take the emulator with it: at once on a normal exit, and
  // through the watchdog when it is killed.
  const guard = watchdog(process.pid, pgid);
  const killOnExit = (): void => {
    signalGroup(pgid, 'SIGKILL');
    guard.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      process.removeListener('exit', killOnExit);
      // Before the group is gone, so the watchdog never signals a group id the system reuses.
      guard.kill('SIGKILL');
      try {
        await stopGroup(pgid);
      } finally {
        // Let the last output drain (it explains failures) before letting go of the pipes.
        if (!closed)
          await Promise.race([new Promise((resolve) => child.once('close', resolve)), sleep(1_000)]);
        child.stdout.destroy();
        child.stderr.destroy();
        await launch.cleanup();
      }
    })();
    return stopped;
  };

  const what = `${path.basename(launch.command)} ${launch.args.join(' ')}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exit !== undefined) {
      await stop();
      throw new Error(
        `The Firestore emulator (${what}) ${exit} before it was ready. Last output:\n${lastLines(output)}`,
      );
    }
    if (await isReady(host)) return { host, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `The Firestore emulator (${what}) was not ready on ${host} within ${READY_TIMEOUT_MS / 1000} s. Last output:\n${lastLines(output)}`,
      );
    }
    await sleep(200);
  }
}
