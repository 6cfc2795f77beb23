// The embedded server's keeping of mail: one .eml file per message per recipient under
// <MAIL_DIR>/<recipient>/, written whole before the server says it accepted the message (a crash
// can leave a .tmp file, never half an .eml). Invitations also get their .ics beside the .eml,
// so a developer can open the calendar object itself.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Temporal } from 'temporal-polyfill';
import { AppError } from '../../domain/errors';

/** An address that cannot be a folder name (a path separator, a dot-dot): refused, not kept. */
export class MailFolderError extends AppError {
  constructor() {
    super('SMTP.BAD_RECIPIENT', 'The recipient address cannot be kept as a folder', 400);
  }
}

const SAFE_ADDRESS = /^[a-z0-9!#$%&'*+=?^_`{|}~.-]+@[a-z0-9.-]+$/;

/** The folder name for an address: the address itself, lower-cased, when it is safe as one. */
export function folderOf(address: string): string {
  const folder = address.trim().toLowerCase();
  if (!SAFE_ADDRESS.test(folder) || folder.startsWith('.') || folder.includes('..'))
    throw new MailFolderError();
  return folder;
}

/** Writes `bytes` to `path` through a temporary file, flushed to disk before it takes the name. */
export async function writeDurably(path: string, bytes: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

/** 20261207T103000Z: sorts as time does, and is safe in a file name everywhere. */
export function fileStamp(at: Temporal.Instant): string {
  return at.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
}

export class MailDir {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  folder(address: string): string {
    return join(this.root, folderOf(address));
  }

  /** Keeps one message for one recipient; returns the .eml's path (and the .ics's, when given one). */
  async keep(
    recipient: string,
    raw: Uint8Array,
    at: Temporal.Instant,
    calendar: string | null,
  ): Promise<{ readonly eml: string; readonly ics: string | null }> {
    const folder = this.folder(recipient);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const base = join(folder, `${fileStamp(at)}-${randomBytes(3).toString('hex')}`);
    await writeDurably(`${base}.eml`, raw);
    if (calendar === null) return { eml: `${base}.eml`, ics: null };
    await writeDurably(`${base}.ics`, calendar);
    return { eml: `${base}.eml`, ics: `${base}.ics` };
  }
}
