/** Unit and HTTP tests run in Node; browser tests live in test/browser and drive real Chromium. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 30000,
};
