import { existsSync } from 'fs';
import { readFile, writeFile } from 'fs/promises';
import { randomBytes } from 'crypto';
import { join } from 'path';

/** The demo county of embedded mode: 灌南县, whose 2021 election summary is seed 003. */
export const DEMO_COUNTY = '320724';

/**
 * A value generated at first start and kept in the data folder (mode 0600), so embedded mode
 * works with no configuration while nothing secret is committed or shared between installs.
 */
export async function localSecret(dataDir: string, name: string, bytes: number): Promise<string> {
  const file = join(dataDir, name);
  if (!existsSync(file)) await writeFile(file, randomBytes(bytes).toString('base64url'), { mode: 0o600 });
  return (await readFile(file, 'utf8')).trim();
}
