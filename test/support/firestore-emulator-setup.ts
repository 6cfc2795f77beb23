// Jest globalSetup for the integration project: one Firestore emulator for the whole run,
// announced through the environment, which the test workers inherit.
import { EMULATOR_PROJECT_ID, keepEmulator, startFirestoreEmulator } from './firestore-emulator';

export default async function setup(): Promise<void> {
  const emulator = await startFirestoreEmulator();
  keepEmulator(emulator);
  process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
  process.env.GCLOUD_PROJECT = EMULATOR_PROJECT_ID;
  // The client asks Google's auth library for a universe domain even against the emulator, which
  // probes the GCE metadata server (slow, and a warning off Google Cloud); nothing here needs it.
  process.env.METADATA_SERVER_DETECTION ??= 'none';
}
