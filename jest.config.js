/** Two projects: fast unit specs beside the code, and integration suites against real services. */
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      // Resolves @lumbung/* also where Jest's moduleNameMapper does not reach (globalSetup).
      baseUrl: __dirname,
      paths: { '@lumbung/*': ['libs/*/src/index.ts'] },
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
  moduleNameMapper: { '^@lumbung/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
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
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
