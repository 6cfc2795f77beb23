// An SMTP client that writes exactly the bytes a test gives it, over a plain socket: nodemailer,
// like any good client, would dot-stuff the data and mend bare line endings, and so could never
// send what a forger or a broken server sends.
import { connect, type Socket } from 'node:net';

export interface RawReply {
  readonly code: number;
  /** The reply's last line, after the code. */
  readonly text: string;
}

export class RawSmtp {
  private buffered = '';
  private readonly replies: RawReply[] = [];
  private readonly waiting: ((reply: RawReply) => void)[] = [];
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered += chunk.toString('latin1');
      for (let end = this.replyEnd(); end >= 0; end = this.replyEnd()) {
        const lines = this.buffered.slice(0, end).split('\r\n');
        this.buffered = this.buffered.slice(end + 2);
        const last = lines[lines.length - 1] ?? '';
        this.settle({ code: Number(last.slice(0, 3)), text: last.slice(4) });
      }
    });
    socket.on('close', () => {
      this.closed = true;
      for (const resolve of this.waiting.splice(0)) resolve({ code: 0, text: 'connection closed' });
    });
  }

  /** Connects and reads the greeting. */
  static async open(host: string, port: number): Promise<RawSmtp> {
    const socket = connect(port, host);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new RawSmtp(socket);
    const greeting = await client.reply();
    if (greeting.code !== 220) throw new Error(`expected a 220 greeting, not ${greeting.code}`);
    return client;
  }

  /** Where the first complete reply in the buffer ends (its last line is "ddd text"), or -1. */
  private replyEnd(): number {
    let start = 0;
    for (let end = this.buffered.indexOf('\r\n'); end >= 0; end = this.buffered.indexOf('\r\n', start)) {
      if (/^\d{3}(?: |$)/.test(this.buffered.slice(start, end))) return end;
      start = end + 2;
    }
    return -1;
  }

  private settle(reply: RawReply): void {
    const resolve = this.waiting.shift();
    if (resolve === undefined) this.replies.push(reply);
    else resolve(reply);
  }

  /** The next reply the server sends (a code of 0 once the connection has closed). */
  reply(): Promise<RawReply> {
    const ready = this.replies.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.closed) return Promise.resolve({ code: 0, text: 'connection closed' });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Writes `bytes` exactly as given. */
  write(bytes: Buffer | string): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Sends one command line and reads its reply. */
  command(line: string): Promise<RawReply> {
    this.write(`${line}\r\n`);
    return this.reply();
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface RawTransaction {
  readonly from: string;
  readonly to: readonly string[];
  /** The DATA exactly as sent (ending CRLF, so that the ".\r\n" sent after it ends it); not dot-stuffed. */
  readonly data: Buffer | string;
  readonly login?: { readonly user: string; readonly pass: string };
}

/** One whole transaction with the bytes as given; returns the reply to the end of the data. */
export async function sendRaw(host: string, port: number, transaction: RawTransaction): Promise<RawReply> {
  const client = await RawSmtp.open(host, port);
  try {
    await expectCode(client.command('EHLO raw.test'), 250);
    const { login } = transaction;
    if (login !== undefined) {
      const plain = Buffer.from(`\u0000${login.user}\u0000${login.pass}`).toString('base64');
      await expectCode(client.command(`AUTH PLAIN ${plain}`), 235);
    }
    await expectCode(client.command(`MAIL FROM:<${transaction.from}>`), 250);
    for (const to of transaction.to) await expectCode(client.command(`RCPT TO:<${to}>`), 250);
    await expectCode(client.command('DATA'), 354);
    client.write(transaction.data);
    client.write('.\r\n');
    const reply = await client.reply();
    await client.command('QUIT');
    return reply;
  } finally {
    client.close();
  }
}

async function expectCode(replying: Promise<RawReply>, code: number): Promise<void> {
  const reply = await replying;
  if (reply.code !== code)
    throw new Error(`expected ${code}, the server answered ${reply.code} ${reply.text}`);
}
