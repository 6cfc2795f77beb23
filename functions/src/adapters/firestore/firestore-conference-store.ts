// Keeps conferences in Firestore, one document per conference in `conferences`, optionally
// under a root document so tests (or a second service on one project) get their own space.
import type {
  CollectionReference,
  Firestore,
  FirestoreDataConverter,
  QueryDocumentSnapshot,
} from '@google-cloud/firestore';
import type { Conference } from '../../domain/conference/conference';
import { AppError } from '../../domain/errors';
import type { ConferenceStore } from '../../ports';
import { decodeConference, encodeConference, type ConferenceDocument } from './conference-codec';

export const CONFERENCES_COLLECTION = 'conferences';

/** A configuration or programming mistake in how the store is set up or called. */
export class FirestoreStoreError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 500);
  }
}

export const conferenceConverter: FirestoreDataConverter<Conference, ConferenceDocument> = {
  toFirestore(conference: Conference): ConferenceDocument {
    return encodeConference(conference);
  },
  fromFirestore(snapshot: QueryDocumentSnapshot): Conference {
    return decodeConference(snapshot.id, snapshot.data());
  },
};

/** Firestore's rules for a document id; anything else would be read as a path (or refused). */
function isDocumentId(id: string): boolean {
  return (
    id !== '' &&
    Buffer.byteLength(id, 'utf8') <= 1500 &&
    !id.includes('/') &&
    id !== '.' &&
    id !== '..' &&
    !/^__.*__$/.test(id)
  );
}

export interface FirestoreConferenceStoreOptions {
  readonly db: Firestore;
  /** A document path such as "tenants/hackney"; '' or absent means the top level. */
  readonly root?: string;
}

export class FirestoreConferenceStore implements ConferenceStore {
  private readonly conferences: CollectionReference<Conference, ConferenceDocument>;

  constructor({ db, root }: FirestoreConferenceStoreOptions) {
    if (root === undefined || root === '') {
      this.conferences = db.collection(CONFERENCES_COLLECTION).withConverter(conferenceConverter);
      return;
    }
    const segments = root.split('/');
    if (segments.length % 2 !== 0 || !segments.every(isDocumentId)) {
      throw new FirestoreStoreError(
        'STORE.ROOT_INVALID',
        'The Firestore root must be a document path (collection/document, with an even number of non-empty segments), or empty for the top level',
      );
    }
    this.conferences = db.doc(root).collection(CONFERENCES_COLLECTION).withConverter(conferenceConverter);
  }

  async save(conference: Conference): Promise<void> {
    if (!isDocumentId(conference.id)) {
      throw new FirestoreStoreError(
        'CONFERENCE.ID_INVALID',
        'A conference id must be a Firestore document id: not empty, no "/", at most 1500 bytes, not "." or "..", and not __name__',
      );
    }
    // set() without merge replaces the whole document, so fields a later version drops do not linger.
    await this.conferences.doc(conference.id).set(conference);
  }

  async get(id: string): Promise<Conference | undefined> {
    // No conference can be saved under such an id, and passing it on could reach another path.
    if (!isDocumentId(id)) return undefined;
    const snapshot = await this.conferences.doc(id).get();
    return snapshot.data();
  }
}
