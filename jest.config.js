/**
 * Three tiers, all on real engines. `npm test` runs them all; the integration
 * and end-to-end tiers share one PostgreSQL (DATABASE_URL, or an embedded one)
 * and one Redis (REDIS_URL, or a redis-server from the PATH), prepared once
 * by test/support/global-setup.ts.
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

const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.[tj]s$': swc },
  // content-disposition 3 (under @fastify/static) ships ES modules only; Node 20 loads it natively, Jest's
  // module system needs it compiled to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: { '^@lib/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};

module.exports = {
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'] },
  ],
};
