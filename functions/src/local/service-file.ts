// Where a running `npm start` says it is (var/local/service.json), so `npm run demo` and a
// developer's scripts find the api, the SMTP server and the mail folder without being told.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../domain/errors';

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

/** No running service to be found, or a file it did not write: the message says what to do. */
export class ServiceFileError extends AppError {
  constructor(code: 'LOCAL.NO_SERVICE' | 'LOCAL.SERVICE_FILE_INVALID', message: string) {
    super(code, message, 500);
  }
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The running service's file; a sentence saying what to do when there is none. */
export function readServiceFile(path: string): ServiceFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ServiceFileError(
      'LOCAL.NO_SERVICE',
      `No local service is running (${path} is missing): start one with \`npm start\` in another terminal`,
    );
  }
  const parsed = serviceFileSchema.safeParse(parsedJson(text));
  if (!parsed.success) {
    throw new ServiceFileError(
      'LOCAL.SERVICE_FILE_INVALID',
      `${path} was not written by this version of npm start; restart it`,
    );
  }
  return parsed.data;
}
