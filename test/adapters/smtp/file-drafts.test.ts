// Drafts without Gmail: an .eml a mail client opens as an unsent message, with its Bcc kept for
// the chair to check, named by its Message-ID so a retried attempt finds the first draft.
import { mkdtempSync, readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser, type AddressObject } from 'mailparser';
import { FileDrafts } from '../../../functions/src/adapters/smtp/file-drafts';
import { MailDir, MailFolderError } from '../../../functions/src/adapters/smtp/mail-dir';
import type { DraftMail } from '../../../functions/src/ports';

const CHAIR = 'Chair.One@hackney.gov.uk';
const MESSAGE_ID = '<outcome-cpc-7f3k-professionals@conference-desk.hackney.gov.uk>';

function draft(overrides: Partial<DraftMail> = {}): DraftMail {
  return {
    to: ['social.worker@hackney.gov.uk'],
    bcc: ['dc.one@police.example.org', 'dsl@school.example.org'],
    subject: 'Outcome of conference CPC-7F3K',
    text: 'The conference decided on a child protection plan.',
    html: '<p>The conference decided on a child protection plan.</p>',
    messageIdHeader: MESSAGE_ID,
    replyTo: 'cp-conferences@hackney.gov.uk',
    ...overrides,
  };
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((v) =>
    v.value.map((a) => a.address ?? ''),
  );

let root: string;
let drafts: FileDrafts;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'file-drafts-'));
  drafts = new FileDrafts(new MailDir(root));
});

describe('a draft', () => {
  test("is an unsent .eml in the owner's drafts folder, from the owner, with every recipient the chair must check", async () => {
    const made = await drafts.create(CHAIR, draft(), true);
    const path = fileURLToPath(made.draftId);
    expect(path.startsWith(join(root, 'chair.one@hackney.gov.uk', 'drafts'))).toBe(true);
    expect(path).toMatch(/\/[0-9a-f]{24}\.eml$/);
    expect(made.messageId).toBe(MESSAGE_ID);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const parsed = await simpleParser(readFileSync(path));
    expect(parsed.headers.get('x-unsent')).toBe('1');
    expect(addresses(parsed.from)).toEqual([CHAIR]);
    expect(addresses(parsed.to)).toEqual(['social.worker@hackney.gov.uk']);
    expect(addresses(parsed.bcc)).toEqual(['dc.one@police.example.org', 'dsl@school.example.org']);
    expect(addresses(parsed.replyTo)).toEqual(['cp-conferences@hackney.gov.uk']);
    expect(parsed.messageId).toBe(MESSAGE_ID);
    expect(parsed.subject).toBe('Outcome of conference CPC-7F3K');
    expect(parsed.text?.trim()).toBe('The conference decided on a child protection plan.');
    expect(parsed.html).toContain('<p>The conference decided on a child protection plan.</p>');
  });

  test('has no Reply-To when none is asked for', async () => {
    const made = await drafts.create(CHAIR, draft({ replyTo: null }), true);
    const parsed = await simpleParser(readFileSync(fileURLToPath(made.draftId)));
    expect(parsed.replyTo).toBeUndefined();
  });

  test('is found, not written again, when an earlier attempt already made it', async () => {
    const first = await drafts.create(CHAIR, draft(), true);
    const path = fileURLToPath(first.draftId);
    const before = readFileSync(path);
    const long = new Date('2026-01-01T00:00:00Z');
    utimesSync(path, long, long);

    const again = await drafts.create(CHAIR, draft({ subject: 'A different subject' }), true);
    expect(again).toEqual(first);
    expect(statSync(path).mtime).toEqual(long);
    expect(readFileSync(path)).toEqual(before);
    expect(readdirSync(join(root, 'chair.one@hackney.gov.uk', 'drafts'))).toEqual([path.split('/').pop()]);
  });

  test('is written afresh when the caller does not ask to look first', async () => {
    const first = await drafts.create(CHAIR, draft(), false);
    const again = await drafts.create(CHAIR, draft({ subject: 'A different subject' }), false);
    expect(again).toEqual(first);
    const parsed = await simpleParser(readFileSync(fileURLToPath(again.draftId)));
    expect(parsed.subject).toBe('A different subject');
  });

  test('is named by its Message-ID, with or without angle brackets, whatever its case', () => {
    const path = drafts.pathOf(CHAIR, MESSAGE_ID);
    expect(drafts.pathOf(CHAIR, MESSAGE_ID.slice(1, -1))).toBe(path);
    expect(drafts.pathOf(CHAIR, MESSAGE_ID.toUpperCase())).toBe(path);
    expect(drafts.pathOf(CHAIR, '<another@conference-desk.hackney.gov.uk>')).not.toBe(path);
  });

  test('is refused for an owner whose address cannot be a folder', async () => {
    await expect(drafts.create('../chair@hackney.gov.uk', draft(), true)).rejects.toThrow(MailFolderError);
  });
});

describe('the drafts link', () => {
  test("opens the owner's drafts folder", async () => {
    const made = await drafts.create(CHAIR, draft(), true);
    const folder = fileURLToPath(drafts.link(CHAIR));
    expect(folder).toBe(join(root, 'chair.one@hackney.gov.uk', 'drafts'));
    expect(fileURLToPath(made.draftId).startsWith(`${folder}/`)).toBe(true);
  });
});
