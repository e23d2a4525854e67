import { readdirSync, readFileSync, existsSync } from 'fs';
import { join } from 'path';

/** The repository root (tools/build/src → ../../..). */
export const ROOT = join(__dirname, '..', '..', '..');

export interface WorkspacePackage {
  /** npm name, e.g. @lw/auth */
  name: string;
  /** folder relative to ROOT, e.g. libs/auth */
  root: string;
  /** entry relative to the package folder, e.g. src/index.ts */
  main: string;
}

/** Every npm workspace package (apps/*, libs/*, tools/*) with its entry point. */
export function workspacePackages(): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ['apps', 'libs', 'tools']) {
    for (const dir of readdirSync(join(ROOT, group))) {
      const file = join(ROOT, group, dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name: string; main?: string };
      found.push({ name: pkg.name, root: `${group}/${dir}`, main: pkg.main ?? 'src/index.ts' });
    }
  }
  return found;
}
