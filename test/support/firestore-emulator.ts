// The integration tests' Firestore emulator: the launcher `npm start` uses too, plus the handle
// Jest's globalSetup passes to its globalTeardown.
import type { FirestoreEmulator } from '../../functions/src/local/firestore-emulator';

export {
  EMULATOR_PROJECT_ID,
  startFirestoreEmulator,
  type FirestoreEmulator,
} from '../../functions/src/local/firestore-emulator';

// Jest runs globalSetup and globalTeardown in one process with one globalThis; a registered
// symbol passes the handle between the two modules without widening globalThis's type.
const HANDLE = Symbol.for('conference-desk.firestore-emulator');
type HandleHolder = { [HANDLE]?: FirestoreEmulator | undefined };

export function keepEmulator(emulator: FirestoreEmulator): void {
  (globalThis as HandleHolder)[HANDLE] = emulator;
}

export function takeEmulator(): FirestoreEmulator | undefined {
  const holder = globalThis as HandleHolder;
  const emulator = holder[HANDLE];
  holder[HANDLE] = undefined;
  return emulator;
}
