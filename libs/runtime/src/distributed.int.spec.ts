import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import { join } from 'path';
import { promisify } from 'util';
import { DynamicModule, Module } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { runUsersCommand, UsageError } from '@lw/auth';
import { IntegrationEvent, newEnvelope } from '@lw/domain';
import { importDivisions, hierarchyMigrations } from '@lw/hierarchy';
import { migrate } from '@lw/db';
import { FAST_KAFKA_SETTINGS, integrationTopic } from '@lw/messaging';
import { createTestDatabase, distributedEnv, HttpClient, kafkaForTests, TestDatabase, TestKafka, waitFor } from '@lw/testing';
import { loadConfig } from './config';
import { DistributedService, startDistributedService } from './distributed';
import { createLogger } from './logger';
import { serviceModule } from './nest/service-module';
import type { ServiceDefinition } from './service-definition';
import type { ServiceKernel } from './service-kernel';

// Two services as they run in distributed mode (each its own kernel, schema, Kafka consumer group
// and BullMQ queue), talking over the Kafka test broker: an event appended by one reaches the
// other's inbox through the outbox relay, exactly once.
function testServiceModule(): { register(kernel: ServiceKernel): DynamicModule } {
  @Module({})
  class TestServiceModule {
    static register(kernel: ServiceKernel): DynamicModule {
      return serviceModule(TestServiceModule, kernel);
    }
  }
  return TestServiceModule;
}

describe('distributed mode', () => {
  let db: TestDatabase;
  let kafka: TestKafka;
  const running: DistributedService[] = [];
  const received: IntegrationEvent[] = [];
  const prefix = `t${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase('distributed');
    const h = db.pool('hierarchy');
    await migrate(h, 'hierarchy', hierarchyMigrations);
    await importDivisions(h, { scope: '320724' });
    kafka = await kafkaForTests({ topics: [{ name: integrationTopic('tipline', prefix), partitions: 3 }] });
    const config = loadConfig(distributedEnv({ databaseUrl: db.url, kafkaBrokers: kafka.brokers, authSecret: randomBytes(32).toString('hex') }), 'distributed');
    const logger = createLogger({ service: 'test', level: 'silent' });
    const kafkaOptions = { ...FAST_KAFKA_SETTINGS, topicPrefix: prefix, idempotentProducer: kafka.idempotentProducer };
    const tipline: ServiceDefinition = { name: 'tipline', module: testServiceModule(), migrations: [] };
    const grievance: ServiceDefinition = {
      name: 'grievance',
      module: testServiceModule(),
      migrations: [{ id: 'grievance-test/001_seen', sql: 'CREATE TABLE seen (event_id uuid PRIMARY KEY)' }],
      consumes: {
        producers: ['tipline'],
        handle: async (event: IntegrationEvent, tx: PoolClient) => {
          await tx.query('INSERT INTO seen (event_id) VALUES ($1)', [event.id]);
          received.push(event);
        },
      },
    };
    for (const def of [tipline, grievance]) {
      running.push(await startDistributedService(def, config, { logger, host: '127.0.0.1', deploymentScope: '320724', kafka: kafkaOptions }));
    }
  }, 120_000);

  afterAll(async () => {
    for (const r of running) await r.stop();
    await kafka?.stop();
    await db?.drop();
  });

  it('serves health of each service process', async () => {
    for (const [i, name] of ['tipline', 'grievance'].entries()) {
      const res = await new HttpClient(running[i].url).call('GET', `/${name}/health`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ service: name, status: 'ok' });
    }
  });

  it('logs users in from the shared auth schema when it signs its own tokens (AUTH_SECRET), as the console does', async () => {
    const auth = db.pool('auth', 2);
    expect(await runUsersCommand(['add', '--username', 'zhang.xz', '--name', '张乡镇', '--role', 'township', '--node', '320724100'], { LW_USER_PASSWORD: 'long-enough-pw' }, auth)).toContain('created');
    await expect(runUsersCommand(['add', '--username', 'x1', '--role', 'mayor', '--node', '320724100'], { LW_USER_PASSWORD: 'long-enough-pw' }, auth)).rejects.toThrow(UsageError);
    await expect(runUsersCommand(['add', '--username', 'x2', '--role', 'township', '--node', '320724100'], {}, auth)).rejects.toThrow(/LW_USER_PASSWORD/);
    // Any service answers: the Ingress may send /auth to whichever.
    const [first, second] = running.map((r) => new HttpClient(r.url));
    const login = (service: HttpClient, password: string) => service.call('POST', '/auth/login', { json: { username: 'zhang.xz', password } });
    expect((await login(second, 'wrong-password')).status).toBe(401);
    const ok = await login(first, 'long-enough-pw');
    expect(ok.status).toBe(200);
    const me = await second.call('GET', '/auth/me', { token: ok.body.token });
    expect(me.body).toMatchObject({ username: 'zhang.xz', roles: ['township'], node: '320724100' });
    await runUsersCommand(['disable', '--username', 'zhang.xz'], {}, auth);
    expect((await login(first, 'long-enough-pw')).status).toBe(403);
  });

  it('carries an integration event from one service to the other over Kafka, applied once', async () => {
    const tipline = running[0].kernel;
    const event = newEnvelope({
      type: 'tipline.TipReceived',
      version: 1,
      producer: 'tipline',
      villageCode: '320724100001',
      actor: null,
      payload: { tipId: 't-1' },
    });
    await tipline.store.append('tip-t-1', 'no_stream', [{ type: 'TipReceived', data: { tipId: 't-1' } }], { integrationEvents: [event] });
    await waitFor(() => received.length > 0, 30_000, 'the event in grievance');
    expect(received.map((e) => e.id)).toEqual([event.id]);
    const { rows } = await db.pool('grievance').query('SELECT event_id FROM seen');
    expect(rows).toEqual([{ event_id: event.id }]);
    const outbox = await db.pool('tipline').query('SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL');
    expect(outbox.rows[0].unsent).toBe(0);
  }, 60_000);

  it('refuses to start a service process when a distributed setting is missing', async () => {
    const root = join(__dirname, '..', '..', '..');
    const env: NodeJS.ProcessEnv = { ...process.env, LW_MODE: 'distributed' };
    for (const k of ['DATABASE_URL', 'KAFKA_BROKERS', 'REDIS_URL', 'AUTH_SECRET', 'AUTH_JWKS_URL']) delete env[k];
    const err = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'apps/tipline/src/main.ts'], { cwd: root, env }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toMatch(/DATABASE_URL is required/);
    expect(err?.stderr).toMatch(/KAFKA_BROKERS is required/);
  }, 60_000);
});
