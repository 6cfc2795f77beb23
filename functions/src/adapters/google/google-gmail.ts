// The report request inbox through Gmail v1, acting as the inbox through domain-wide delegation
// with the one scope it needs (gmail.modify: read, label, watch and send; never delete). Messages
// are read as raw MIME in one streamed call: the base64url JSON is decoded and parsed as it
// arrives, so a 25 MB attachment is hashed on the way through, never held in memory whole.
import type { Readable } from 'node:stream';
import type { gmail_v1 } from '@googleapis/gmail';
import { Temporal } from 'temporal-polyfill';
import { UpstreamError } from '../../domain/errors';
import type { MailboxChanges, MailboxGateway, MailboxMessage, Mailer, OutgoingMail } from '../../ports';
import type { Delegation } from './delegation';
import { readMessage } from '../mail/read-message';
import { splitGmailRawMessage } from './gmail-raw-stream';
import { readFailure, toAppError } from './google-errors';
import { gmailClients } from './lazy-clients';
import { outgoingMime } from '../mail/compose-mail';
import { withRetry, writeOnceWithRetry, type RetryPolicy } from './retry';

/** Read, label, watch and send; no delete, no settings. (gmail.readonly cannot label or send.) */
export const GMAIL_SCOPES = ['https://www.googleapis.com/auth/gmail.modify'] as const;

/** Pages of history read in one sync; the cursor continues from where a capped read stopped. */
const MAX_HISTORY_PAGES = 40;
const PAGE_SIZE = 500;

export interface GoogleGmailOptions {
  readonly delegation: Delegation;
  readonly retry: RetryPolicy;
  /** The request inbox, a Workspace user (or group mailbox) of the council's domain. */
  readonly address: string;
  /** The Pub/Sub topic Gmail publishes the inbox's changes to: projects/<p>/topics/<t>. */
  readonly topicName: string | null;
  readonly authservId: string;
  readonly rootUrl?: string;
  readonly timeoutMs?: number;
  readonly onCall?: (operation: string) => void;
}

function isNotFound(error: unknown): boolean {
  return readFailure(error).status === 404;
}

function instantFromMs(ms: string | null | undefined): Temporal.Instant | null {
  return ms === null || ms === undefined || !/^\d{1,16}$/.test(ms)
    ? null
    : Temporal.Instant.fromEpochMilliseconds(Number(ms));
}

export class GoogleGmail implements MailboxGateway, Mailer {
  readonly address: string;
  /** Label name (lower-cased) → id, learnt on first use; Gmail label names are case-insensitive. */
  private labels: Map<string, string> | undefined;

  constructor(private readonly options: GoogleGmailOptions) {
    this.address = options.address.toLowerCase();
  }

  private api(): gmail_v1.Gmail {
    return gmailClients().gmail({
      version: 'v1',
      auth: this.options.delegation.clientFor(this.address, GMAIL_SCOPES),
      retry: false,
      timeout: this.options.timeoutMs ?? 20_000,
      ...(this.options.rootUrl === undefined ? {} : { rootUrl: this.options.rootUrl }),
    });
  }

  private attempt<T>(operation: string, request: () => Promise<T>): Promise<T> {
    return withRetry(() => {
      this.options.onCall?.(operation);
      return request();
    }, this.options.retry);
  }

  async changesSince(historyId: string): Promise<MailboxChanges> {
    const ids: string[] = [];
    const seen = new Set<string>();
    let pageToken: string | undefined;
    let latest: string | undefined;
    let lastRecord: string | undefined;
    for (let page = 0; page < MAX_HISTORY_PAGES; page += 1) {
      let data: gmail_v1.Schema$ListHistoryResponse;
      try {
        ({ data } = await this.attempt('gmail.users.history.list', () =>
          this.api().users.history.list({
            userId: 'me',
            startHistoryId: historyId,
            historyTypes: ['messageAdded', 'labelAdded'],
            labelId: 'INBOX',
            maxResults: PAGE_SIZE,
            ...(pageToken === undefined ? {} : { pageToken }),
          }),
        ));
      } catch (error) {
        // Gmail keeps about a week of history; older ids answer 404 and need a full re-read.
        if (isNotFound(error)) return { kind: 'expired' };
        throw toAppError(error, 'read the report inbox');
      }
      latest = data.historyId ?? latest;
      for (const record of data.history ?? []) {
        lastRecord = record.id ?? lastRecord;
        const added = (record.messagesAdded ?? []).map((m) => m.message);
        // A message moved into the inbox later (from spam, say) arrives as a label change.
        const moved = (record.labelsAdded ?? [])
          .filter((l) => l.labelIds?.includes('INBOX'))
          .map((l) => l.message);
        for (const message of [...added, ...moved]) {
          const id = message?.id;
          if (typeof id === 'string' && !seen.has(id) && (message?.labelIds ?? ['INBOX']).includes('INBOX')) {
            seen.add(id);
            ids.push(id);
          }
        }
      }
      pageToken = data.nextPageToken ?? undefined;
      if (pageToken === undefined) break;
    }
    if (pageToken !== undefined && lastRecord !== undefined) {
      // Stopped early: continue next time from the last record read, not the head.
      return { kind: 'changes', messageIds: ids, historyId: lastRecord };
    }
    return { kind: 'changes', messageIds: ids, historyId: latest ?? historyId };
  }

