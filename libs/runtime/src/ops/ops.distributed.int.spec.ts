import { randomBytes } from 'crypto';
import { Writable } from 'stream';
import { Body, Controller, DynamicModule, Inject, Module, Post } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import type { PoolClient } from 'pg';
import { Public, TokenIssuer } from '@lw/auth';
import { IntegrationEvent, newEnvelope } from '@lw/domain';
import { importDivisions, hierarchyMigrations } from '@lw/hierarchy';
import { migrate } from '@lw/db';
import { consumerGroup, FAST_KAFKA_SETTINGS, integrationTopic } from '@lw/messaging';
import { createTestDatabase, distributedEnv, eventually, HttpClient, kafkaForTests, TestDatabase, TestKafka, waitFor } from '@lw/testing';
import { loadConfig } from '../config';
import { DistributedService, startDistributedService } from '../distributed';
import { createLogger } from '../logger';
import { KERNEL } from '../nest/kernel.token';
import { serviceModule } from '../nest/service-module';
import type { ServiceDefinition } from '../service-definition';
import type { ServiceKernel } from '../service-kernel';

// One service process in distributed mode (kernel, Kafka test broker, Redis, PostgreSQL) that
// publishes to its own topic and consumes it, to see the operations side end to end: readiness,
// metrics, a correlation id from the HTTP header to the consumer's log lines, graceful shutdown.

@Controller('things')
class ThingsController {
  constructor(@Inject(KERNEL) private readonly kernel: ServiceKernel) {}

  /** Like an official's command: appends an event and, through the outbox, an integration event it chose no correlation for. */
  @Post()
  create(@Body() body: { id: string }): Promise<{ eventId: string }> {
    return this.thing(body.id);
  }

  /** The same from the public (a tip): nothing it causes may share an id with the request. */
  @Public()
  @Post('public')
  createPublic(@Body() body: { id: string }): Promise<{ eventId: string }> {
    return this.thing(body.id);
  }

  private async thing(id: string): Promise<{ eventId: string }> {
    const event = newEnvelope({ type: 'tipline.TipReceived', version: 1, producer: 'tipline', villageCode: '320724100001', actor: null, payload: { tipId: id } });
    this.kernel.logger.info({ thing: id }, 'creating a thing');
    await this.kernel.store.append(`thing-${id}`, 'no_stream', [{ type: 'ThingCreated', data: { id } }], { integrationEvents: [event] });
    return { eventId: event.id };
  }
}

@Module({})
class ThingsModule {
  static register(kernel: ServiceKernel): DynamicModule {
    return serviceModule(ThingsModule, kernel, { controllers: [ThingsController] });
  }
}

