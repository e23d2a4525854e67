import { SERVICES } from '@lw/runtime';
import { join } from 'path';
import type { Standalone } from './standalone';

/** What `npm start` prints: where to go and how to log in. */
export function summary(s: Standalone, ms: number): string {
  const lines = [
    '',
    `两委监督系统 · embedded mode · ready in ${(ms / 1000).toFixed(1)} s`,
    `  demo county : ${s.county.name} ${s.county.code} (${s.county.townships} townships, ${s.county.villages} villages)`,
    `  data folder : ${s.dataDir}`,
    `  database    : ${s.embeddedDatabase ? `embedded PostgreSQL in ${join(s.dataDir, 'pg')}` : 'DATABASE_URL'}`,
    ...(s.console
      ? [`  console     : ${s.url}/console/   (officials, log in with an account below)`, `  public page : ${s.url}/tip/       (tips, status by receipt code, notices)`]
      : ['  console     : not built (npm run build:console)']),
    '  health      :',
    ...SERVICES.map((name) => `    ${s.url}/${name}/health`),
    `  login       : POST ${s.url}/auth/login  {"username": "<below>", "password": "${s.demoPassword}"}`,
    `  hierarchy   : GET  ${s.url}/hierarchy/nodes/${s.county.code}/children  (Authorization: Bearer <token>)`,
    ...(s.demoAccounts
      ? [
          `  demo accounts (password above, generated at first start, kept in ${join(s.dataDir, 'demo-password')}):`,
          ...s.accounts.map((a) => `    ${a.username.padEnd(14)} ${a.role.padEnd(14)} ${a.node}  ${a.displayName}`),
          '  WARNING: these demo accounts share one password and are for trying the system only.',
          '           For real use start with LW_DEMO_ACCOUNTS=0 (only admin, password changed at first login).',
        ]
      : [
          `  admin account: admin (${s.accounts[0]?.node}); initial password above (${join(s.dataDir, 'admin-initial-password')}),`,
          '                 to be changed at first login; add further accounts with `npm run users`.',
        ]),
    '',
  ];
  return lines.join('\n');
}
