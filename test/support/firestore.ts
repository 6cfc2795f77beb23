// Firestore for integration tests: a client for the emulator globalSetup started, and a fresh
// root document per test so tests never see each other's data and need no cleanup.
import { randomUUID } from 'node:crypto';
import { Firestore } from '@google-cloud/firestore';
import { EMULATOR_PROJECT_ID } from './firestore-emulator';

/** A client for the emulator; refuses to run without one so a test can never reach a real project. */
export function testFirestore(): Firestore {
  if (process.env.FIRESTORE_EMULATOR_HOST === undefined || process.env.FIRESTORE_EMULATOR_HOST === '') {
    throw new Error(
      'FIRESTORE_EMULATOR_HOST is not set: run integration tests with `npm run test:integration`, whose globalSetup starts the emulator',
    );
  }
  return new Firestore({ projectId: EMULATOR_PROJECT_ID });
}

/** A document path no other test uses, e.g. test-runs/0b6f…, to hold one test's collections. */
export function randomRoot(): string {
  return `test-runs/${randomUUID()}`;
}
