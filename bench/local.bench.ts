// The embedded default's benchmark (part of `npm run bench`). (1) Report emails over real SMTP on
// loopback into the embedded server, each stored on disk before it is accepted, then taken in by
// intake from the file inbox: accepted per second, and filed per second end to end. (2) The demo's
// whole lifecycle against the in-process local service. Firestore is the emulator. Prints figures;
// asserts nothing.
import { createTransport } from 'nodemailer';
import { signDevelopmentToken } from '../functions/src/http/dev-token';
import { DEMO_START, runDemo } from '../functions/src/local/demo';
import { LOCAL_STAFF } from '../functions/src/local/local-env';
import { hackneyBooking } from '../test/support/bookings';
import { startTestLocalService } from '../test/support/local-service';

const MESSAGES = 200;
const CONFERENCES = 20;
const SCHOOL = 'dsl@school.example.org';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

function print(figures: Record<string, number | string>): void {
  for (const [name, value] of Object.entries(figures)) {
    process.stdout.write(`${name.padEnd(72)} ${typeof value === 'number' ? value.toFixed(2) : value}\n`);
  }
}

function local() {
  return startTestLocalService('conference-desk-bench-');
}

it('takes report emails in over SMTP', async () => {
  const { service, described, secret } = await local();
  try {
    const coordinator = signDevelopmentToken(secret, { email: LOCAL_STAFF.coordinator, role: 'coordinator' });
    service.clock.set(DEMO_START);
    const references: string[] = [];
    for (let i = 0; i < CONFERENCES; i += 1) {
      const response = await fetch(`${service.apiUrl}/conferences`, {
        method: 'POST',
        headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
        body: JSON.stringify(hackneyBooking({ chair: { email: LOCAL_STAFF.chair } })),
      });
      references.push(((await response.json()) as { reference: string }).reference);
    }
    const intake = service.services.intake;
    if (intake === undefined) throw new Error('no inbox');
    const before = await intake.mailbox.currentHistoryId();
    const transport = createTransport({
      host: service.smtp.host,
      port: service.smtp.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 4,
      auth: { user: SCHOOL, pass: 'bench' },
    });
    const inbox = described.inbox ?? '';
    const at = inbox.lastIndexOf('@');
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: MESSAGES }, (_, n) =>
        transport.sendMail({
          from: SCHOOL,
          to: `${inbox.slice(0, at)}+${(references[n % CONFERENCES] ?? '').toLowerCase()}${inbox.slice(at)}`,
          subject: `School report ${references[n % CONFERENCES] ?? ''}`,
          text: `Report ${n} attached.`,
          attachments: [{ filename: 'report.pdf', content: Buffer.concat([PDF, Buffer.from(String(n))]) }],
        }),
      ),
    );
    const accepted = performance.now() - t0;
    transport.close();
    // Deliveries started syncs as they arrived; wait for the cursor to pass the last message.
    const last = await intake.mailbox.currentHistoryId();
    for (;;) {
      const state = await intake.mailboxes.get(inbox);
      if (
        state?.historyId !== undefined &&
        state.historyId !== null &&
        Number(state.historyId) >= Number(last)
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const filed = performance.now() - t0;
    print({
      'smtp: report emails accepted (stored on disk) per second, 4 connections': (MESSAGES / accepted) * 1000,
      'smtp: report emails filed per second, SMTP to Firestore record, end to end': (MESSAGES / filed) * 1000,
      'smtp: messages delivered': Number(last) - Number(before),
    });
  } finally {
    await service.stop();
  }
});

it('runs the demo lifecycle', async () => {
  const times: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const { service, described, secret } = await local();
    try {
      const t0 = performance.now();
      await runDemo(described, secret, () => undefined);
      times.push(performance.now() - t0);
    } finally {
      await service.stop();
    }
  }
  print({ 'demo: whole lifecycle, ms (three runs)': times.map((t) => Math.round(t)).join(', ') });
});
