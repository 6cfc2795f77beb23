// Drafts without Gmail: each draft is an .eml in <MAIL_DIR>/<owner>/drafts/, which Outlook,
// Thunderbird and Apple Mail open as a message to check, edit and send. The file is named after
// the draft's Message-ID, so an attempt whose answer was lost finds the first and makes no
// second. The record is written with its Bcc kept: the chair must see who it goes to.
import { createHash } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { draftMime } from '../mail/compose-mail';
import type { DraftGateway, DraftMail } from '../../ports';
import { writeDurably, type MailDir } from './mail-dir';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export class FileDrafts implements DraftGateway {
  constructor(private readonly mailDir: MailDir) {}

  private folder(owner: string): string {
    return join(this.mailDir.folder(owner), 'drafts');
  }

  /** The draft's file: named by a hash of its Message-ID, which holds characters paths should not. */
  pathOf(owner: string, messageIdHeader: string): string {
    const bare = messageIdHeader.replace(/^<|>$/g, '').toLowerCase();
    const name = createHash('sha256').update(bare).digest('hex').slice(0, 24);
    return join(this.folder(owner), `${name}.eml`);
  }

  async create(
    owner: string,
    mail: DraftMail,
    lookFirst: boolean,
  ): Promise<{ readonly draftId: string; readonly messageId: string }> {
    const path = this.pathOf(owner, mail.messageIdHeader);
    const draft = { draftId: pathToFileURL(path).href, messageId: mail.messageIdHeader };
    // Written whole or not at all, so "it exists" means the same draft is already there.
    if (lookFirst && (await exists(path))) return draft;
    // X-Unsent: Outlook opens the file as a draft to edit and send, not as a received message.
    const mime = await draftMime(owner, mail, { 'X-Unsent': '1' });
    await mkdir(this.folder(owner), { recursive: true, mode: 0o700 });
    await writeDurably(path, mime);
    return draft;
  }

  link(owner: string): string {
    return pathToFileURL(this.folder(owner)).href;
  }
}
