// One jest run, four layers. `npm test` (scripts/test.mjs) builds what the weapp and e2e layers load first.
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } },
];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@contracts/(.*)$': '<rootDir>/cloud/contracts/$1' },
  transformIgnorePatterns: ['/node_modules/(?!(marked|yaml)/)'],
};

/** API tests that fix their engine themselves: SQLite's own machinery (WAL checkpoints, row cache, its migrations), or MySQL and several hosts by design. */
const ENGINE_FIXED = [
  '/tests/api/checkpointer',
  '/tests/api/row-cache',
  '/tests/api/quiz-migration',
  '/tests/api/mysql-kit',
  '/tests/api/cloud-function',
  '/tests/api/start',
  '/tests/api/multi-host',
  '/tests/api/store-conformance',
  '/tests/api/wechat-outbox-store',
  '/tests/api/wechat-container',
  '/tests/api/wechat-cloud-function',
];

module.exports = {
  testTimeout: 60000,
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'api', testEnvironment: 'node', testMatch: ['<rootDir>/tests/api/**/*.test.ts'] },
    // The whole API suite again on MariaDB, less the tests of SQLite's own machinery and of hosts that choose their engine themselves.
    {
      ...common,
      displayName: 'api-mysql',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
      testPathIgnorePatterns: ENGINE_FIXED,
      setupFiles: ['<rootDir>/tests/support/use-mysql.ts'],
    },
    { ...common, displayName: 'weapp', testEnvironment: 'jsdom', testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
