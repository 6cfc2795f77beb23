// The addresses and Message-IDs a message's text mentions, for the one kind of mail that says
// what it is about only in words: a bounce written as plain text (qmail, Exim, Lotus Domino),
// which names the address that failed and quotes the email it returns. Bounded: the first few of
// each, found in one pass; the text itself is not kept.

/** How many of each are kept: a real bounce names one or two; a long text does not cost more. */
const MENTIONS_KEPT = 20;

const ADDRESS = /[A-Za-z0-9._%+=-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const MESSAGE_ID = /<([^<>\s@]+@[^<>\s@]+)>/g;

function firstMatches(pattern: RegExp, text: string, group: 0 | 1): string[] {
  const found = new Set<string>();
  pattern.lastIndex = 0;
  for (
    let match = pattern.exec(text);
    match !== null && found.size < MENTIONS_KEPT;
    match = pattern.exec(text)
  ) {
    found.add((match[group] ?? '').toLowerCase());
  }
  return [...found];
}

export function mentionsIn(text: string | undefined): { addresses: string[]; messageIds: string[] } {
  if (text === undefined || text === '') return { addresses: [], messageIds: [] };
  return { addresses: firstMatches(ADDRESS, text, 0), messageIds: firstMatches(MESSAGE_ID, text, 1) };
}
