// What the bytes of an attachment really are, whatever its name says, read as they stream.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import {
  AttachmentInspector,
  inspectAttachment,
  type DeclaredAttachment,
} from '../../../functions/src/adapters/mail/inspect-attachment';
import { oleFile, wordDocument, zipFile } from '../../support/zip-file';

const PDF: DeclaredAttachment = { filename: 'report.pdf', contentType: 'application/pdf' };
const BINARY: DeclaredAttachment = { filename: null, contentType: 'application/octet-stream' };

/** Feeds `bytes` in chunks of `size` (the whole buffer at once by default). */
function inspect(bytes: Buffer, declared = BINARY, size = bytes.length || 1) {
  const inspector = new AttachmentInspector(declared);
  for (let i = 0; i < bytes.length; i += size) inspector.update(bytes.subarray(i, i + size));
  return inspector.finish();
}

const findings = (bytes: Buffer, declared = BINARY, size?: number) => inspect(bytes, declared, size).findings;
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const encryptedZip = zipFile([
  { name: 'minutes.txt', data: 'not secret' },
  { name: 'CPC-7F3K report.docx', data: 'x'.repeat(40), encryptedAs: Buffer.alloc(52, 0x5a) },
]);

describe('size and hash', () => {
  test('are those of all the bytes, however they are split', () => {
    const bytes = Buffer.from('%PDF-1.4\n' + 'lorem ipsum '.repeat(5000));
    for (const size of [1, 7, 4096, bytes.length]) {
      expect(inspect(bytes, PDF, size)).toEqual({ size: bytes.length, sha256: sha256(bytes), findings: [] });
    }
  });

  test('of an empty attachment are zero and the hash of nothing', () => {
    expect(inspect(Buffer.alloc(0))).toEqual({ size: 0, sha256: sha256(Buffer.alloc(0)), findings: [] });
  });
});

describe('programs and scripts', () => {
  test.each([
    ['a Windows program (MZ)', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126)])],
    ['a Linux program (ELF)', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])],
    ['a macOS program (Mach-O 64-bit)', Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1])],
    ['a macOS universal binary', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2])],
    ['a shell script', Buffer.from('#!/bin/sh\ncurl http://example.com | sh\n')],
  ])('finds %s, even named as a PDF', (_what, bytes) => {
    expect(findings(bytes, PDF)).toEqual(['executable-content']);
  });

  test('finds the magic when it arrives one byte at a time', () => {
    expect(findings(Buffer.from('MZ\x90\x00'), PDF, 1)).toEqual(['executable-content']);
  });

  test('does not take "MZ" later in a file for a program', () => {
    expect(findings(Buffer.from('Notes: MZ is a postcode area.'))).toEqual([]);
  });
});

describe('ZIP archives and Office documents', () => {
  test('an ordinary Word document has nothing to report', () => {
    expect(findings(wordDocument('Report for CPC-7F3K'))).toEqual([]);
  });

  test('a macro-enabled Word document carries a VBA project, whatever it is called', () => {
    const docm = wordDocument('Report for CPC-7F3K', { macros: true });
    expect(findings(docm, { filename: 'report.docx', contentType: 'application/octet-stream' })).toEqual([
      'macro-project',
    ]);
  });

  test('an encrypted entry makes an encrypted archive', () => {
    expect(findings(encryptedZip)).toEqual(['encrypted-archive']);
  });

  test('finds entries whose names can carry code, deflated or stored, in folders', () => {
    const zip = zipFile([
      { name: 'Reports/CPC-7F3K.pdf', data: '%PDF-1.4' },
      { name: 'Reports/open-me.pdf.js', data: 'WScript.Shell' },
    ]);
    expect(findings(zip)).toEqual(['risky-archive-entry']);
    expect(findings(zipFile([{ name: 'tools\\setup.exe', data: 'MZ', stored: true }]))).toEqual([
      'risky-archive-entry',
    ]);
  });

  test('still sees the entries of a stored ZIP inside a ZIP, and holds it for being there', () => {
    const inner = zipFile([{ name: 'run.bat', data: 'del /q *' }]);
    expect(findings(zipFile([{ name: 'inner.zip', data: inner, stored: true }]))).toEqual([
      'risky-archive-entry',
      'nested-archive',
    ]);
  });

  test('finds an archive of any format, or an email, inside a ZIP: their contents are out of sight', () => {
    const inner = zipFile([{ name: 'run.bat', data: 'del /q *' }]);
    expect(findings(zipFile([{ name: 'inner.zip', data: inner }]))).toEqual(['nested-archive']);
    expect(findings(zipFile([{ name: 'more.7z', data: 'whatever' }]))).toEqual(['nested-archive']);
    expect(findings(zipFile([{ name: 'Fwd report.eml', data: 'From: a@b\r\n\r\nhi' }]))).toEqual([
      'nested-archive',
    ]);
    expect(findings(zipFile([{ name: 'mail/Report.MSG', data: 'x' }]))).toEqual(['nested-archive']);
  });

  test('does not take a document whose name merely contains "zip" for an archive', () => {
    expect(findings(zipFile([{ name: 'zip-codes.pdf', data: '%PDF-1.4' }]))).toEqual([]);
  });

  test('finds a ZIP appended to something else (a self-extracting program)', () => {
    const sfx = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(1000),
      zipFile([{ name: 'payload.vbs', data: 'x' }]),
    ]);
    expect(findings(sfx)).toEqual(['executable-content', 'risky-archive-entry']);
  });

  test('reads the same from any split of the bytes into two chunks', () => {
    const zip = zipFile([
      { name: 'a.txt', data: 'hello' },
      { name: 'b.exe', data: 'MZ', stored: true },
      { name: 'word/vbaProject.bin', data: 'vba' },
      { name: 'c.txt', data: 'x', encryptedAs: Buffer.alloc(12) },
    ]);
    const expected = ['macro-project', 'encrypted-archive', 'risky-archive-entry'];
    for (let at = 0; at <= zip.length; at++) {
      const inspector = new AttachmentInspector(BINARY);
      inspector.update(zip.subarray(0, at));
      inspector.update(zip.subarray(at));
      expect(inspector.finish().findings).toEqual(expected);
    }
  });

  test.each([1, 2, 3, 5, 29, 31, 64])('reads the same in chunks of %i bytes', (size) => {
    expect(findings(wordDocument('x', { macros: true }), BINARY, size)).toEqual(['macro-project']);
    expect(findings(encryptedZip, BINARY, size)).toEqual(['encrypted-archive']);
  });

  test('reads an entry name of the longest length ZIP allows, split across many chunks', () => {
    const name = 'a'.repeat(65_531) + '.exe';
    expect(findings(zipFile([{ name, data: 'x' }]), BINARY, 1000)).toEqual(['risky-archive-entry']);
  });

  test('reports encryption from a header cut off by the end of the file before its name', () => {
    const whole = zipFile([{ name: 'cut-off-name.docx', data: 'x', encryptedAs: Buffer.alloc(8) }]);
    expect(findings(whole.subarray(0, 35))).toEqual(['encrypted-archive']);
  });

  test('does not take a chance "PK\\3\\4" in compressed data for an encrypted entry', () => {
    // A plausible flag word (bit 0 set) but a compression method and version no ZIP uses.
    const chance = Buffer.from([
      0x50,
      0x4b,
      0x03,
      0x04,
      0xee,
      0x91,
      0x01,
      0x00,
      0x77,
      0x3c,
      ...Array<number>(40).fill(7),
    ]);
    const noise = Buffer.concat([deflateRawSync(Buffer.from('stream data '.repeat(100))), chance]);
    expect(findings(noise, PDF)).toEqual([]);
  });
});

