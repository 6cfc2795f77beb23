// Runs the booking benchmark (bench/*.bench.ts) through ts-jest, so it can use the same test
// support as the integration tests: the Firestore emulator (globalSetup) and the Google fake.
// It prints figures and asserts nothing; `npm run bench` runs it after bench/run.mjs.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform,
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  globalSetup: '<rootDir>/test/support/firestore-emulator-setup.ts',
  globalTeardown: '<rootDir>/test/support/firestore-emulator-teardown.ts',
  testTimeout: 600_000,
  silent: false,
};
