// `fake.gmail`: what tests do to and see in Gmail mailboxes without going through the API —
// deliver mail as if it arrived, read what the service sent or drafted, age the history log.
// Everything handed out is a copy.
import type { GmailStore, Mailbox, MessageRecord } from './gmail-store';
import { SYSTEM_LABELS } from './gmail-store';
import type { GmailFake, GmailLabel, GmailStoredMessage } from './types';

function copy(message: MessageRecord): GmailStoredMessage {
  return {
    id: message.id,
    threadId: message.threadId,
    labelIds: [...message.labelIds],
    internalDate: new Date(message.internalDate),
    raw: Buffer.from(message.raw),
    historyId: String(message.historyId),
  };
}

function historyNumber(historyId: string): number {
  if (!/^\d+$/.test(historyId)) throw new Error(`Google fake: '${historyId}' is not a Gmail history id`);
  return Number(historyId);
}

function labelView(box: Mailbox, id: string): GmailLabel {
  const carrying = [...box.messages.values()].filter((m) => m.labelIds.includes(id));
  const unread = carrying.filter((m) => m.labelIds.includes('UNREAD'));
  const system = SYSTEM_LABELS.find((l) => l.id === id);
  const label = system ?? box.labels.get(id);
  return {
    ...structuredClone(label),
    type: system === undefined ? 'user' : 'system',
    messagesTotal: carrying.length,
    messagesUnread: unread.length,
    threadsTotal: new Set(carrying.map((m) => m.threadId)).size,
    threadsUnread: new Set(unread.map((m) => m.threadId)).size,
  };
}

export function createGmailTestApi(store: GmailStore): GmailFake {
  const find = (user: string, id: string): MessageRecord => {
    const message = store.mailbox(user).messages.get(id);
    if (message === undefined) throw new Error(`Google fake: ${user} has no Gmail message ${id}`);
    return message;
  };
  return {
    // Assumed: every delivery is a message of its own, even one whose Message-ID the mailbox
    // already holds. Observed by others: Gmail drops a second copy with the same Message-ID when
    // mail is imported (google/import-mailbox-to-gmail issue 56), and some report the same for
    // mail received; undocumented. Intake must count such a copy once either way, so the fake
    // keeps it, the harder case.
    deliver(user, raw, opts = {}) {
      const box = store.mailbox(user);
      const labelIds = opts.labelIds ?? ['INBOX', 'UNREAD'];
      for (const id of labelIds)
        if (!box.hasLabel(id)) throw new Error(`Google fake: ${user} has no Gmail label ${id}`);
      if (opts.threadId !== undefined && !box.threadExists(opts.threadId))
        throw new Error(`Google fake: ${user} has no Gmail thread ${opts.threadId}`);
      const message = box.add(typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw), {
        labelIds,
        internalDate: (opts.internalDate ?? new Date()).getTime(),
        ...(opts.threadId === undefined ? {} : { threadId: opts.threadId }),
      });
      return { id: message.id, threadId: message.threadId, historyId: String(message.historyId) };
    },
    message(user, id) {
      const message = store.mailbox(user).messages.get(id);
      return message === undefined ? undefined : copy(message);
    },
    messages: (user) => [...store.mailbox(user).messages.values()].map(copy),
    sent: (user) =>
      [...store.mailbox(user).messages.values()].filter((m) => m.labelIds.includes('SENT')).map(copy),
    drafts: (user) =>
      store
        .mailbox(user)
        .drafts()
        .map((m) => ({ id: m.draftId ?? '', message: copy(m) })),
    labels(user) {
      const box = store.mailbox(user);
      return [...SYSTEM_LABELS.map((l) => l.id), ...box.labels.keys()].map((id) => labelView(box, id));
    },
    labelNames(user, messageId) {
      const box = store.mailbox(user);
      return find(user, messageId).labelIds.map((id) => box.labelName(id) ?? id);
    },
    historyId: (user) => String(store.mailbox(user).historyId),
    forgetHistoryBefore(user, historyId) {
      store.mailbox(user).forgetBefore(historyNumber(historyId));
    },
    expireHistory(user) {
      const box = store.mailbox(user);
      box.forgetBefore(box.historyId);
    },
    watch(user) {
      const watch = store.mailbox(user).watch;
      if (watch === undefined) return undefined;
      return {
        topicName: watch.topicName,
        labelIds: [...watch.labelIds],
        labelFilterBehavior: watch.labelFilterBehavior,
        historyId: String(watch.historyId),
        expiration: new Date(watch.expiration),
      };
    },
    delete(user, id) {
      store.mailbox(user).remove(find(user, id));
    },
  };
}