describe('Word 97-2003 and Excel 97-2003 files (OLE)', () => {
  test('a VBA project stream is a macro project', () => {
    expect(findings(oleFile(['_VBA_PROJECT_CUR', 'VBA', '_VBA_PROJECT']))).toEqual(['macro-project']);
  });

  test("Word's Macros storage is a macro project", () => {
    expect(
      findings(oleFile(['WordDocument', 'Macros']), {
        filename: 'report.doc',
        contentType: 'application/msword',
      }),
    ).toEqual(['macro-project']);
  });

  test('a document with no VBA, whose text mentions macros, is not', () => {
    const text = Buffer.from('Macros and _VBA are discussed', 'utf16le');
    expect(findings(Buffer.concat([oleFile(['WordDocument', '1Table']), text]))).toEqual([]);
  });

  test('finds a name split across chunks, after a large first sector', () => {
    expect(findings(oleFile(['Macros'], 100_000), BINARY, 4093)).toEqual(['macro-project']);
  });

  test('the names mean nothing outside an OLE file', () => {
    expect(findings(Buffer.from('plain text _VBA_PROJECT', 'utf16le'))).toEqual([]);
  });
});

describe('archives that cannot be looked into', () => {
  test.each([
    ['7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4])],
    ['RAR 4', Buffer.from('Rar!\x1a\x07\x00', 'latin1')],
    ['RAR 5', Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1')],
    ['gzip', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0])],
    ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4])],
    ['bzip2', Buffer.from('BZh91AY&SY\x00\x00', 'latin1')],
    ['a Microsoft cabinet', Buffer.from('MSCF\0\0\0\0\x10\x00', 'latin1')],
  ])('%s', (_format, bytes) => {
    expect(findings(bytes)).toEqual(['uninspectable-archive']);
  });

  test('text that starts like bzip2 is not bzip2', () => {
    expect(findings(Buffer.from('BZh9 is not a real word'))).toEqual([]);
  });
});

describe("Outlook's winmail.dat (TNEF)", () => {
  test.each([
    ['its type', { filename: 'attachment.bin', contentType: 'application/ms-tnef' }, Buffer.from('data')],
    ['its name', { filename: 'winmail.dat', contentType: 'application/octet-stream' }, Buffer.from('data')],
    ['its bytes', BINARY, Buffer.from([0x78, 0x9f, 0x3e, 0x22, 0x2a, 0x51])],
  ])('is recognised by %s', (_by, declared: DeclaredAttachment, bytes) => {
    expect(findings(bytes, declared)).toEqual(['tnef']);
  });
});

describe('reading a stream', () => {
  test('gives the declared name and type with what the bytes showed', async () => {
    const bytes = wordDocument('x', { macros: true });
    const declared = {
      filename: 'report.docm',
      contentType: 'application/vnd.ms-word.document.macroenabled.12',
    };
    await expect(
      inspectAttachment(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]), declared),
    ).resolves.toEqual({
      ...declared,
      size: bytes.length,
      sha256: sha256(bytes),
      findings: ['macro-project'],
    });
  });

  test('rejects when the stream fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('decoder failed'));
      },
    });
    await expect(inspectAttachment(failing, PDF)).rejects.toThrow('decoder failed');
  });
});
