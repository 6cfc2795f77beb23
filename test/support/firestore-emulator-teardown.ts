// Jest globalTeardown for the integration project: stops the emulator globalSetup started.
import { takeEmulator } from './firestore-emulator';

export default async function teardown(): Promise<void> {
  await takeEmulator()?.stop();
}
