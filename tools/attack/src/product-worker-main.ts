import { parentPort, workerData } from 'worker_threads';
import { startAttackProduct, type AttackProduct, type AttackProductOptions } from './product';
import { enumerateRoutes } from './routes';

/**
 * The worker side of product-host.ts: starts the product, tells the main thread where it is and
 * which routes it serves, and stops it when asked.
 */
async function main(): Promise<void> {
  const port = parentPort!;
  let p: AttackProduct;
  try {
    const data = workerData as { env?: Record<string, string>; options?: AttackProductOptions };
    p = await startAttackProduct(data.env ?? {}, data.options ?? {});
  } catch (err) {
    port.postMessage({ type: 'error', message: (err as Error).stack ?? String(err) });
    return;
  }
  port.on('message', (m: { type: string }) => {
    if (m.type === 'stop') void p.stop().finally(() => port.postMessage({ type: 'stopped' }));
    if (m.type === 'logs') port.postMessage({ type: 'logs', logs: p.logs });
  });
  port.postMessage({
    type: 'ready',
    url: p.s.url,
    databaseName: p.db.name,
    databaseUrl: p.db.url,
    dataDir: p.dataDir,
    keyDir: p.keyDir,
    embeddedDatabase: p.embeddedDatabase,
    townshipA: p.townshipA,
    townshipB: p.townshipB,
    users: p.users,
    routes: enumerateRoutes(p.s.app),
  });
}

void main();
