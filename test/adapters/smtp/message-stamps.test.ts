// The trace headers the embedded server stamps on what it accepts, read back as intake reads them:
// only a sender who signed in as the From address counts as authenticated, and no sender can
// write the server's verdict for it.
import { simpleParser } from 'mailparser';
import { Temporal } from 'temporal-polyfill';
import {
  authenticationResults,
  mailDate,
  prepend,
  received,
  returnPath,
  withoutOwnResults,
  withoutReturnPath,
  type Stamp,
} from '../../../functions/src/adapters/smtp/message-stamps';
import { trustedVerdicts } from '../../../functions/src/domain/intake/authentication-results';
import { authenticationProblem } from '../../../functions/src/domain/intake/sender-authentication';

const AUTHSERV = 'conference-desk.localhost';
const SENDER = 'dsl@school.example.org';
const AT = Temporal.Instant.from('2026-11-30T10:15:00Z');

function stamp(overrides: Partial<Stamp> = {}): Stamp {
  return {
    authservId: AUTHSERV,
    at: AT,
    client: { hostname: 'localhost', address: '127.0.0.1', helo: 'laptop.school.example.org' },
    sessionId: 'abc123',
    signedInAs: SENDER,
    from: SENDER,
    ...overrides,
  };
}

/** What intake concludes from a message whose Authentication-Results values are `values`, topmost first. */
function intakeVerdict(values: readonly string[], from = SENDER): string | null {
  return authenticationProblem(from, trustedVerdicts(values, AUTHSERV), AUTHSERV)?.code ?? null;
}

const crlf = (...lines: string[]): string => lines.map((l) => `${l}\r\n`).join('');

describe("the server's Authentication-Results", () => {
  test('passes DMARC for the From domain when the sender signed in as the From address', () => {
    expect(authenticationResults(stamp())).toBe(
      `${AUTHSERV}; auth=pass smtp.auth=${SENDER}; dmarc=pass (sender signed in as the From address) header.from=school.example.org`,
    );
  });

  test('passes nothing when the sender signed in as another address, even in the same domain', () => {
    const other = 'head@school.example.org';
    expect(authenticationResults(stamp({ signedInAs: other }))).toBe(
      `${AUTHSERV}; auth=pass smtp.auth=${other}; dmarc=none (signed in as another address) header.from=school.example.org`,
    );
  });

  test('says nothing was checked when the sender did not sign in', () => {
    expect(authenticationResults(stamp({ signedInAs: null }))).toBe(
      `${AUTHSERV}; auth=none; spf=none; dkim=none; dmarc=none header.from=school.example.org`,
    );
  });

  test('names no From domain when the message has no single From address', () => {
    expect(authenticationResults(stamp({ signedInAs: null, from: null }))).toBe(
      `${AUTHSERV}; auth=none; spf=none; dkim=none; dmarc=none`,
    );
    expect(authenticationResults(stamp({ from: null }))).toBe(
      `${AUTHSERV}; auth=pass smtp.auth=${SENDER}; dmarc=none (signed in as another address)`,
    );
  });

  test('reads, through intake, as authenticated only when the sender signed in as the From address', () => {
    expect(intakeVerdict([authenticationResults(stamp())])).toBeNull();
    expect(intakeVerdict([authenticationResults(stamp({ signedInAs: 'head@school.example.org' }))])).toBe(
      'not-authenticated',
    );
    expect(intakeVerdict([authenticationResults(stamp({ signedInAs: null }))])).toBe('not-authenticated');
    expect(intakeVerdict([authenticationResults(stamp({ from: null }))])).toBe('not-authenticated');
  });

  test('is trusted only under its own authserv-id', () => {
    const ours = authenticationResults(stamp());
    expect(trustedVerdicts([ours], 'mx.google.com')).toBeNull();
    expect(trustedVerdicts([ours], AUTHSERV)).toMatchObject({
      authservId: AUTHSERV,
      dmarc: { result: 'pass', domain: 'school.example.org' },
    });
  });
});