  async currentHistoryId(): Promise<string> {
    try {
      const { data } = await this.attempt('gmail.users.getProfile', () =>
        this.api().users.getProfile({ userId: 'me' }),
      );
      if (typeof data.historyId !== 'string')
        throw new UpstreamError('GMAIL.NO_HISTORY', 'Gmail did not say where the inbox history is');
      return data.historyId;
    } catch (error) {
      throw toAppError(error, 'read the report inbox');
    }
  }

  async receivedSince(
    after: Temporal.Instant,
    limit: number,
  ): Promise<{ messageIds: string[]; complete: boolean }> {
    const ids: string[] = [];
    let pageToken: string | undefined;
    try {
      do {
        const { data } = await this.attempt('gmail.users.messages.list', () =>
          this.api().users.messages.list({
            userId: 'me',
            labelIds: ['INBOX'],
            q: `after:${Math.floor(after.epochMilliseconds / 1000)}`,
            maxResults: Math.min(PAGE_SIZE, limit - ids.length),
            ...(pageToken === undefined ? {} : { pageToken }),
          }),
        );
        for (const m of data.messages ?? []) if (typeof m.id === 'string') ids.push(m.id);
        pageToken = data.nextPageToken ?? undefined;
      } while (pageToken !== undefined && ids.length < limit);
    } catch (error) {
      throw toAppError(error, 'read the report inbox');
    }
    // Gmail lists newest first; take them in as they arrived.
    return { messageIds: [...new Set(ids)].reverse(), complete: pageToken === undefined };
  }

  async read(messageId: string, maxBytes: number): Promise<MailboxMessage | undefined> {
    let body: Readable;
    try {
      const response = await this.attempt('gmail.users.messages.get', () =>
        this.api().users.messages.get(
          { userId: 'me', id: messageId, format: 'raw' },
          { responseType: 'stream' },
        ),
      );
      // With responseType 'stream' the client hands over the body unread.
      body = response.data;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw toAppError(error, 'read a report email');
    }
    // A failure of the connection is Gmail's (try again later), not the message's (hold it).
    let transportError: unknown;
    body.once('error', (error: unknown) => {
      transportError ??= error;
    });
    const { raw, fields } = splitGmailRawMessage(body);
    fields.catch(() => undefined);
    const outcome = await readMessage(raw, { trustedAuthservId: this.options.authservId, maxBytes });
    const stoppedEarly = outcome.kind === 'unreadable' && outcome.reason === 'too-large';
    // Stopping at the size limit closes the connection on purpose; any other break is Gmail's.
    if (transportError !== undefined && !stoppedEarly) {
      throw new UpstreamError(
        'GMAIL.READ_INTERRUPTED',
        'Reading a report email from Gmail was interrupted; it will be read again',
        503,
        {
          cause: transportError,
        },
      );
    }
    if (stoppedEarly) body.destroy();
    const known = stoppedEarly ? undefined : await fields.catch(() => undefined);
    // Stopped early (or the JSON ended oddly): the small fields after `raw` were never read.
    const meta = known ?? (await this.minimal(messageId));
    if (meta === undefined) return undefined;
    const receivedAt = instantFromMs(meta.internalDate);
    if (receivedAt === null)
      throw new UpstreamError('GMAIL.NO_DATE', 'Gmail did not say when a report email arrived');
    return { id: messageId, labelIds: meta.labelIds, receivedAt, sizeEstimate: meta.sizeEstimate, outcome };
  }

