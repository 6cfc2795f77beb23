// Gmail mailboxes, one per domain user, created on first use: messages (raw RFC 822 bytes and
// labels; a draft is a message with label DRAFT and a draft id), user labels, the push watch, and
// the history log. Every change — delivery, send, draft, label change, deletion — takes a new
// history id; ids grow with random gaps, as Gmail's do ("not contiguous"), so code that adds 1 to
// a history id finds out here rather than in production.
import { randomInt } from 'node:crypto';
import {
  type Header,
  headerValue,
  normalizeMessageId,
  referencedIds,
  snippetOf,
  splitMessage,
  threadSubject,
} from './gmail-mime';
import { newGmailId } from './ids';

export interface MessageRecord {
  id: string;
  threadId: string;
  labelIds: string[];
  /** ms since the epoch. */
  internalDate: number;
  raw: Buffer;
  /** The history id of the message's last change. */
  historyId: number;
  snippet: string;
  headers: Header[];
  /** Message-ID without angle brackets. */
  messageId: string | undefined;
  subject: string;
  references: string[];
  /** The draft id (`r…`) while the message is a draft (label DRAFT); Gmail's Draft wraps the message. */
  draftId: string | undefined;
}

export interface MessageRef {
  id: string;
  threadId: string;
  /** The message's labels when the change happened. */
  labelIds: string[];
}

export interface HistoryRecord {
  id: number;
  message: MessageRef;
  added?: true;
  deleted?: true;
  labelsAdded?: string[];
  labelsRemoved?: string[];
}

export interface UserLabel {
  id: string;
  name: string;
  messageListVisibility?: string;
  labelListVisibility?: string;
  color?: { textColor?: string; backgroundColor?: string };
}

export interface WatchState {
  topicName: string;
  labelIds: string[];
  labelFilterBehavior: 'include' | 'exclude' | null;
  historyId: number;
  expiration: number;
}

export interface SystemLabel {
  id: string;
  name: string;
  messageListVisibility?: 'show' | 'hide';
  labelListVisibility?: 'labelShow' | 'labelShowIfUnread' | 'labelHide';
  type: 'system';
}

const hidden = { messageListVisibility: 'hide', labelListVisibility: 'labelHide' } as const;

/** Every Gmail mailbox's system labels, in the order labels.list gives them. */
export const SYSTEM_LABELS: readonly SystemLabel[] = [
  { id: 'CHAT', name: 'CHAT', ...hidden, type: 'system' },
  { id: 'SENT', name: 'SENT', type: 'system' },
  { id: 'INBOX', name: 'INBOX', type: 'system' },
  { id: 'IMPORTANT', name: 'IMPORTANT', ...hidden, type: 'system' },
  { id: 'TRASH', name: 'TRASH', ...hidden, type: 'system' },
  { id: 'DRAFT', name: 'DRAFT', type: 'system' },
  { id: 'SPAM', name: 'SPAM', ...hidden, type: 'system' },
  { id: 'CATEGORY_FORUMS', name: 'CATEGORY_FORUMS', type: 'system' },
  { id: 'CATEGORY_UPDATES', name: 'CATEGORY_UPDATES', type: 'system' },
  { id: 'CATEGORY_PERSONAL', name: 'CATEGORY_PERSONAL', type: 'system' },
  { id: 'CATEGORY_PROMOTIONS', name: 'CATEGORY_PROMOTIONS', type: 'system' },
  { id: 'CATEGORY_SOCIAL', name: 'CATEGORY_SOCIAL', type: 'system' },
  { id: 'STARRED', name: 'STARRED', type: 'system' },
  { id: 'UNREAD', name: 'UNREAD', type: 'system' },
];

const SYSTEM_IDS = new Set(SYSTEM_LABELS.map((l) => l.id));

export function isSystemLabel(id: string): boolean {
  return SYSTEM_IDS.has(id);
}

export class Mailbox {
  readonly messages = new Map<string, MessageRecord>();
  history: HistoryRecord[] = [];
  historyId: number;
  /** The oldest startHistoryId history.list still answers; older ones get 404. */
  floor: number;
  readonly labels = new Map<string, UserLabel>();
  labelCounter = 0;
  watch: WatchState | undefined;

  constructor(readonly address: string) {
    // Real mailboxes start far from 1; a fresh one here starts somewhere in the thousands.
    this.historyId = 1000 + randomInt(9000);
    this.floor = this.historyId;
  }

  private nextHistoryId(): number {
    this.historyId += randomInt(1, 17);
    return this.historyId;
  }

  hasLabel(id: string): boolean {
    return SYSTEM_IDS.has(id) || this.labels.has(id);
  }

  labelName(id: string): string | undefined {
    return SYSTEM_LABELS.find((l) => l.id === id)?.name ?? this.labels.get(id)?.name;
  }

