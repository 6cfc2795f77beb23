// Opens an Outlook .msg (an OLE compound file, [MS-OXMSG]) with @kenjiuno/msgreader and lists
// the files it carries, so they are checked like any other attachment. A .msg cannot be read as
// a stream, so it is opened from a bounded copy in memory; one that cannot be opened is reported
// as such (and held), never taken as empty.
import type MsgReaderType from '@kenjiuno/msgreader';
import { createRequire } from 'node:module';

export interface OutlookAttachment {
  readonly filename: string | null;
  /** As the .msg declares it (PidTagAttachMimeTag), lower-cased; octet-stream when it does not. */
  readonly contentType: string;
  readonly bytes: Uint8Array;
  /** An Outlook item embedded in this one (its bytes are a .msg of their own). */
  readonly embeddedMessage: boolean;
  /** Has a Content-ID: shown inside the body (a logo), as MIME's inline images are. */
  readonly inline: boolean;
}

const load = createRequire(__filename);
let reader: typeof MsgReaderType | undefined;

function msgReader(): typeof MsgReaderType {
  // Loaded on first use, as mailparser is: only intake reads mail.
  reader ??= (load('@kenjiuno/msgreader') as { default: typeof MsgReaderType }).default;
  return reader;
}

/** The files a .msg carries, or null when it cannot be opened as one. */
export function outlookAttachments(bytes: Buffer): OutlookAttachment[] | null {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const msg = new (msgReader())(view);
    const data = msg.getFileData();
    if (data.error !== undefined) return null;
    return (data.attachments ?? []).map((fields) => {
      const attachment = msg.getAttachment(fields);
      const name = fields.fileName ?? fields.fileNameShort ?? attachment.fileName;
      return {
        filename: name === '' ? null : name,
        contentType: (fields.attachMimeTag ?? 'application/octet-stream').trim().toLowerCase(),
        bytes: attachment.content,
        embeddedMessage: fields.innerMsgContent === true,
        inline: fields.pidContentId !== undefined && fields.pidContentId !== '',
      };
    });
  } catch {
    // A damaged or crafted file: what it carries is unknown, which the caller reports.
    return null;
  }
}
