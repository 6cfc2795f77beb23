// Which addresses are the request inbox: the inbox or any plus address of it. The embedded server
// files mail for these once, as the inbox's; intake knows mail from them as the service's own.

/** The address the inbox is, or a plus address of it (any tag, not only a conference's). */
export function isInboxAddress(address: string, inboxAddress: string): boolean {
  const inbox = inboxAddress.toLowerCase();
  const at = inbox.lastIndexOf('@');
  const local = inbox.slice(0, at);
  const domain = inbox.slice(at);
  const lower = address.toLowerCase();
  return (
    lower === inbox ||
    (lower.endsWith(domain) &&
      lower.startsWith(`${local}+`) &&
      !lower.slice(local.length + 1, -domain.length).includes('@'))
  );
}
