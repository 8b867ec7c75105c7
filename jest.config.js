// Unit specs live beside the code (*.spec.ts); cross-app suites under test/ (*.e2e-spec.ts).
// Run through `npm test` (test/run-tests.js), which provides the real PostgreSQL and Kafka.
const { pathsToModuleNameMapper } = require('./test/env/paths');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: pathsToModuleNameMapper(),
  testTimeout: 60000,
  maxWorkers: 2,
};
