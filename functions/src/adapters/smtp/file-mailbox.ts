// The request inbox when mail arrives by SMTP: the embedded server delivers each message here as
// one numbered .eml (with a small .json beside it: when it arrived, where to, its labels), and
// intake reads it through the same MailboxGateway port as Gmail. The numbers are the history:
// "changes since N" is every message numbered above N, so the sync's cursor, lease and full
// re-read work unchanged. One process writes the folder (the embedded server's).
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { readMessage } from '../mail/read-message';
import type {
  Clock,
  MailboxChanges,
  MailboxGateway,
  MailboxMessage,
  Mailer,
  OutgoingMail,
} from '../../ports';
import { writeDurably, type MailDir } from './mail-dir';

const ID = /^\d{12}$/;

const metaSchema = z.object({
  receivedAt: z.string(),
  deliveredTo: z.array(z.string()),
  labels: z.array(z.string()),
  size: z.int().min(0),
});
type Meta = z.infer<typeof metaSchema>;

/** How long a "watch" lasts: deliveries notify at once, so this only keeps the lapse warning quiet. */
const WATCH_DAYS = 7;

export interface FileMailboxOptions {
  readonly address: string;
  readonly mailDir: MailDir;
  /** Sends from the inbox's address (acknowledgements, the outbox's emails). */
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly authservId: string;
}

export class FileMailbox implements MailboxGateway {
  readonly address: string;
  private readonly folder: string;
  private last: number | undefined;
  /** Deliveries and relabels one at a time, so numbers never repeat and no label is lost. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: FileMailboxOptions) {
    this.address = options.address.toLowerCase();
    this.folder = options.mailDir.folder(this.address);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async ids(): Promise<string[]> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const names = await readdir(this.folder);
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length))
      .filter((id) => ID.test(id))
      .sort();
  }

  private async lastNumber(): Promise<number> {
    if (this.last === undefined) {
      const ids = await this.ids();
      this.last = ids.length === 0 ? 0 : Number(ids[ids.length - 1]);
    }
    return this.last;
  }

  private async meta(id: string): Promise<Meta | undefined> {
    if (!ID.test(id)) return undefined;
    try {
      return metaSchema.parse(JSON.parse(await readFile(join(this.folder, `${id}.json`), 'utf8')));
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Files one received message (its bytes as the server will hand them to intake, trace and
   * Authentication-Results headers included) and returns its id, which is also the history id
   * to sync up to. The .eml is on disk before its .json, and a message counts once its .json is.
   */
  deliver(raw: Uint8Array, deliveredTo: readonly string[]): Promise<string> {
    return this.serially(async () => {
      const number = (await this.lastNumber()) + 1;
      const id = String(number).padStart(12, '0');
      await writeDurably(join(this.folder, `${id}.eml`), raw);
      const meta: Meta = {
        receivedAt: this.options.clock.now().toString(),
        deliveredTo: [...deliveredTo],
        labels: [],
        size: raw.byteLength,
      };
      await writeDurably(join(this.folder, `${id}.json`), JSON.stringify(meta, null, 2));
      this.last = number;
      return id;
    });
  }

  /** The .eml of a message, for people reading the demo's output. */
  pathOf(messageId: string): string {
    return join(this.folder, `${messageId}.eml`);
  }

  async changesSince(historyId: string): Promise<MailboxChanges> {
    const last = await this.lastNumber();
    const from = Number(historyId);
    // A cursor beyond the last message means the folder was replaced (restored, or started
    // afresh): numbers below it may be new mail, so only a re-read by date is safe.
    if (!Number.isSafeInteger(from) || from > last) return { kind: 'expired' };
    const ids = (await this.ids()).filter((id) => Number(id) > from);
    return { kind: 'changes', messageIds: ids, historyId: String(last) };
  }

  async currentHistoryId(): Promise<string> {
    return String(await this.lastNumber());
  }

  async receivedSince(
    after: Temporal.Instant,
    limit: number,
  ): Promise<{ readonly messageIds: readonly string[]; readonly complete: boolean }> {
    const found: string[] = [];
    for (const id of await this.ids()) {
      const meta = await this.meta(id);
      if (meta === undefined) continue;
      if (Temporal.Instant.compare(Temporal.Instant.from(meta.receivedAt), after) > 0) found.push(id);
    }
    return { messageIds: found.slice(0, limit), complete: found.length <= limit };
  }

  async read(messageId: string, maxBytes: number): Promise<MailboxMessage | undefined> {
    const meta = await this.meta(messageId);
    if (meta === undefined) return undefined;
    const path = this.pathOf(messageId);
    const size = (await stat(path)).size;
    const outcome = await readMessage(createReadStream(path), {
      trustedAuthservId: this.options.authservId,
      maxBytes,
    });
    return {
      id: messageId,
      labelIds: ['INBOX', ...meta.labels],
      receivedAt: Temporal.Instant.from(meta.receivedAt),
      sizeEstimate: size,
      outcome,
    };
  }

  relabel(messageId: string, add: readonly string[], remove: readonly string[]): Promise<void> {
    return this.serially(async () => {
      const meta = await this.meta(messageId);
      if (meta === undefined) return;
      const dropped = new Set(remove.map((l) => l.toLowerCase()));
      const labels = [...meta.labels.filter((l) => !dropped.has(l.toLowerCase()))];
      for (const label of add) {
        if (!labels.some((l) => l.toLowerCase() === label.toLowerCase())) labels.push(label);
      }
      await writeDurably(
        join(this.folder, `${messageId}.json`),
        JSON.stringify({ ...meta, labels }, null, 2),
      );
    });
  }

  send(mail: OutgoingMail): Promise<{ readonly id: string }> {
    return this.options.mailer.send(mail);
  }

  sentContains(messageIdHeader: string): Promise<boolean> {
    return this.options.mailer.sentContains(messageIdHeader);
  }

  /** Nothing to arm: the embedded server tells intake of each delivery as it files it. */
  async watch(): Promise<{ readonly historyId: string; readonly expiresAt: Temporal.Instant }> {
    return {
      historyId: await this.currentHistoryId(),
      expiresAt: this.options.clock.now().add({ hours: 24 * WATCH_DAYS }),
    };
  }

  link(messageId: string): string {
    return pathToFileURL(this.pathOf(messageId)).href;
  }
}