  private ref(message: MessageRecord): MessageRef {
    return { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] };
  }

  /** The thread an arriving message joins: one whose Message-IDs it references, with the same subject. */
  private threadFor(headers: Header[], references: string[]): string | undefined {
    if (references.length === 0) return undefined;
    const subject = threadSubject(headers);
    const wanted = new Set(references.map((r) => r.toLowerCase()));
    for (const m of [...this.messages.values()].reverse()) {
      if (m.messageId !== undefined && wanted.has(m.messageId.toLowerCase()) && m.subject === subject)
        return m.threadId;
    }
    return undefined;
  }

  threadExists(threadId: string): boolean {
    return [...this.messages.values()].some((m) => m.threadId === threadId);
  }

  /** Whether a message sent with `threadId` belongs in it: Gmail's rules (references one of its messages, same subject). */
  joinsThread(threadId: string, raw: Buffer): boolean {
    const { headers } = splitMessage(raw);
    const refs = new Set(referencedIds(headers).map((r) => r.toLowerCase()));
    const subject = threadSubject(headers);
    return [...this.messages.values()].some(
      (m) =>
        m.threadId === threadId &&
        m.messageId !== undefined &&
        refs.has(m.messageId.toLowerCase()) &&
        m.subject === subject,
    );
  }

  /** The draft with this id (the message carrying it), if any. */
  draft(draftId: string): MessageRecord | undefined {
    for (const m of this.messages.values()) if (m.draftId === draftId) return m;
    return undefined;
  }

  /** Every draft's message, in creation order. */
  drafts(): MessageRecord[] {
    return [...this.messages.values()].filter((m) => m.draftId !== undefined);
  }

  /** Stores a message (delivered, sent or a draft) and records messageAdded. */
  add(
    raw: Buffer,
    opts: { labelIds: string[]; internalDate: number; threadId?: string; draftId?: string },
  ): MessageRecord {
    const { headers } = splitMessage(raw);
    const references = referencedIds(headers);
    const id = newGmailId();
    const historyId = this.nextHistoryId();
    const message: MessageRecord = {
      id,
      threadId: opts.threadId ?? this.threadFor(headers, references) ?? id,
      labelIds: [...new Set(opts.labelIds)],
      internalDate: opts.internalDate,
      raw,
      historyId,
      snippet: snippetOf(raw),
      headers,
      messageId: normalizeMessageId(headerValue(headers, 'Message-ID')),
      subject: threadSubject(headers),
      references,
      draftId: opts.draftId,
    };
    this.messages.set(id, message);
    this.history.push({ id: historyId, message: this.ref(message), added: true });
    return message;
  }

  /** Applies a label change; records labelAdded/labelRemoved only for labels that actually changed. */
  relabel(message: MessageRecord, add: readonly string[], remove: readonly string[]): void {
    const added = [...new Set(add)].filter((l) => !message.labelIds.includes(l));
    message.labelIds.push(...added);
    const removed = [...new Set(remove)].filter((l) => message.labelIds.includes(l));
    message.labelIds = message.labelIds.filter((l) => !removed.includes(l));
    if (added.length === 0 && removed.length === 0) return;
    message.historyId = this.nextHistoryId();
    const record: HistoryRecord = { id: message.historyId, message: this.ref(message) };
    if (added.length > 0) record.labelsAdded = added;
    if (removed.length > 0) record.labelsRemoved = removed;
    this.history.push(record);
  }

  /** Deletes a message for good and records messageDeleted. */
  remove(message: MessageRecord): void {
    this.messages.delete(message.id);
    this.history.push({ id: this.nextHistoryId(), message: this.ref(message), deleted: true });
  }

  /** Drops history up to `historyId`: history.list from anything older answers 404. */
  forgetBefore(historyId: number): void {
    this.floor = Math.max(this.floor, historyId);
    this.history = this.history.filter((r) => r.id > this.floor);
  }
}

export class GmailStore {
  private readonly boxes = new Map<string, Mailbox>();

  constructor(
    private readonly users: ReadonlySet<string>,
    private readonly domain: string,
  ) {}

  /** The user's address as the fake knows it: lower case, `name` completed with the domain. */
  address(user: string): string {
    return (user.includes('@') ? user : `${user}@${this.domain}`).toLowerCase();
  }

  /** The mailbox of a domain user; throws for anyone else (a typo in a test, not a Google answer). */
  mailbox(user: string): Mailbox {
    const address = this.address(user);
    if (!this.users.has(address))
      throw new Error(`Google fake: ${user} has no Gmail mailbox; list the user in startGoogleFake's users`);
    let box = this.boxes.get(address);
    if (box === undefined) {
      box = new Mailbox(address);
      this.boxes.set(address, box);
    }
    return box;
  }

  clear(): void {
    this.boxes.clear();
  }
}
