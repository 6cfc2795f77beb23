// Gmail v1 for the report intake: getProfile, watch/stop, history.list, messages.list/get/modify/
// send, drafts.create/get/list/delete/send and labels.list/get/create/delete, on the mailbox of the
// token's user ('me' or its own address). Gmail's errors are legacy-style with `status` in every body and reason
// 'invalidArgument' for most 400s; where its exact answer is not documented the comment says what
// was assumed.
import type { ApiCall, ApiModule } from './api';
import { loadDiscovery } from './discovery';
import { ApiError, notImplemented, permissionDenied } from './errors';
import {
  displayName,
  headerValue,
  isRfc822,
  mimeTypeOf,
  parseAddresses,
  rewriteHeaders,
  rfc5322Date,
  splitMessage,
  type Header,
} from './gmail-mime';
import { parseQuery } from './gmail-query';
import {
  type GmailStore,
  type HistoryRecord,
  isSystemLabel,
  type Mailbox,
  type MessageRecord,
  SYSTEM_LABELS,
  type UserLabel,
} from './gmail-store';
import { json } from './http';
import { newDraftId, randomToken } from './ids';
import { buildRoutes } from './routes';

const WATCH_LIFETIME_MS = 7 * 24 * 3600 * 1000;
const DEFAULT_PAGE = 100;
const MAX_PAGE = 500;
/** Labels messages.modify may not add or remove (Gmail: "Invalid label: SENT"). */
const FIXED_LABELS = new Set(['SENT', 'DRAFT', 'CHAT']);
/**
 * Names labels.create refuses with "Invalid label name" (compared case-insensitively): the system
 * labels' names and the names Gmail's UI gives them.
 */
const RESERVED_NAMES = new Set([
  ...SYSTEM_LABELS.map((l) => l.name.toLowerCase()),
  'drafts',
  'chats',
  'muted',
  'all mail',
  'sent mail',
  'bin',
  'snoozed',
  'scheduled',
]);

function invalidArgument(message: string): ApiError {
  return new ApiError({ code: 400, status: 'INVALID_ARGUMENT', message, reason: 'invalidArgument' });
}

function notFound(): ApiError {
  return new ApiError({
    code: 404,
    status: 'NOT_FOUND',
    message: 'Requested entity was not found.',
    reason: 'notFound',
  });
}

/** The mailbox the call reaches: the token's user's, named 'me' or by its own address. */
function mailboxOf(store: GmailStore, call: ApiCall): Mailbox {
  const { token } = call;
  // A service account's own token has no mailbox; Gmail answers it with a bare failedPrecondition.
  if (token.kind !== 'delegated')
    throw new ApiError({
      code: 400,
      status: 'FAILED_PRECONDITION',
      message: 'Precondition check failed.',
      reason: 'failedPrecondition',
    });
  const userId = call.params.requireString('userId');
  // Gmail names the token's user, not the mailbox asked for: "Delegation denied for <token user>".
  if (userId !== 'me' && userId.toLowerCase() !== token.subject.toLowerCase())
    throw permissionDenied(`Delegation denied for ${token.subject}`, 'forbidden');
  return store.mailbox(token.subject);
}

function messageOf(box: Mailbox, call: ApiCall): MessageRecord {
  const id = call.params.requireString('id');
  if (!/^[0-9a-f]{1,16}$/i.test(id)) throw invalidArgument('Invalid id value');
  const message = box.messages.get(id.toLowerCase());
  if (message === undefined) throw notFound();
  return message;
}

function pageSize(call: ApiCall): number {
  // Gmail caps maxResults at 500 rather than refusing more; 0 means the default.
  const asked = call.params.integer('maxResults') ?? DEFAULT_PAGE;
  return asked === 0 ? DEFAULT_PAGE : Math.min(asked, MAX_PAGE);
}

/** Page tokens carry a cursor and the query they belong to; another query's token is refused. */
function pageToken(cursor: unknown, signature: string): string {
  return Buffer.from(JSON.stringify({ c: cursor, s: signature })).toString('base64url');
}

function readPageToken(call: ApiCall, signature: string): unknown {
  const token = call.params.string('pageToken');
  if (token === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'c' in parsed &&
      's' in parsed &&
      parsed.s === signature
    )
      return parsed.c;
  } catch {
    // fall through to the refusal below
  }
  throw invalidArgument('Invalid pageToken');
}

