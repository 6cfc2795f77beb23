// Reads one ZIP local file header (PKWARE APPNOTE 4.3.7) found in an attachment's bytes: what a
// ZIP says about each entry in the clear, before the entry's compressed data.
import type { AttachmentFinding } from '../../domain/intake/inbound-message';
import { archiveKind, emailFileKind, riskyName } from '../../domain/intake/attachment-risk';

export const LOCAL_HEADER_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // "PK\3\4"
/** Bytes before the entry name: signature, version, flags, method, time, date, CRC, sizes, lengths. */
export const FIXED_PART = 30;

const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8_NAME = 0x0800;

// Compression methods APPNOTE defines (0 stored, 8 deflate, 12 bzip2, 14 LZMA, 93 zstd, 99 AES, …).
// "PK\3\4" turns up by chance in compressed data about once every 4 GB; requiring a known
// method and version keeps such a chance match from being read as an encrypted entry.
const KNOWN_METHODS = new Set([
  0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 14, 16, 18, 19, 20, 93, 94, 95, 96, 97, 98, 99,
]);
const HIGHEST_VERSION_NEEDED = 63; // 6.3, the current APPNOTE

/**
 * How many bytes the header starting at `header[0]` takes, once the fixed part is there; null
 * when those bytes are not a plausible local header.
 */
export function headerLength(fixed: Buffer): number | null {
  if (fixed.length < FIXED_PART) return null;
  const versionNeeded = fixed.readUInt16LE(4) & 0xff;
  const method = fixed.readUInt16LE(8);
  const nameLength = fixed.readUInt16LE(26);
  if (versionNeeded > HIGHEST_VERSION_NEEDED || !KNOWN_METHODS.has(method) || nameLength === 0) return null;
  return FIXED_PART + nameLength;
}

/** What one entry's header reveals: encryption, a VBA project, a risky or unreadable entry. */
export function entryFindings(header: Buffer): AttachmentFinding[] {
  const length = headerLength(header);
  if (length === null || header.length < length) return [];
  const flags = header.readUInt16LE(6);
  const name = header.toString(flags & FLAG_UTF8_NAME ? 'utf8' : 'latin1', FIXED_PART, length);
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);

  const findings: AttachmentFinding[] = [];
  if (flags & FLAG_ENCRYPTED) findings.push('encrypted-archive');
  // Macro-enabled OOXML (docm, xlsm, pptm…) keeps its VBA project in this entry, whatever the
  // file's extension claims.
  if (base.toLowerCase() === 'vbaproject.bin') findings.push('macro-project');
  if (riskyName(base)) findings.push('risky-archive-entry');
  // An archive or an email inside an archive hides what it carries: its entries are compressed
  // (a stored ZIP's headers are still read as they stream past, but its being there is enough).
  if (archiveKind(base) !== null || emailFileKind(base, '') !== null) findings.push('nested-archive');
  return findings;
}

/** Only the flags, for a header cut off by the end of the file before its name. */
export function truncatedHeaderFindings(fixed: Buffer): AttachmentFinding[] {
  return headerLength(fixed) !== null && fixed.readUInt16LE(6) & FLAG_ENCRYPTED ? ['encrypted-archive'] : [];
}
