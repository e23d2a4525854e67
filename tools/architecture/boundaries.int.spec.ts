import { execFileSync } from 'child_process';
import { join } from 'path';

// The layer rules of ARCHITECTURE.md must break the lint, not a review. Each case lints source
// text as if it stood at the given path in the repo (nothing is written to the tree). All cases
// are linted in one child process, collected here first and linted in beforeAll.
const root = join(__dirname, '..', '..');
const cases: { filePath: string; code: string }[] = [];
let results: string[][] = [];

function lintCase(filePath: string, code: string): () => string[] {
  const index = cases.push({ filePath, code }) - 1;
  return () => results[index];
}

beforeAll(() => {
  const env = { ...process.env, NX_DAEMON: 'false' };
  // The Nx rule reads the cached project graph; without it the rule would silently skip.
  execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, env, stdio: 'ignore' });
  const out = execFileSync('node', [join(__dirname, 'lint-cases.js')], { cwd: root, env, input: JSON.stringify(cases) });
  results = JSON.parse(String(out));
}, 120_000);

const serviceImportsService = lintCase('apps/tipline/src/x.ts', "import * as v from '@lw/vetting';\nexport const x = v;\n");
const serviceImportsLib = lintCase('apps/tipline/src/x.ts', "import * as d from '@lw/domain';\nexport const x = d;\n");
const hostImportsService = lintCase('apps/standalone/src/x.ts', "import * as v from '@lw/vetting';\nexport const x = v;\n");
const libImportsApp = lintCase('libs/eventstore/src/x.ts', "import * as v from '@lw/tipline';\nexport const x = v;\n");
const frameworks = ['@nestjs/common', 'typeorm', 'pg', 'kafkajs', 'bullmq'];
const domainImportsFramework = frameworks.map((pkg) =>
  lintCase('apps/tipline/src/domain/tip.ts', `import * as f from '${pkg}';\nexport const x = f;\n`),
);
const domainLibImportsDriver = lintCase('libs/domain/src/x.ts', "import { Pool } from 'pg';\nexport const x = Pool;\n");
const domainImportsOuter = lintCase('apps/grievance/src/domain/case.ts', "import { x } from '../infrastructure/case.entity';\nexport const y = x;\n");
const applicationImportsApi = lintCase('apps/grievance/src/application/open-case.ts', "import { x } from '../api/case.controller';\nexport const y = x;\n");
const libCodeImportsTestKit = lintCase('libs/eventstore/src/x.ts', "import * as t from '@lw/testing';\nexport const x = t;\n");
const libSpecImportsTestKit = lintCase('libs/eventstore/src/x.spec.ts', "import * as t from '@lw/testing';\nexport const x = t;\n");
const plainDomain = lintCase('apps/grievance/src/domain/case.ts', "import { x } from './rules';\nexport const y = x;\n");

describe('module boundaries', () => {
  it('fail the lint when one service imports another', () => {
    expect(serviceImportsService()).toContain('@nx/enforce-module-boundaries');
  });
  it('let a service import shared libs', () => {
    expect(serviceImportsLib()).toEqual([]);
  });
  it('let the standalone host import the services', () => {
    expect(hostImportsService()).toEqual([]);
  });
  it('fail the lint when a lib imports an app', () => {
    expect(libImportsApp()).toContain('@nx/enforce-module-boundaries');
  });
  it.each(frameworks.map((pkg, i) => [pkg, i] as const))('fail the lint when a service domain/ file imports %s', (_pkg, i) => {
    expect(domainImportsFramework[i]()).toContain('no-restricted-imports');
  });
  it('fail the lint when libs/domain imports a driver', () => {
    expect(domainLibImportsDriver()).toContain('@nx/enforce-module-boundaries');
  });
  it('fail the lint when domain code reaches into an outer layer of its service', () => {
    expect(domainImportsOuter()).toContain('no-restricted-imports');
  });
  it('fail the lint when application code imports the api layer', () => {
    expect(applicationImportsApi()).toContain('no-restricted-imports');
  });
  it('fail the lint when production code of a shared lib imports the test kit', () => {
    expect(libCodeImportsTestKit()).toContain('@nx/enforce-module-boundaries');
  });
  it('let the tests of a shared lib use the test kit', () => {
    expect(libSpecImportsTestKit()).toEqual([]);
  });
  it('let domain code import its own folder', () => {
    expect(plainDomain()).toEqual([]);
  });
});
