import { execFileSync } from 'child_process';
import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { DEPLOYABLES } from './deployables';
import { ROOT } from './workspace';

function bytes(path: string): number {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, f) => sum + bytes(join(path, f)), 0);
}

const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);

/**
 * What each image would hold above its base: the packaged output (dist/deploy/<name>, made by
 * `nx run-many -t package`) and its production node_modules, installed as the Dockerfile does
 * (`npm ci --omit=dev` from the pruned lock; from the local npm cache when it has the packages).
 */
export async function measureFootprints(names: string[]): Promise<void> {
  const chosen = names.length > 0 ? DEPLOYABLES.filter((d) => names.includes(d.name)) : DEPLOYABLES;
  const rows: string[] = ['| image | compiled output | production node_modules | total |', '|---|---:|---:|---:|'];
  for (const d of chosen) {
    const dir = join(ROOT, 'dist', 'deploy', d.name);
    execFileSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
    const modules = bytes(join(dir, 'node_modules'));
    const total = bytes(dir);
    rows.push(`| ${d.name} | ${mb(total - modules)} MB | ${mb(modules)} MB | ${mb(total)} MB |`);
  }
  console.log(rows.join('\n'));
}