  private async minimal(
    messageId: string,
  ): Promise<{ labelIds: string[]; internalDate: string | null; sizeEstimate: number | null } | undefined> {
    try {
      const { data } = await this.attempt('gmail.users.messages.get', () =>
        this.api().users.messages.get({ userId: 'me', id: messageId, format: 'minimal' }),
      );
      return {
        labelIds: data.labelIds ?? [],
        internalDate: data.internalDate ?? null,
        sizeEstimate: data.sizeEstimate ?? null,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw toAppError(error, 'read a report email');
    }
  }

  private async labelIds(names: readonly string[], create: boolean): Promise<string[]> {
    const api = this.api();
    const load = async (): Promise<Map<string, string>> => {
      const { data } = await this.attempt('gmail.users.labels.list', () =>
        api.users.labels.list({ userId: 'me' }),
      );
      return new Map(
        (data.labels ?? []).flatMap((l) => (l.id && l.name ? [[l.name.toLowerCase(), l.id] as const] : [])),
      );
    };
    this.labels ??= await load();
    const ids: string[] = [];
    for (const name of names) {
      let id = this.labels.get(name.toLowerCase());
      if (id === undefined && create) {
        try {
          const { data } = await this.attempt('gmail.users.labels.create', () =>
            api.users.labels.create({
              userId: 'me',
              requestBody: { name, labelListVisibility: 'labelShow', messageListVisibility: 'show' },
            }),
          );
          id = data.id ?? undefined;
        } catch (error) {
          // Another instance made it meanwhile (409), or our map is old: read the labels again.
          if (readFailure(error).status !== 409) throw error;
          this.labels = await load();
          id = this.labels.get(name.toLowerCase());
        }
        if (id !== undefined) this.labels.set(name.toLowerCase(), id);
      }
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  async relabel(messageId: string, add: readonly string[], remove: readonly string[]): Promise<void> {
    try {
      const addLabelIds = await this.labelIds(add, true);
      const removeLabelIds = await this.labelIds(remove, false);
      if (addLabelIds.length === 0 && removeLabelIds.length === 0) return;
      await this.attempt('gmail.users.messages.modify', () =>
        this.api().users.messages.modify({
          userId: 'me',
          id: messageId,
          requestBody: { addLabelIds, removeLabelIds },
        }),
      );
    } catch (error) {
      if (readFailure(error).status === 400) this.labels = undefined; // a label was deleted by a person
      throw toAppError(error, 'label a report email');
    }
  }

  async send(mail: OutgoingMail): Promise<{ id: string }> {
    const mime = await outgoingMime(this.address, mail);
    // Gmail's send has no idempotency key: after a failure whose outcome is uncertain, look for
    // our Message-ID in Sent before sending again (see writeOnceWithRetry).
    try {
      return await writeOnceWithRetry(
        async () => {
          this.options.onCall?.('gmail.users.messages.send');
          const { data } = await this.api().users.messages.send({
            userId: 'me',
            requestBody: { raw: mime.toString('base64url') },
          });
          return { id: data.id ?? '' };
        },
        async () => {
          const found = await this.findSent(mail.messageIdHeader);
          return found === undefined ? undefined : { id: found };
        },
        this.options.retry,
      );
    } catch (error) {
      throw toAppError(error, 'send an email from the report inbox');
    }
  }

  private async findSent(messageIdHeader: string): Promise<string | undefined> {
    const { data } = await this.attempt('gmail.users.messages.list', () =>
      this.api().users.messages.list({
        userId: 'me',
        q: `in:sent rfc822msgid:${messageIdHeader.replace(/^<|>$/g, '')}`,
        maxResults: 1,
      }),
    );
    return data.messages?.[0]?.id ?? undefined;
  }

  async sentContains(messageIdHeader: string): Promise<boolean> {
    try {
      return (await this.findSent(messageIdHeader)) !== undefined;
    } catch (error) {
      throw toAppError(error, 'check the report inbox’s sent mail');
    }
  }

  async watch(): Promise<{ historyId: string; expiresAt: Temporal.Instant }> {
    const { topicName } = this.options;
    if (topicName === null) {
      throw new UpstreamError(
        'GMAIL.NO_TOPIC',
        'No Pub/Sub topic is configured (GMAIL_PUSH_TOPIC), so Gmail cannot be watched',
        500,
      );
    }
    try {
      const { data } = await this.attempt('gmail.users.watch', () =>
        this.api().users.watch({
          userId: 'me',
          requestBody: { topicName, labelIds: ['INBOX'], labelFilterBehavior: 'include' },
        }),
      );
      const expiresAt = instantFromMs(data.expiration);
      if (typeof data.historyId !== 'string' || expiresAt === null) {
        throw new UpstreamError('GMAIL.WATCH_ANSWER', 'Gmail’s answer to the watch request was incomplete');
      }
      return { historyId: data.historyId, expiresAt };
    } catch (error) {
      throw toAppError(error, 'watch the report inbox');
    }
  }

  link(messageId: string): string {
    return `https://mail.google.com/mail/u/?authuser=${encodeURIComponent(this.address)}#all/${encodeURIComponent(messageId)}`;
  }
}
