// Where a running `npm start` says it is (var/local/service.json), so `npm run demo` and a
// developer's scripts find the api, the SMTP server and the mail folder without being told.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export const serviceFileSchema = z.object({
  pid: z.int(),
  url: z.string(),
  apiUrl: z.string(),
  smtp: z.object({ host: z.string(), port: z.int() }),
  mailDir: z.string(),
  secretFile: z.string(),
  logFile: z.string(),
  inbox: z.string().nullable(),
  calendarOwner: z.string(),
  domain: z.string(),
  policy: z.string(),
  staff: z.object({ coordinator: z.string(), chair: z.string(), manager: z.string() }),
  firestore: z.string(),
});
export type ServiceFile = z.infer<typeof serviceFileSchema>;

export function serviceFilePath(varDir: string): string {
  return join(varDir, 'local', 'service.json');
}

export function writeServiceFile(path: string, file: ServiceFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
}

export function removeServiceFile(path: string): void {
  rmSync(path, { force: true });
}

/** The running service's file; a sentence saying what to do when there is none. */
export function readServiceFile(path: string): ServiceFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(
      `No local service is running (${path} is missing): start one with \`npm start\` in another terminal`,
    );
  }
  const parsed = serviceFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} was not written by this version of npm start; restart it`);
  return parsed.data;
}
