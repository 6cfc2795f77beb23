// Where the store's collections live: at the top level, or under a root document so tests (or
// a second service on one project) get their own space.
import type { DocumentReference, Firestore } from '@google-cloud/firestore';
import { AppError } from '../../domain/errors';

/** A configuration or programming mistake in how the store is set up or called. */
export class FirestoreStoreError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 500);
  }
}

/** gRPC ALREADY_EXISTS: a create() found the document there (or lost a race for it). */
export function isAlreadyExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 6;
}

/** Firestore's rules for a document id; anything else would be read as a path (or refused). */
export function isDocumentId(id: string): boolean {
  return (
    id !== '' &&
    Buffer.byteLength(id, 'utf8') <= 1500 &&
    !id.includes('/') &&
    id !== '.' &&
    id !== '..' &&
    !/^__.*__$/.test(id)
  );
}

/** The root document, or undefined for the top level; throws when `root` is not a document path. */
export function rootDocument(db: Firestore, root: string | undefined): DocumentReference | undefined {
  if (root === undefined || root === '') return undefined;
  const segments = root.split('/');
  if (segments.length % 2 !== 0 || !segments.every(isDocumentId)) {
    throw new FirestoreStoreError(
      'STORE.ROOT_INVALID',
      'The Firestore root must be a document path (collection/document, with an even number of non-empty segments), or empty for the top level',
    );
  }
  return db.doc(root);
}