describe('operations of a distributed service', () => {
  let db: TestDatabase;
  let kafka: TestKafka;
  let running: DistributedService;
  let http: HttpClient;
  const lines: Record<string, unknown>[] = [];
  const consumed: IntegrationEvent[] = [];
  const prefix = `t${randomBytes(3).toString('hex')}`;
  const secret = randomBytes(32).toString('hex');
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase('ops');
    const h = db.pool('hierarchy');
    await migrate(h, 'hierarchy', hierarchyMigrations);
    await importDivisions(h, { scope: '320724' });
    kafka = await kafkaForTests({ topics: [{ name: integrationTopic('tipline', prefix), partitions: 2 }] });
    // One proxy (an ingress) in front: its X-Forwarded-For names the client.
    const config = loadConfig(distributedEnv({ databaseUrl: db.url, kafkaBrokers: kafka.brokers, authSecret: secret, extra: { TRUST_PROXY: '1' } }), 'distributed');
    const destination = new Writable({
      write(chunk, _enc, cb) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        cb();
      },
    });
    const logger = createLogger({ service: 'tipline', level: 'info', destination });
    const definition: ServiceDefinition = {
      name: 'tipline',
      module: ThingsModule,
      migrations: [{ id: 'ops-test/001_seen', sql: 'CREATE TABLE seen (event_id uuid PRIMARY KEY, correlation_id text NOT NULL)' }],
      consumes: {
        producers: ['tipline'],
        handle: async (event: IntegrationEvent, tx: PoolClient) => {
          await tx.query('INSERT INTO seen VALUES ($1, $2)', [event.id, event.correlationId]);
          logger.info({ eventId: event.id }, 'consumer applied the event');
          consumed.push(event);
        },
      },
    };
    running = await startDistributedService(definition, config, {
      logger,
      host: '127.0.0.1',
      deploymentScope: '320724',
      kafka: { ...FAST_KAFKA_SETTINGS, topicPrefix: prefix, idempotentProducer: kafka.idempotentProducer },
    });
    http = new HttpClient(running.url);
    ({ token } = await new TokenIssuer({ secret }).issue({ sub: 'ops-test', name: '运维测试', roles: ['admin'], node: '320724' }));
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    await kafka?.stop();
    await db?.drop();
  });

  it('is ready when its database, Kafka and Redis answer', async () => {
    const res = await http.call('GET', '/tipline/ready');
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 200,
      body: { service: 'tipline', status: 'ready', draining: false, checks: { database: { ok: true }, kafka: { ok: true }, redis: { ok: true } } },
    });
  });

  it('carries the caller\'s correlation id to the request\'s log lines, the outbox envelope and the consumer\'s log lines', async () => {
    const correlationId = `ops-test-${randomBytes(4).toString('hex')}`;
    const res = await http.call('POST', '/tipline/things', { token, json: { id: 't1' }, headers: { 'x-correlation-id': correlationId, 'x-forwarded-for': '10.1.2.3, 198.51.100.9' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-correlation-id')).toBe(correlationId);
    // The official's audit row names the client the trusted hop saw (TRUST_PROXY=1), not the proxy nor a forged entry.
    const audited = await eventually('the audit row', async () => {
      const { rows } = await db.pool('auth').query('SELECT ip::text AS ip FROM audit_log WHERE correlation_id = $1', [correlationId]);
      return rows.length > 0 && rows;
    }, 10_000);
    expect(audited).toEqual([{ ip: expect.stringMatching(/^198\.51\.100\.9(\/32)?$/) }]);
    const { eventId } = res.body as { eventId: string };
    expect(lines.filter((l) => l.msg === 'creating a thing')).toEqual([expect.objectContaining({ correlationId, thing: 't1' })]);
    const outbox = await db.pool('tipline').query('SELECT envelope FROM outbox WHERE event_id = $1', [eventId]);
    expect(outbox.rows[0].envelope.correlationId).toBe(correlationId);

    await waitFor(() => consumed.some((e) => e.id === eventId), 30_000, 'the event consumed');
    const seen = await db.pool('tipline').query('SELECT correlation_id FROM seen WHERE event_id = $1', [eventId]);
    expect(seen.rows).toEqual([{ correlation_id: correlationId }]);
    expect(lines.filter((l) => l.msg === 'consumer applied the event' && l.eventId === eventId)).toEqual([expect.objectContaining({ correlationId })]);
  }, 60_000);

  it('generates a correlation id when the caller sends none (or an unusable one)', async () => {
    const res = await http.call('GET', '/hierarchy/nodes/320724', { token, headers: { 'x-correlation-id': 'bad id with spaces' } });
    expect(res.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives a public request none: not echoed, on none of its log lines, not on the events it causes (they get their own)', async () => {
    const correlationId = `ops-public-${randomBytes(4).toString('hex')}`;
    const res = await http.call('POST', '/tipline/things/public', { json: { id: 't-public' }, headers: { 'x-correlation-id': correlationId } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-correlation-id')).toBeNull();
    const { eventId } = res.body as { eventId: string };
    const logged = lines.filter((l) => l.msg === 'creating a thing' && l.thing === 't-public');
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toHaveProperty('correlationId');
    expect(JSON.stringify(lines)).not.toContain(correlationId);
    const outbox = await db.pool('tipline').query('SELECT envelope FROM outbox WHERE event_id = $1', [eventId]);
    expect(outbox.rows[0].envelope.correlationId).toBe(eventId);
    expect(JSON.stringify(outbox.rows)).not.toContain(correlationId);
    // Consumed under the event's own id (and done with before the metrics below are read).
    await waitFor(() => consumed.some((e) => e.id === eventId), 30_000, 'the event consumed');
    expect(lines.filter((l) => l.msg === 'consumer applied the event' && l.eventId === eventId)).toEqual([expect.objectContaining({ correlationId: eventId })]);
  }, 60_000);

  it('serves Prometheus metrics read at scrape time: latency by route template, outbox, consumer lag, dead letters', async () => {
    await http.call('GET', '/tipline/ready');
    const res = await http.call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = res.raw;
    expect(text).toMatch(/lw_http_request_duration_seconds_count\{route="\/tipline\/ready",method="GET",status="200"\} [1-9]/);
    expect(text).toMatch(/lw_http_request_duration_seconds_count\{route="\/tipline\/things",method="POST",status="201"\} 1/);
    expect(text).toMatch(/lw_outbox_unsent\{service="tipline"\} \d+/);
    expect(text).toMatch(/lw_outbox_relay_active\{service="tipline"\} 1/);
    expect(text).toMatch(/lw_consumer_lag_messages\{consumer="tipline"\} \d+/);
    expect(text).toMatch(/lw_consumer_in_flight\{consumer="tipline"\} 0/);
    expect(text).toMatch(/lw_dead_letters\{consumer="tipline"\} 0/);
    expect(text).not.toMatch(/lw_metrics_read_failures_total\{/);
  });

  it('on shutdown: not ready while draining, then HTTP closed, offsets committed, relay and pools stopped', async () => {
    running.kernel.beginDrain();
    const draining = await http.call('GET', '/tipline/ready');
    expect(draining.status).toBe(503);
    expect(draining.body).toMatchObject({ status: 'not_ready', draining: true });
    // Liveness is unaffected: the process is healthy, only leaving.
    expect((await http.call('GET', '/tipline/health')).status).toBe(200);

    await running.stop();
    await expect(http.call('GET', '/tipline/health')).rejects.toThrow();
    expect(running.kernel.relayActiveHere()).toBe(false);
    expect(running.kernel.pool.ended).toBe(true);

    // (The test broker does not answer DescribeGroups, so the group's members are not checked.)
    const admin = new Kafka({ clientId: 'ops-test', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const group = consumerGroup('tipline', prefix);
      // Everything consumed was committed: the group's offsets reach the topic's end.
      const ends = await admin.fetchTopicOffsets(integrationTopic('tipline', prefix));
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [integrationTopic('tipline', prefix)] });
      const sum = (xs: string[]) => xs.reduce((a, x) => a + Math.max(0, Number(x)), 0);
      expect(sum(committed.partitions.map((p) => p.offset))).toBe(sum(ends.map((p) => p.high)));
    } finally {
      await admin.disconnect();
    }
  }, 60_000);
});
