// Which addresses are the request inbox: the embedded server files mail for these once, as the
// inbox's, and keeps everyone else's apart.

/** The address the inbox is, or a plus address of it. */
export function isInboxAddress(address: string, inbox: string): boolean {
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
