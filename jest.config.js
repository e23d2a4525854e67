// One Jest run over every project. SWC strips types (no type-check per run: `npm run typecheck` does that once).
const fs = require('fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts'],
  // jose 6 is an ES module: Node (20.19+) requires it natively, Jest's module system does not, so
  // its files are compiled to CommonJS like ours.
  transform: { '^.+\\.ts$': ['@swc/jest', swc], '/node_modules/jose/.+\\.js$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
  // Integration suites start brokers and databases; two cores, so keep workers at two.
  maxWorkers: 2,
  testSequencer: '<rootDir>/jest.sequencer.js',
  modulePathIgnorePatterns: ['<rootDir>/.data', '<rootDir>/dist'],
};
