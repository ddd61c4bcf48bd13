// One jest run, four layers. `npm test` (scripts/test.mjs) builds what the weapp and e2e layers load first.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }];
const common = { transform: { '^.+\\.(t|j)sx?$': swc }, moduleNameMapper: { '^@contracts/(.*)$': '<rootDir>/cloud/contracts/$1' }, transformIgnorePatterns: ['/node_modules/(?!(marked|yaml)/)'] };

module.exports = {
  testTimeout: 60000,
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'api', testEnvironment: 'node', testMatch: ['<rootDir>/tests/api/**/*.test.ts'] },
    { ...common, displayName: 'weapp', testEnvironment: 'jsdom', testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
