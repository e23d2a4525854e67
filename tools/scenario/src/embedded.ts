import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createLogger, loadConfig } from '@lw/runtime';
import { startStandalone } from '@lw/standalone';
import { createTestDatabase } from '@lw/testing';

export interface EmbeddedProduct {
  url: string;
  databaseUrl: string;
  password: string;
  stop(): Promise<void>;
}

/** The whole product in one process (embedded mode) on a fresh test database, as `npm start` runs it. */
export async function startEmbeddedProduct(): Promise<EmbeddedProduct> {
  const db = await createTestDatabase('scenario_emb');
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-scenario-'));
  // A cheaper receipt hash (the README allows lowering it for tests); the same in the distributed run.
  process.env.TIPLINE_RECEIPT_HASH_COST = '12';
  const cleanup = async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'error' }, 'embedded');
    const s = await startStandalone({ config, logger: createLogger({ service: 'scenario', level: 'error' }) });
    return {
      url: s.url,
      databaseUrl: db.url,
      password: s.demoPassword,
      async stop() {
        await s.stop();
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
