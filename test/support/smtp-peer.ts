// A real SMTP server (smtp-server) on loopback that keeps what it is sent: the peer a relay or a
// guest's mail server would be, for tests of what the service sends. It refuses the recipients in
// `refuse` with 550, and signs in only `login` when one is given.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly mailFrom: string | false;
  readonly rcpt: readonly string[];
  /** Who signed in, if anyone. */
  readonly user: string | undefined;
  readonly raw: Buffer;
}

export interface SmtpPeer {
  readonly port: number;
  /** Messages in the order they were accepted; tests empty it between cases. */
  readonly received: ReceivedMail[];
  /** Recipients (lower-cased) answered 550; tests add and clear them. */
  readonly refuse: Set<string>;
  close(): Promise<void>;
}

export async function startSmtpPeer(
  options: { readonly login?: { readonly user: string; readonly pass: string } } = {},
): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const { login } = options;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (login !== undefined && auth.username === login.user && auth.password === login.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
      }
    },
    onRcptTo(address, _session, callback) {
      const recipient = address.address.toLowerCase();
      if (refuse.has(recipient)) {
        callback(Object.assign(new Error(`No such user ${recipient}`), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom === false ? false : session.envelope.mailFrom.address,
          rcpt: session.envelope.rcptTo.map((a) => a.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    refuse,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
