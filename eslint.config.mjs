// Layer rules of ARCHITECTURE.md, enforced by the lint:
//  - a service (scope:<svc>) imports only itself and shared libs; libs never import apps;
//  - libs/domain and every `domain/` folder stay plain TypeScript (no NestJS, TypeORM, pg, Kafka, BullMQ);
//  - inside a service, arrows point inward: domain <- application <- infrastructure / api.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const specFiles = ['**/*.spec.ts', '**/*.contract.ts', '**/test-*.ts', '**/*.fixture.ts', 'apps/console/e2e/**/*.ts'];
const frameworkPackages = ['@nestjs/*', 'typeorm', 'pg', 'pg-*', 'kafkajs', 'bullmq', 'ioredis', 'express'];

function boundaries(testCode) {
  const shared = testCode ? ['scope:shared', 'scope:testing'] : ['scope:shared'];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: shared },
      { sourceTag: 'layer:domain', onlyDependOnLibsWithTags: ['layer:domain'], bannedExternalImports: frameworkPackages },
      { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'] },
      { sourceTag: 'scope:vetting', onlyDependOnLibsWithTags: ['scope:vetting', ...shared] },
      { sourceTag: 'scope:tipline', onlyDependOnLibsWithTags: ['scope:tipline', ...shared] },
      { sourceTag: 'scope:auditing', onlyDependOnLibsWithTags: ['scope:auditing', ...shared] },
      { sourceTag: 'scope:grievance', onlyDependOnLibsWithTags: ['scope:grievance', ...shared] },
      {
        sourceTag: 'scope:standalone',
        onlyDependOnLibsWithTags: ['scope:vetting', 'scope:tipline', 'scope:auditing', 'scope:grievance', ...shared],
      },
      { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['*'] },
      // The console is static files talking HTTP to the services: it imports no project, and its
      // browser tests only the standalone host and the test helpers.
      { sourceTag: 'scope:console', onlyDependOnLibsWithTags: testCode ? ['scope:standalone', ...shared] : [] },
    ],
  };
}

export default [
  { ignores: ['**/node_modules', '**/dist', '**/.data', 'tools/kafka-test-broker/build', '.nx'] },
  ...tseslint.configs.recommended,
  { files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
    },
  },
  {
    // Tests of shared libs may use the test helpers (per-test database, Kafka test broker).
    files: specFiles,
    plugins: { '@nx': nx },
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(true)] },
  },
  {
    // A service's domain/ folder: no frameworks, and nothing from the outer layers.
    files: ['apps/**/domain/**/*.ts', 'libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworkPackages, message: 'domain code is plain TypeScript: no framework or driver imports' },
            { group: ['**/application/**', '**/infrastructure/**', '**/api/**'], message: 'domain must not import outer layers' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/application/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/infrastructure/**', '**/api/**'], message: 'application must not import infrastructure or api' }] },
      ],
    },
  },
];
