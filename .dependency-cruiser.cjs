/**
 * Architecture rules, checked by `npm run lint` (depcruise apps libs migrations).
 *
 * Paths are relative to the repo root. `@lumbung/<lib>` resolves through tsconfig paths to
 * libs/<lib>/src/index.ts, so every rule below sees real file paths. Regex groups captured in
 * `from.path` are available as $1, $2 in `to.path` / `to.pathNot`, which keeps the rules generic
 * for libs that do not exist yet.
 */

// Foundation libs and the only other libs each may import. Libs not listed here (members,
// savings, loans, business-day, cross-border, reporting, onboarding, auth, ...) may import any
// lib, through its public API only.
const layers = {
  core: [],
  database: ['core'],
  audit: ['core', 'database'],
  ledger: ['core', 'database', 'audit', 'approvals'],
  approvals: ['core', 'database', 'audit'],
  // Exports read the books and nothing else: no domain lib's rules leak into what auditors get.
  // Asking for an export job is audited, hence audit.
  exports: ['core', 'database', 'audit', 'ledger'],
};

const layerRules = Object.entries(layers).map(([lib, allowed]) => ({
  name: `layer-${lib}`,
  comment: allowed.length
    ? `libs/${lib} may import only libs/${allowed.join(', libs/')}.`
    : `libs/${lib} imports no other lib.`,
  severity: 'error',
  from: { path: `^libs/${lib}/` },
  to: { path: '^libs/', pathNot: `^libs/(${[lib, ...allowed].join('|')})/` },
}));

// Infrastructure packages that never belong in a domain layer (bare name when unresolved).
const FRAMEWORKS = '(^|node_modules/)(@nestjs/[^/]+|typeorm|pg|ioredis|bullmq)(/|$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Circular dependencies make load order and layering unreadable.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-no-frameworks',
      comment: 'src/domain/ is pure TypeScript: no Nest, TypeORM, pg, ioredis or BullMQ.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: { path: FRAMEWORKS },
    },
    {
      name: 'domain-stays-in-domain',
      comment:
        'A domain folder imports only its own domain folder and libs/core (no packages, no Node builtins).',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/domain/', pathNot: '^libs/core/' },
      // devDependencies are left to not-to-dev-dep, so domain specs may use fast-check.
      to: { pathNot: '^libs/($1/src/domain/|core/src/)', dependencyTypesNot: ['npm-dev'] },
    },
    {
      name: 'core-domain-stays-in-core',
      comment: "libs/core's domain folder imports only libs/core, Node builtins and decimal.js.",
      severity: 'error',
      from: { path: '^libs/core/src/domain/' },
      to: {
        dependencyTypesNot: ['core', 'npm-dev'],
        pathNot: '^(libs/core/src/|(node_modules/)?decimal\\.js(/|$))',
      },
    },
    {
      name: 'libs-not-to-apps',
      comment: 'Libs never depend on apps.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'lib-public-api-only',
      comment:
        'Another lib is imported only through its src/index.ts (`@lumbung/<lib>`), or its ' +
        'src/standalone.ts (`@lumbung/<lib>/standalone`): the part a process uses without Nest.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: {
        path: '^libs/[^/]+/src/',
        pathNot: '^libs/($1/|[^/]+/src/(index|standalone)\\.ts$)',
      },
    },
    {
      name: 'app-public-api-only',
      comment:
        'Apps and migrations import a lib only through its src/index.ts (`@lumbung/<lib>`) ' +
        'or its src/standalone.ts (`@lumbung/<lib>/standalone`).',
      severity: 'error',
      from: { pathNot: '^libs/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/[^/]+/src/(index|standalone)\\.ts$' },
    },
    {
      name: 'not-to-dev-dep',
      comment: 'Runtime code may not need devDependencies: the image installs with --omit=dev.',
      severity: 'error',
      from: { path: '^(apps|libs|migrations)/', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    ...layerRules,
    {
      name: 'migrations-only-core-and-database',
      comment:
        'Migrations must keep working as the code evolves: only libs/core and libs/database.',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/(core|database)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Only the build output: a '(^|/)dist/' pattern would also hide packages whose entry is in dist/.
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['main', 'types', 'typings'],
    },
  },
};
