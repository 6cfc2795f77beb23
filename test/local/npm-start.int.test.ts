// `npm start` and `npm run demo` as a developer runs them, as processes: start brings up its own
// Firestore emulator, the embedded SMTP server and the api, says where they are; the demo runs
// against it and prints its summary; Ctrl-C stops everything, the emulator's Java included.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceFileSchema } from '../../functions/src/local/service-file';

const ROOT = join(__dirname, '..', '..');

function output(child: ChildProcess): { text: () => string } {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { text: () => text };
}

async function until(check: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else
      child.once('exit', (code) => {
        resolve(code);
      });
  });
}

function listening(hostPort: string): Promise<boolean> {
  const [host = '', port = ''] = hostPort.split(':');
  return new Promise((resolve) => {
    const socket = connect(Number(port), host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

/** The built `npm start` as a process with its own emulator (free ports), once it says it is ready. */
async function startService(prefix: string): Promise<{
  start: ChildProcess;
  started: { text: () => string };
  varDir: string;
  file: string;
}> {
  const varDir = mkdtempSync(join(tmpdir(), prefix));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONFERENCE_DESK_VAR: varDir,
    PORT: '0',
    INBOX_SMTP_PORT: '0',
  };
  delete env.FIRESTORE_EMULATOR_HOST;
  const start = spawn(process.execPath, [join(ROOT, 'dist', 'local', 'start.js')], { cwd: ROOT, env });
  const started = output(start);
  try {
    await until(() => started.text().includes('npm run demo'), 120_000, started.text);
  } catch (error) {
    start.kill('SIGKILL');
    throw error;
  }
  return { start, started, varDir, file: join(varDir, 'local', 'service.json') };
}

it('starts everything, runs the demo against it, and stops it all on Ctrl-C', async () => {
  const { start, started, varDir, file } = await startService('conference-desk-start-');
  try {
    const service = serviceFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(started.text()).toContain(service.apiUrl);
    expect(started.text()).toContain('(emulator, started here, in memory)');
    expect(await listening(service.firestore)).toBe(true);

    const demo = spawn(process.execPath, [join(ROOT, 'dist', 'local', 'demo-main.js')], {
      cwd: ROOT,
      env: { ...process.env, CONFERENCE_DESK_VAR: varDir },
    });
    const printed = output(demo);
    expect(await exited(demo)).toBe(0);
    expect(printed.text()).toMatch(/Conference CPC-[0-9A-Z]{4}: everyone together 7 Dec 2026 10:30/);
    expect(printed.text()).toContain('health report (late)');
    expect(printed.text()).toContain(join(service.mailDir, 'dc.one@police.example.org'));
    expect(printed.text()).toContain('Drafts in the chair’s mailbox');

    start.kill('SIGINT');
    expect(await exited(start)).toBe(0);
    expect(started.text()).toContain(
      'Stopped: the api, the SMTP server and the Firestore emulator are all down.',
    );
    expect(existsSync(file)).toBe(false);
    expect(await listening(service.firestore)).toBe(false);
    expect(await listening(`${service.smtp.host}:${service.smtp.port}`)).toBe(false);
  } finally {
    if (start.exitCode === null) start.kill('SIGKILL');
  }
}, 180_000);

it('leaves no emulator running when start is killed outright, with no chance to clean up', async () => {
  // SIGKILL stands for every death no handler sees: a closed terminal, an out-of-memory kill.
  const { start, file } = await startService('conference-desk-killed-');
  try {
    const service = serviceFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(await listening(service.firestore)).toBe(true);
    start.kill('SIGKILL');
    await exited(start);
    // The watchdog looks once a second, then allows the emulator a grace period before SIGKILL;
    // the test's own timeout is the only bound.
    while (await listening(service.firestore)) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await listening(service.firestore)).toBe(false);
  } finally {
    if (start.exitCode === null) start.kill('SIGKILL');
  }
}, 180_000);

it('tells the developer to start the service when the demo finds none', async () => {
  const varDir = mkdtempSync(join(tmpdir(), 'conference-desk-nostart-'));
  const demo = spawn(process.execPath, [join(ROOT, 'dist', 'local', 'demo-main.js')], {
    cwd: ROOT,
    env: { ...process.env, CONFERENCE_DESK_VAR: varDir },
  });
  const printed = output(demo);
  expect(await exited(demo)).toBe(1);
  expect(printed.text()).toContain('No local service is running');
  expect(printed.text()).toContain('npm start');
});