/** Gmail lists newest first by internalDate (which "determines ordering in the inbox"), then by id. */
function newestFirst(a: MessageRecord, b: MessageRecord): number {
  return b.internalDate - a.internalDate || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** One page of `matching` (sorted newest first) after the page token's cursor, for messages.list and drafts.list. */
function messagePage(
  call: ApiCall,
  matching: readonly MessageRecord[],
  signature: string,
): { page: MessageRecord[]; nextPageToken?: string } {
  const cursor = readPageToken(call, signature);
  let rest = matching;
  if (Array.isArray(cursor)) {
    const [date, id] = cursor as [unknown, unknown];
    rest = matching.filter(
      (m) => m.internalDate < Number(date) || (m.internalDate === Number(date) && m.id < String(id)),
    );
  }
  const size = pageSize(call);
  const page = rest.slice(0, size);
  const last = page[page.length - 1];
  return rest.length > size && last !== undefined
    ? { page, nextPageToken: pageToken([last.internalDate, last.id], signature) }
    : { page };
}

/** Gmail's base64url keeps the '=' padding. */
function base64url(bytes: Buffer): string {
  const text = bytes.toString('base64url');
  return text + '='.repeat((4 - (text.length % 4)) % 4);
}

function presentMessage(
  message: MessageRecord,
  format: string,
  metadataHeaders: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: message.id,
    threadId: message.threadId,
    labelIds: [...message.labelIds],
    snippet: message.snippet,
  };
  if (format === 'metadata') {
    const wanted = new Set(metadataHeaders.map((h) => h.toLowerCase()));
    const headers: Header[] =
      wanted.size === 0 ? message.headers : message.headers.filter((h) => wanted.has(h.name.toLowerCase()));
    out.payload = { mimeType: mimeTypeOf(message.headers), headers: headers.map((h) => ({ ...h })) };
  }
  out.sizeEstimate = message.raw.length;
  if (format === 'raw') out.raw = base64url(message.raw);
  out.historyId = String(message.historyId);
  out.internalDate = String(message.internalDate);
  return out;
}

function checkLabels(box: Mailbox, ids: readonly string[], fixed: boolean): void {
  for (const id of ids)
    if (!box.hasLabel(id) || (fixed && FIXED_LABELS.has(id))) throw invalidArgument(`Invalid label: ${id}`);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

const HISTORY_TYPES = ['messageAdded', 'messageDeleted', 'labelAdded', 'labelRemoved'] as const;
type HistoryType = (typeof HISTORY_TYPES)[number];

function typesOf(record: HistoryRecord): HistoryType[] {
  const out: HistoryType[] = [];
  if (record.added === true) out.push('messageAdded');
  if (record.deleted === true) out.push('messageDeleted');
  if (record.labelsAdded !== undefined) out.push('labelAdded');
  if (record.labelsRemoved !== undefined) out.push('labelRemoved');
  return out;
}

/** A history record as Gmail returns it, keeping only the change types asked for. */
function presentHistory(record: HistoryRecord, types: ReadonlySet<HistoryType>): Record<string, unknown> {
  const { id, threadId, labelIds } = record.message;
  const out: Record<string, unknown> = { id: String(record.id), messages: [{ id, threadId }] };
  const message = { id, threadId, labelIds: [...labelIds] };
  if (record.added === true && types.has('messageAdded')) out.messagesAdded = [{ message }];
  if (record.deleted === true && types.has('messageDeleted'))
    out.messagesDeleted = [{ message: { id, threadId } }];
  if (record.labelsAdded !== undefined && types.has('labelAdded'))
    out.labelsAdded = [{ message, labelIds: [...record.labelsAdded] }];
  if (record.labelsRemoved !== undefined && types.has('labelRemoved'))
    out.labelsRemoved = [{ message, labelIds: [...record.labelsRemoved] }];
  return out;
}

function presentLabel(
  box: Mailbox,
  label: UserLabel | (typeof SYSTEM_LABELS)[number],
  counts: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: label.id, name: label.name };
  if (label.messageListVisibility !== undefined) out.messageListVisibility = label.messageListVisibility;
  if (label.labelListVisibility !== undefined) out.labelListVisibility = label.labelListVisibility;
  out.type = isSystemLabel(label.id) ? 'system' : 'user';
  if (counts) {
    const carrying = [...box.messages.values()].filter((m) => m.labelIds.includes(label.id));
    const unread = carrying.filter((m) => m.labelIds.includes('UNREAD'));
    out.messagesTotal = carrying.length;
    out.messagesUnread = unread.length;
    out.threadsTotal = new Set(carrying.map((m) => m.threadId)).size;
    out.threadsUnread = new Set(unread.map((m) => m.threadId)).size;
  }
  const color = 'color' in label ? label.color : undefined;
  if (color !== undefined) out.color = { ...color };
  return out;
}

