// The Message-IDs an SMTP relay accepted (sentMail/{sha-256 of the Message-ID}), so a send whose
// answer was lost after the relay took it is not repeated. The id is hashed because a Message-ID
// holds '/' and '@', and the document holds nothing else a person could read.
import { createHash } from 'node:crypto';
import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import type { Temporal } from 'temporal-polyfill';
import type { SentLog } from '../../ports';
import { rootDocument } from './firestore-paths';
import { toTimestamp } from './stored-fields';

export const SENT_MAIL_COLLECTION = 'sentMail';

/** The key of a Message-ID, with or without its angle brackets. */
export function sentMailKey(messageIdHeader: string): string {
  const bare = messageIdHeader.trim().replace(/^<|>$/g, '').toLowerCase();
  return createHash('sha256').update(bare).digest('hex');
}

export class FirestoreSentLog implements SentLog {
  private readonly collection: CollectionReference;

  constructor(options: { readonly db: Firestore; readonly root: string | undefined }) {
    const base = rootDocument(options.db, options.root);
    this.collection =
      base === undefined
        ? options.db.collection(SENT_MAIL_COLLECTION)
        : base.collection(SENT_MAIL_COLLECTION);
  }

  async record(messageIdHeader: string, at: Temporal.Instant): Promise<void> {
    await this.collection.doc(sentMailKey(messageIdHeader)).set({ at: toTimestamp(at) });
  }

  async contains(messageIdHeader: string): Promise<boolean> {
    return (await this.collection.doc(sentMailKey(messageIdHeader)).get()).exists;
  }
}
