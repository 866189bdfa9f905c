/**
 * The chaos suite (`npm run test:chaos`): workers killed with SIGKILL, Redis and PostgreSQL restarted under
 * load. It owns its own PostgreSQL and redis-server, which it stops and starts, so it runs apart from the
 * three tiers of the root jest.config.js (which share one PostgreSQL and one Redis) and in band.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: `${__dirname}/../..`,
  displayName: 'chaos',
  testMatch: ['<rootDir>/test/chaos/**/*.chaos.spec.ts'],
  transform: { '^.+\\.[tj]s$': swc },
  // As in the root config: content-disposition 3 ships ES modules only.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: { '^@lib/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  // A scenario waits up to 2 minutes for what it watches; the whole run takes about 2.
  testTimeout: 240000,
};
