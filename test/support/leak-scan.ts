// What no log line and no error answer may hold, whatever the test did: a stack frame, an absolute
// path of this machine, or a person's address or name. The api harness and the local service run
// it over everything they captured when they stop, so every suite that uses them is scanned.
import { tmpdir } from 'node:os';

/** Addresses that are the council's or the service's own mailboxes and accounts, not people. */
const SERVICE_ADDRESS =
  /^(cp-conferences|childprotectioninvitereportrequest|abc@mail\.example\.org$|[a-z-]+@[a-z-]+\.iam\.gserviceaccount)\b|\.iam\.gserviceaccount\.com$/;

/** Names the fixtures give people (bookings, outcomes, mail corpora). */
const FIXTURE_NAMES = ['Jane Smithson', 'Smithson', 'Social Worker'];

export function leaksIn(lines: readonly string[]): string[] {
  const found: string[] = [];
  const paths = [process.cwd(), tmpdir(), '/home/', '/root/'];
  for (const line of lines) {
    if (/\bat (?:.+ \()?(?:file:\/\/)?\/.+:\d+:\d+\)?/.test(line))
      found.push(`stack frame: ${line.slice(0, 160)}`);
    for (const path of paths) if (line.includes(path)) found.push(`path ${path}: ${line.slice(0, 160)}`);
    for (const address of line.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []) {
      if (!SERVICE_ADDRESS.test(address)) found.push(`address: ${line.slice(0, 160)}`);
    }
    for (const name of FIXTURE_NAMES) if (line.includes(name)) found.push(`name: ${line.slice(0, 160)}`);
  }
  return found;
}

/** Throws, listing the first few, when anything captured leaks. */
export function expectNoLeaks(what: string, lines: readonly string[]): void {
  const leaks = leaksIn(lines);
  if (leaks.length > 0) {
    throw new Error(
      `${what}: ${leaks.length} leak(s) in logs or error answers:\n${leaks.slice(0, 10).join('\n')}`,
    );
  }
}