describe('the Received header', () => {
  test('names the client, the server, how the sender signed in, the recipient and the time', () => {
    expect(received(stamp(), 'reports@hackney.gov.uk')).toBe(
      `from laptop.school.example.org (localhost [127.0.0.1]) by ${AUTHSERV} with ESMTPA id abc123 for <reports@hackney.gov.uk>; Mon, 30 Nov 2026 10:15:00 +0000`,
    );
    expect(received(stamp({ signedInAs: null }), null)).toBe(
      `from laptop.school.example.org (localhost [127.0.0.1]) by ${AUTHSERV} with ESMTP id abc123; Mon, 30 Nov 2026 10:15:00 +0000`,
    );
  });

  test('keeps what the client chose to call itself on one line', () => {
    const header = received(
      stamp({ client: { hostname: 'x\r\nAuthentication-Results: evil', address: '::1', helo: 'a\nb' } }),
      null,
    );
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('from a b (x Authentication-Results: evil [::1])');
  });

  test('dates in RFC 5322 form, in UTC', () => {
    expect(mailDate(Temporal.Instant.from('2026-07-01T08:00:00+01:00'))).toBe(
      'Wed, 01 Jul 2026 07:00:00 +0000',
    );
  });
});

describe("removing Authentication-Results written in the server's name", () => {
  const body = Buffer.concat([
    Buffer.from(
      crlf('', 'Authentication-Results: conference-desk.localhost; dmarc=pass', '', 'Report attached.'),
      'latin1',
    ),
    Buffer.from([0x00, 0x80, 0xc3, 0xff, 0x0d, 0x0a]),
  ]);
  const message = Buffer.concat([
    Buffer.from(
      crlf(
        `Authentication-Results: ${AUTHSERV}; dmarc=pass header.from=school.example.org`,
        'Received: from a by b; Mon, 30 Nov 2026 10:00:00 +0000',
        'AUTHENTICATION-RESULTS: Conference-Desk.Localhost;',
        '\tdkim=pass header.d=school.example.org;',
        ' dmarc=pass header.from=school.example.org',
        'Authentication-Results: mx.google.com; dmarc=pass header.from=school.example.org',
        `Authentication-Results: ${AUTHSERV}.evil.example; dmarc=pass`,
        `X-Authentication-Results: ${AUTHSERV}; dmarc=pass`,
        `authentication-results:${AUTHSERV}`,
        'From: DSL <dsl@school.example.org>',
        'Subject: Report for CPC-7F3K',
      ),
      'latin1',
    ),
    body,
  ]);

  test("drops every one naming the server, with their continuation lines, and keeps others' and the body", () => {
    const cleaned = withoutOwnResults(message, AUTHSERV);
    const [head] = cleaned.toString('latin1').split('\r\n\r\n');
    expect(head?.split('\r\n')).toEqual([
      'Received: from a by b; Mon, 30 Nov 2026 10:00:00 +0000',
      'Authentication-Results: mx.google.com; dmarc=pass header.from=school.example.org',
      `Authentication-Results: ${AUTHSERV}.evil.example; dmarc=pass`,
      `X-Authentication-Results: ${AUTHSERV}; dmarc=pass`,
      'From: DSL <dsl@school.example.org>',
      'Subject: Report for CPC-7F3K',
    ]);
    expect(cleaned.subarray(cleaned.length - body.length).equals(body)).toBe(true);
  });

  test('drops one whose authserv-id is folded onto the next line, or put after a comment', () => {
    const forged = Buffer.from(
      crlf(
        'Authentication-Results:',
        ` ${AUTHSERV}; dmarc=pass header.from=school.example.org`,
        `Authentication-Results: (checked) ${AUTHSERV}; dmarc=pass header.from=school.example.org`,
        `Authentication-Results: "${AUTHSERV}"; dmarc=pass header.from=school.example.org`,
        'Subject: hi',
        '',
        'body',
      ),
      'latin1',
    );
    expect(withoutOwnResults(forged, AUTHSERV).toString('latin1')).toBe(crlf('Subject: hi', '', 'body'));
  });

  test('works on a message with bare LF line ends, and on one with no body at all', () => {
    const lf = Buffer.from(
      `Authentication-Results: ${AUTHSERV}; dmarc=pass\nSubject: hi\n\nbody\n`,
      'latin1',
    );
    expect(withoutOwnResults(lf, AUTHSERV).toString('latin1')).toBe('Subject: hi\n\nbody\n');
    const headOnly = Buffer.from(
      crlf(`Authentication-Results: ${AUTHSERV}; dmarc=pass`, 'Subject: hi'),
      'latin1',
    );
    expect(withoutOwnResults(headOnly, AUTHSERV).toString('latin1')).toBe(crlf('Subject: hi'));
  });

  test('leaves a message that names the server nowhere byte-for-byte as it was', () => {
    const clean = Buffer.concat([Buffer.from(crlf('From: a@b.example', 'Subject: é', ''), 'utf8'), body]);
    expect(withoutOwnResults(clean, AUTHSERV).equals(clean)).toBe(true);
  });

  test('reads a continuation at the top of the sender’s block as part of the server’s verdict: a DKIM pass it never gave', async () => {
    // Why the server refuses such a block (message-checks): stamped on top, it joins our header.
    const forged = Buffer.from(
      crlf(' ; dkim=pass header.d=police.example.org', 'From: dc.one@police.example.org', '', 'x'),
      'latin1',
    );
    const ours = authenticationResults(stamp({ signedInAs: null, from: 'dc.one@police.example.org' }));
    const parsed = await simpleParser(prepend(forged, [['Authentication-Results', ours]]));
    const values = parsed.headerLines
      .filter((line) => line.key === 'authentication-results')
      .map((line) => line.line.slice(line.line.indexOf(':') + 1));
    expect(intakeVerdict(values, 'dc.one@police.example.org')).toBeNull();
    expect(intakeVerdict([ours], 'dc.one@police.example.org')).toBe('not-authenticated');
  });

  test("gives intake the server's own verdict, not the forgery, once stamped on top", async () => {
    const forged = withoutOwnResults(message, AUTHSERV);
    const stamped = prepend(forged, [
      ['Received', received(stamp({ signedInAs: null }), 'reports@hackney.gov.uk')],
      ['Authentication-Results', authenticationResults(stamp({ signedInAs: null }))],
    ]);
    const parsed = await simpleParser(stamped);
    const values = parsed.headerLines
      .filter((line) => line.key === 'authentication-results')
      .map((line) => line.line.slice(line.line.indexOf(':') + 1).trim());
    expect(values[0]).toBe(authenticationResults(stamp({ signedInAs: null })));
    expect(values.filter((v) => v.toLowerCase().startsWith(`${AUTHSERV};`))).toHaveLength(1);
    expect(intakeVerdict(values)).toBe('not-authenticated');
    // Without the removal, the forgery would still be ignored: only the topmost header counts.
    expect(
      intakeVerdict([authenticationResults(stamp({ signedInAs: null })), `${AUTHSERV}; dmarc=pass`]),
    ).toBe('not-authenticated');
  });
});

