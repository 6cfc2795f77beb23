// Two projects: unit tests need nothing running; integration tests (*.int.test.ts) get a
// Firestore emulator that the project's globalSetup starts on a free port and stops after.
// ES-module-only dependencies (temporal-polyfill) load through Node 24's require(esm),
// which Jest 30 supports natively, so no node_modules are transpiled.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
// A test's timeout only catches a hang: speed is measured in benchmarks (npm run bench), never by
// failing a test. Jest's 5 s default would fail a 2 s integration test on a busy two-CPU CI machine.
// (Jest takes testTimeout for the whole run, not per project.)
const HANG_GUARD_MS = 30_000;

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: HANG_GUARD_MS,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/support/firestore-emulator-setup.ts',
      globalTeardown: '<rootDir>/test/support/firestore-emulator-teardown.ts',
    },
  ],
};
