/**
 * Three projects: fast unit specs beside the code, integration suites against the shared services,
 * and fault suites that kill and restart services of their own, one at a time.
 */
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      // Resolves @lumbung/* also where Jest's moduleNameMapper does not reach (globalSetup).
      baseUrl: __dirname,
      paths: {
        '@lumbung/database/standalone': ['libs/database/src/standalone.ts'],
        '@lumbung/ledger/standalone': ['libs/ledger/src/standalone.ts'],
        '@lumbung/exports/standalone': ['libs/exports/src/standalone.ts'],
        '@lumbung/*': ['libs/*/src/index.ts'],
      },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const esmPackageTransform = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swcTransform, '^.+\\.js$': esmPackageTransform },
  // NestJS 12 ships ESM only and Jest cannot require() ESM on Node 20: compile it to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleNameMapper: {
    '^@lumbung/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^@lumbung/([a-z-]+)/standalone$': '<rootDir>/libs/$1/src/standalone.ts',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
module.exports = {
  // Global only (Jest ignores it per project): integration suites wait on real services.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      // Workers killed, Redis and PostgreSQL restarted (DESIGN.md section 8): one file at a time,
      // each on private servers of its own, stopped by the teardown whatever the suites did.
      ...shared,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.e2e-spec.ts'],
      runner: '<rootDir>/test/support/serial-runner.js',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/faults-teardown.ts',
    },
  ],
};