describe('the Return-Path header', () => {
  test("is the envelope's reverse-path in angle brackets, and <> for a bounce's null one", () => {
    expect(returnPath('dsl@school.example.org')).toBe('<dsl@school.example.org>');
    expect(returnPath('')).toBe('<>');
  });

  test('stays on one line whatever the address holds', () => {
    expect(returnPath('a@b.example\r\nAuthentication-Results: evil')).toBe(
      '<a@b.exampleAuthentication-Results: evil>',
    );
  });
});

describe('removing a Return-Path the sender wrote', () => {
  test('drops every one, folded or in any case, and keeps the rest of the message as it was', () => {
    const raw = Buffer.from(
      crlf(
        'Return-Path: <bounce@evil.example>',
        'From: DSL <dsl@school.example.org>',
        'RETURN-PATH:',
        ' <other@evil.example>',
        'X-Return-Path: <kept@example.org>',
        'Subject: Report',
        '',
        'Return-Path: <in-the-body@example.org>',
      ),
      'latin1',
    );
    expect(withoutReturnPath(raw).toString('latin1')).toBe(
      crlf(
        'From: DSL <dsl@school.example.org>',
        'X-Return-Path: <kept@example.org>',
        'Subject: Report',
        '',
        'Return-Path: <in-the-body@example.org>',
      ),
    );
  });

  test('hands a message with none back as it came, not a copy', () => {
    const raw = Buffer.from(crlf('From: a@b.example', '', 'body'), 'latin1');
    expect(withoutReturnPath(raw)).toBe(raw);
    expect(withoutOwnResults(raw, AUTHSERV)).toBe(raw);
  });
});

describe('prepending headers', () => {
  test('puts them on top in the order given, the first topmost, and keeps the message after them', () => {
    const raw = Buffer.from(crlf('Subject: hi', '', 'body'), 'latin1');
    expect(
      prepend(raw, [
        ['Delivered-To', 'reports@hackney.gov.uk'],
        ['Received', 'from a by b; now'],
      ]).toString('latin1'),
    ).toBe(
      crlf('Delivered-To: reports@hackney.gov.uk', 'Received: from a by b; now', 'Subject: hi', '', 'body'),
    );
  });
});
