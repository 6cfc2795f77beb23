// messages.list's `q`: the Gmail search operators the service uses. Anything else — free text,
// OR, grouping, operators not listed here — answers 501 naming it: a search the fake silently
// ignored would return messages Gmail would not, and a test would pass for the wrong reason.
import { notImplemented } from './errors';
import { dateInstant } from './formats';

export interface SearchableMessage {
  labelIds: readonly string[];
  internalDate: number;
  messageId: string | undefined;
}

export interface GmailQuery {
  matches(message: SearchableMessage, labelName: (id: string) => string | undefined): boolean;
  /** Whether the query asks for Spam or Trash itself (in:spam, in:trash, in:anywhere), which lifts their exclusion. */
  readonly reachesSpamTrash: boolean;
}

type Test = (message: SearchableMessage, labelName: (id: string) => string | undefined) => boolean;

function tokens(q: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of q) {
    if (c === '"') quoted = !quoted;
    if (!quoted && /\s/.test(c)) {
      if (current !== '') out.push(current);
      current = '';
    } else current += c;
  }
  if (current !== '') out.push(current);
  return out;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** Gmail compares label names in searches case-insensitively, with spaces and slashes as hyphens. */
function labelKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s/]+/g, '-');
}

const hasLabel =
  (id: string): Test =>
  (m) =>
    m.labelIds.includes(id);

const IN: Record<string, Test> = {
  inbox: hasLabel('INBOX'),
  sent: hasLabel('SENT'),
  spam: hasLabel('SPAM'),
  trash: hasLabel('TRASH'),
  starred: hasLabel('STARRED'),
  important: hasLabel('IMPORTANT'),
  draft: hasLabel('DRAFT'),
  drafts: hasLabel('DRAFT'),
  anywhere: () => true,
};

const IS: Record<string, Test> = {
  unread: hasLabel('UNREAD'),
  read: (m) => !m.labelIds.includes('UNREAD'),
  starred: hasLabel('STARRED'),
  important: hasLabel('IMPORTANT'),
};

function unsupported(what: string, q: string): never {
  throw notImplemented(`Gmail search ${what} (in q='${q}')`);
}

/** after:/before: take epoch seconds or a YYYY/MM/DD date, read as midnight in the mailbox's time zone. */
function instant(value: string, op: string, q: string, timeZone: string): number {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(value);
  const at =
    m === null
      ? null
      : dateInstant(
          `${m[1] ?? ''}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`,
          timeZone,
        );
  if (at === null) return unsupported(`date '${op}:${value}'`, q);
  return at;
}

function term(op: string, value: string, q: string, timeZone: string): { test: Test; reaches: boolean } {
  switch (op) {
    case 'after':
    case 'newer': {
      const at = instant(value, op, q, timeZone);
      return { test: (m) => m.internalDate >= at, reaches: false };
    }
    case 'before':
    case 'older': {
      const at = instant(value, op, q, timeZone);
      return { test: (m) => m.internalDate < at, reaches: false };
    }
    case 'in': {
      const where = value.toLowerCase();
      const test = IN[where];
      if (test === undefined) return unsupported(`operator 'in:${value}'`, q);
      return { test, reaches: where === 'spam' || where === 'trash' || where === 'anywhere' };
    }
    case 'is': {
      const test = IS[value.toLowerCase()];
      if (test === undefined) return unsupported(`operator 'is:${value}'`, q);
      return { test, reaches: false };
    }
    case 'label': {
      const key = labelKey(value);
      return {
        test: (m, labelName) => m.labelIds.some((id) => labelKey(labelName(id) ?? id) === key),
        reaches: key === 'spam' || key === 'trash',
      };
    }
    case 'rfc822msgid': {
      const wanted = value.replace(/^<|>$/g, '').toLowerCase();
      return { test: (m) => m.messageId?.toLowerCase() === wanted, reaches: false };
    }
    default:
      return unsupported(`operator '${op}:'`, q);
  }
}

export function parseQuery(q: string | undefined, timeZone: string): GmailQuery {
  const tests: Test[] = [];
  let reachesSpamTrash = false;
  for (const token of tokens(q ?? '')) {
    if (/^(OR|AND|NOT|AROUND)$/.test(token) || /[(){}]/.test(token) || token.startsWith('+'))
      unsupported(`syntax '${token}'`, q ?? '');
    const negated = token.startsWith('-');
    const body = negated ? token.slice(1) : token;
    const m = /^([A-Za-z_0-9]+):(.+)$/.exec(body);
    if (m === null) return unsupported(`free text '${token}'`, q ?? '');
    const { test, reaches } = term((m[1] ?? '').toLowerCase(), unquote(m[2] ?? ''), q ?? '', timeZone);
    if (negated) tests.push((msg, names) => !test(msg, names));
    else {
      tests.push(test);
      reachesSpamTrash ||= reaches;
    }
  }
  return { matches: (m, names) => tests.every((t) => t(m, names)), reachesSpamTrash };
}
