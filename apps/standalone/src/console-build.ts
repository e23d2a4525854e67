import { execFile } from 'child_process';
import { join } from 'path';
import { promisify } from 'util';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The console's Nx build, for tests that serve it (`npm test` runs it first, so this is a cache
 * hit unless its sources changed). A child process: Vite is ESM, Jest's module system cannot load it.
 */
export async function buildConsole(): Promise<void> {
  const nx = join(ROOT, 'node_modules', '.bin', 'nx');
  await promisify(execFile)(nx, ['run', 'console:build', '--output-style=static'], { cwd: ROOT, timeout: 300_000, env: { ...process.env, NX_DAEMON: 'false' } });
}