function findLabel(box: Mailbox, id: string): UserLabel | (typeof SYSTEM_LABELS)[number] {
  const label = SYSTEM_LABELS.find((l) => l.id === id) ?? box.labels.get(id);
  if (label === undefined) throw notFound();
  return label;
}

function checkLabelName(box: Mailbox, name: string): string {
  const trimmed = name.trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (trimmed === '' || /[\u0000-\u001f]/.test(name) || RESERVED_NAMES.has(trimmed.toLowerCase()))
    throw invalidArgument('Invalid label name');
  const taken = [...box.labels.values()].some((l) => l.name.toLowerCase() === trimmed.toLowerCase());
  // Gmail's answer to a duplicate name is 409 with reason 'aborted' (as Gmail clients report it), not 'duplicate'.
  if (taken)
    throw new ApiError({
      code: 409,
      status: 'ABORTED',
      message: 'Label name exists or conflicts',
      reason: 'aborted',
    });
  return trimmed;
}

/** A Message-ID Gmail would keep: `<local@domain>` with a dotted domain. */
function validMessageId(value: string | undefined): boolean {
  return value !== undefined && /^<[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>$/.test(value.trim());
}

function gmailMessageId(): string {
  return `<CA${randomToken()}${randomToken()}@mail.gmail.com>`;
}

/** Gmail's checks on the recipients of mail it sends: every address parses, and there is one. */
function checkRecipients(headers: readonly Header[]): void {
  let recipients = 0;
  for (const name of ['To', 'Cc', 'Bcc']) {
    for (const h of headers.filter((x) => x.name.toLowerCase() === name.toLowerCase())) {
      const addresses = parseAddresses(h.value);
      if (addresses === null) throw invalidArgument(`Invalid ${name} header`);
      recipients += addresses.length;
    }
  }
  if (recipients === 0) throw invalidArgument('Recipient address required');
}

/** What Gmail changes in mail the user sends or drafts: From is the user, Message-ID and Date are added when missing. */
function rewriteForUser(box: Mailbox, raw: Buffer): Buffer {
  const { headers } = splitMessage(raw);
  const replace = new Map<string, string>();
  const append: Header[] = [];
  const from = headerValue(headers, 'From');
  const fromAddress = from === undefined ? null : parseAddresses(from);
  if (from === undefined) append.push({ name: 'From', value: box.address });
  else if (fromAddress?.length !== 1 || fromAddress[0]?.toLowerCase() !== box.address) {
    // Gmail sends as the authenticated user (no send-as aliases here), keeping the display name.
    const name = displayName(from);
    replace.set('From', name === '' ? box.address : `${name} <${box.address}>`);
  }
  const messageId = headerValue(headers, 'Message-ID');
  if (messageId === undefined) append.push({ name: 'Message-ID', value: gmailMessageId() });
  else if (!validMessageId(messageId)) replace.set('Message-ID', gmailMessageId());
  if (headerValue(headers, 'Date') === undefined)
    append.push({ name: 'Date', value: rfc5322Date(Date.now()) });
  return replace.size === 0 && append.length === 0 ? raw : rewriteHeaders(raw, replace, append);
}

/** What messages.send (and drafts.send) stores: Gmail's checks on the recipients, then its rewrites. */
function prepareSent(box: Mailbox, raw: Buffer): Buffer {
  checkRecipients(splitMessage(raw).headers);
  return rewriteForUser(box, raw);
}

/**
 * The bytes of a draft's `raw`. The body check let through only base64 characters; this refuses
 * what no encoder produces (a lone trailing character, padding on a length not a multiple of 4) and
 * what is not an RFC 822 message, where messages.send would refuse it for having no recipients. A
 * draft needs none, and keeps its Bcc. (Gmail's wording for this refusal is assumed.)
 */
function draftBytes(box: Mailbox, text: string): Buffer {
  const unpadded = text.replace(/=+$/, '');
  if (unpadded.length % 4 === 1 || (unpadded !== text && text.length % 4 !== 0))
    throw invalidArgument('Invalid raw: not base64url');
  const raw = Buffer.from(unpadded, 'base64');
  if (!isRfc822(raw)) throw invalidArgument('Invalid raw: not an RFC 822 message');
  return rewriteForUser(box, raw);
}

/** The thread a sent message or draft joins: the given threadId, when Gmail's rules let it. */
function threadFor(box: Mailbox, given: unknown, raw: Buffer): { threadId?: string } {
  if (typeof given !== 'string') return {};
  if (!/^[0-9a-f]{16}$/.test(given) || !box.threadExists(given))
    throw invalidArgument('Invalid thread_id value');
  return box.joinsThread(given, raw) ? { threadId: given } : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The draft with this id; an id Gmail does not know, of any shape, is 404 notFound (assumed). */
function draftOf(box: Mailbox, id: string): MessageRecord {
  const message = box.draft(id);
  if (message === undefined) throw notFound();
  return message;
}

function brief(message: MessageRecord): Record<string, unknown> {
  return { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] };
}

export interface GmailContext {
  store: GmailStore;
  /** For after:/before: dates in searches. */
  timeZone: string;
}

export function createGmailApi({ store, timeZone }: GmailContext): ApiModule {
  const doc = loadDiscovery('gmail-v1.json');
  return {
    name: 'gmail',
    doc,
    style: 'legacy',
    service: 'gmail.googleapis.com',
    routes: buildRoutes('gmail', doc),
    bodyRootName: () => '',
    requiredMessage: (property) =>
      property === 'raw'
        ? "'raw' RFC822 payload message string or uploading message via /upload/* URL required"
        : undefined,
    requiredReason: 'invalidArgument',
    statusInBody: true,
    handlers: {
      'users.getProfile': (call) => {
        const box = mailboxOf(store, call);
        const messages = [...box.messages.values()];
        return json(200, {
          emailAddress: box.address,
          messagesTotal: messages.length,
          threadsTotal: new Set(messages.map((m) => m.threadId)).size,
          historyId: String(box.historyId),
        });
      },
      'users.watch': (call) => {
        const box = mailboxOf(store, call);
        const body = call.body ?? {};
        const topicName = typeof body.topicName === 'string' ? body.topicName : '';
        if (topicName === '') throw invalidArgument('topicName required');
        if (!/^projects\/[^/]+\/topics\/[^/]+$/.test(topicName))
          throw invalidArgument('Invalid topicName does not match projects/SOME-PROJECT/topics/SOME-TOPIC');
        const labelIds = stringList(body.labelIds);
        checkLabels(box, labelIds, false);
        const behavior = body.labelFilterBehavior ?? body.labelFilterAction;
        box.watch = {
          topicName,
          labelIds,
          labelFilterBehavior:
            behavior === 'include' || behavior === 'exclude'
              ? behavior
              : labelIds.length > 0
                ? 'include'
                : null,
          historyId: box.historyId,
          expiration: Date.now() + WATCH_LIFETIME_MS,
        };
        return json(200, { historyId: String(box.historyId), expiration: String(box.watch.expiration) });
      },
      'users.stop': (call) => {
        mailboxOf(store, call).watch = undefined;
        return { status: 204 };
      },
      'users.history.list': (call) => {
        const box = mailboxOf(store, call);
        const start = call.params.string('startHistoryId');
        if (start === undefined || !/^\d+$/.test(start))
          throw invalidArgument('Missing/invalid parameter: startHistoryId');
        const startId = Number(start);
        if (startId < box.floor) throw notFound();
        // The parameter check already held historyTypes to the discovery enum, these four names.
        const asked = call.params.strings('historyTypes') as HistoryType[];
        const types = new Set<HistoryType>(asked.length === 0 ? HISTORY_TYPES : asked);
        const labelId = call.params.string('labelId');
        const signature = JSON.stringify([start, [...types].sort(), labelId ?? null]);
        const cursor = readPageToken(call, signature);
        const after = typeof cursor === 'number' ? cursor : startId;
        if (after < box.floor) throw notFound();
        const matching = box.history.filter(
          (r) =>
            r.id > after &&
            typesOf(r).some((t) => types.has(t)) &&
            (labelId === undefined ||
              r.message.labelIds.includes(labelId) ||
              r.labelsAdded?.includes(labelId) === true ||
              r.labelsRemoved?.includes(labelId) === true),
        );
        const size = pageSize(call);
        const page = matching.slice(0, size);
        const out: Record<string, unknown> = {};
        if (page.length > 0) out.history = page.map((r) => presentHistory(r, types));
        const last = page[page.length - 1];
        if (matching.length > size && last !== undefined) out.nextPageToken = pageToken(last.id, signature);
        out.historyId = String(box.historyId);
        return json(200, out);
      },
      'users.messages.list': (call) => {
        const box = mailboxOf(store, call);
        const q = call.params.string('q');
        const query = parseQuery(q, timeZone);
        const labelIds = call.params.strings('labelIds');
        const spamTrash =
          call.params.boolean('includeSpamTrash') === true ||
          query.reachesSpamTrash ||
          labelIds.some((l) => l === 'SPAM' || l === 'TRASH');
        const names = (id: string): string | undefined => box.labelName(id);
        const matching = [...box.messages.values()]
          .filter(
            (m) =>
              labelIds.every((l) => m.labelIds.includes(l)) &&
              (spamTrash || !m.labelIds.some((l) => l === 'SPAM' || l === 'TRASH')) &&
              query.matches(m, names),
          )
          .sort(newestFirst);
        const signature = JSON.stringify([q ?? '', [...labelIds].sort(), spamTrash]);
        const { page, nextPageToken } = messagePage(call, matching, signature);
        const out: Record<string, unknown> = {};
        if (page.length > 0) out.messages = page.map((m) => ({ id: m.id, threadId: m.threadId }));
        if (nextPageToken !== undefined) out.nextPageToken = nextPageToken;
        out.resultSizeEstimate = matching.length;
        return json(200, out);
      },
      'users.messages.get': (call) => {
        const box = mailboxOf(store, call);
        const message = messageOf(box, call);
        const format = call.params.string('format') ?? 'full';
        if (format === 'full')
          throw notImplemented("gmail.users.messages.get with format 'full' (use raw, metadata or minimal)");
        return json(200, presentMessage(message, format, call.params.strings('metadataHeaders')));
      },
      'users.messages.modify': (call) => {
        const box = mailboxOf(store, call);
        const message = messageOf(box, call);
        const add = stringList(call.body?.addLabelIds);
        const remove = stringList(call.body?.removeLabelIds);
        checkLabels(box, [...add, ...remove], true);
        box.relabel(message, add, remove);
        return json(200, { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] });
      },
      'users.messages.send': (call) => {
        const box = mailboxOf(store, call);
        const rawText = typeof call.body?.raw === 'string' ? call.body.raw : '';
        // Google's JSON parser takes standard or URL-safe base64 for bytes; Node's decoder reads both.
        const raw = prepareSent(box, Buffer.from(rawText, 'base64'));
        const message = box.add(raw, {
          labelIds: ['SENT'],
          internalDate: Date.now(),
          ...threadFor(box, call.body?.threadId, raw),
        });
        return json(200, brief(message));
      },
      // A draft is a message labelled DRAFT; the Draft resource is {id, message}.
      'users.drafts.create': (call) => {
        const box = mailboxOf(store, call);
        const given = call.body?.message;
        if (!isRecord(given)) throw invalidArgument('Missing draft message');
        // The body check made message.raw present (Gmail's "'raw' RFC822 payload ... required").
        const raw = draftBytes(box, typeof given.raw === 'string' ? given.raw : '');
        const message = box.add(raw, {
          labelIds: ['DRAFT'],
          internalDate: Date.now(),
          draftId: newDraftId(),
          ...threadFor(box, given.threadId, raw),
        });
        return json(200, { id: message.draftId, message: brief(message) });
      },
      'users.drafts.get': (call) => {
        const box = mailboxOf(store, call);
        const message = draftOf(box, call.params.requireString('id'));
        const format = call.params.string('format') ?? 'full';
        if (format === 'full')
          throw notImplemented("gmail.users.drafts.get with format 'full' (use raw, metadata or minimal)");
        return json(200, { id: message.draftId, message: presentMessage(message, format, []) });
      },
      'users.drafts.list': (call) => {
        const box = mailboxOf(store, call);
        const q = call.params.string('q');
        const query = parseQuery(q, timeZone);
        const spamTrash = call.params.boolean('includeSpamTrash') === true || query.reachesSpamTrash;
        const names = (id: string): string | undefined => box.labelName(id);
        const matching = box
          .drafts()
          .filter(
            (m) =>
              (spamTrash || !m.labelIds.some((l) => l === 'SPAM' || l === 'TRASH')) &&
              query.matches(m, names),
          )
          .sort(newestFirst);
        const signature = JSON.stringify(['drafts', q ?? '', spamTrash]);
        const { page, nextPageToken } = messagePage(call, matching, signature);
        const out: Record<string, unknown> = {};
        // As documented, each listed draft's message carries only id and threadId.
        if (page.length > 0)
          out.drafts = page.map((m) => ({ id: m.draftId, message: { id: m.id, threadId: m.threadId } }));
        if (nextPageToken !== undefined) out.nextPageToken = nextPageToken;
        out.resultSizeEstimate = matching.length;
        return json(200, out);
      },
      'users.drafts.delete': (call) => {
        const box = mailboxOf(store, call);
        box.remove(draftOf(box, call.params.requireString('id')));
        return { status: 204 };
      },
      // Sends the draft (its content replaced first when the body carries message.raw) with
      // messages.send's checks, and the draft is gone. Assumed where undocumented: the sent message
      // is a new message (messageDeleted for the draft, messageAdded for the mail) in the draft's
      // thread, when the draft had joined one.
      'users.drafts.send': (call) => {
        const box = mailboxOf(store, call);
        // The body check made id present (Draft.id is required for drafts.send).
        const draft = draftOf(box, typeof call.body?.id === 'string' ? call.body.id : '');
        const given = call.body?.message;
        const content =
          isRecord(given) && typeof given.raw === 'string' ? draftBytes(box, given.raw) : draft.raw;
        const raw = prepareSent(box, content);
        box.remove(draft);
        const message = box.add(raw, {
          labelIds: ['SENT'],
          internalDate: Date.now(),
          ...(draft.threadId === draft.id ? {} : { threadId: draft.threadId }),
        });
        return json(200, brief(message));
      },
      'users.labels.list': (call) => {
        const box = mailboxOf(store, call);
        return json(200, {
          labels: [...SYSTEM_LABELS, ...box.labels.values()].map((l) => presentLabel(box, l, false)),
        });
      },
      'users.labels.get': (call) => {
        const box = mailboxOf(store, call);
        return json(200, presentLabel(box, findLabel(box, call.params.requireString('id')), true));
      },
      'users.labels.create': (call) => {
        const box = mailboxOf(store, call);
        const body = call.body ?? {};
        const name = checkLabelName(box, typeof body.name === 'string' ? body.name : '');
        box.labelCounter += 1;
        const label: UserLabel = { id: `Label_${box.labelCounter}`, name };
        if (typeof body.messageListVisibility === 'string')
          label.messageListVisibility = body.messageListVisibility;
        if (typeof body.labelListVisibility === 'string')
          label.labelListVisibility = body.labelListVisibility;
        if (typeof body.color === 'object' && body.color !== null) label.color = structuredClone(body.color);
        box.labels.set(label.id, label);
        return json(200, presentLabel(box, label, false));
      },
      'users.labels.delete': (call) => {
        const box = mailboxOf(store, call);
        const id = call.params.requireString('id');
        if (isSystemLabel(id)) throw invalidArgument('Invalid delete request');
        if (!box.labels.has(id)) throw notFound();
        for (const m of box.messages.values()) if (m.labelIds.includes(id)) box.relabel(m, [], [id]);
        box.labels.delete(id);
        return { status: 204 };
      },
    },
  };
}
