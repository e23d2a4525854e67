import { mkdtempSync, rmSync } from 'fs';
import { randomBytes } from 'crypto';
import { tmpdir } from 'os';
import { join } from 'path';
import { Kafka, logLevel } from 'kafkajs';
import { TokenIssuer } from '@lw/auth';
import { migrate } from '@lw/db';
import { newEnvelope } from '@lw/domain';
import { hierarchyMigrations, importDivisions } from '@lw/hierarchy';
import { FAST_KAFKA_SETTINGS, integrationTopic, KafkaBus } from '@lw/messaging';
import { createLogger, loadConfig, startDistributedService, type DistributedService } from '@lw/runtime';
import { createTestDatabase, distributedEnv, eventually, HttpClient, kafkaForTests, waitFor, type TestDatabase, type TestKafka } from '@lw/testing';
import { tiplineService } from './tipline.service';

// The tip-line as it runs in distributed mode: its own process shape, Kafka (the test broker),
// BullMQ on Redis, the master key from the environment. A public tip leaves as TipReceived on the
// tipline topic without any reporter data; an auditing transfer arriving over Kafka becomes a tip.
describe('tip-line in distributed mode (Kafka, BullMQ)', () => {
  let db: TestDatabase;
  let kafka: TestKafka;
  let svc: DistributedService;
  let http: HttpClient;
  let evidenceDir: string;
  let token: string;
  const prefix = `t${randomBytes(3).toString('hex')}`;
  const secret = randomBytes(32).toString('hex');
  const village = '320724100001';
  const saved = { ...process.env };

  beforeAll(async () => {
    db = await createTestDatabase('tipdist');
    const h = db.pool('hierarchy');
    await migrate(h, 'hierarchy', hierarchyMigrations);
    await importDivisions(h, { scope: '320724' });
    kafka = await kafkaForTests({
      topics: ['tipline', 'auditing', 'vetting', 'grievance'].map((p) => ({ name: integrationTopic(p, prefix), partitions: 2 })),
    });
    evidenceDir = mkdtempSync(join(tmpdir(), 'lw-evidence-'));
    Object.assign(process.env, {
      TIPLINE_MASTER_KEY: randomBytes(32).toString('base64'),
      EVIDENCE_DIR: evidenceDir,
      TIPLINE_RECEIPT_HASH_COST: '12',
      TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR: '0',
    });
    const config = loadConfig(distributedEnv({ databaseUrl: db.url, kafkaBrokers: kafka.brokers, authSecret: secret }), 'distributed');
    const kafkaOptions = { ...FAST_KAFKA_SETTINGS, topicPrefix: prefix, idempotentProducer: kafka.idempotentProducer };
    svc = await startDistributedService(tiplineService, config, {
      logger: createLogger({ service: 'test', level: 'silent' }),
      host: '127.0.0.1',
      deploymentScope: '320724',
      kafka: kafkaOptions,
    });
    http = new HttpClient(svc.url);
    token = (await new TokenIssuer({ secret }).issue({ sub: 'd1', name: '县纪委', roles: ['discipline'], node: '320724' })).token;
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await kafka?.stop();
    await db?.drop();
    rmSync(evidenceDir, { recursive: true, force: true });
    process.env = saved;
  });

  it('publishes TipReceived to Kafka for a public tip, with no reporter data in the message', async () => {
    const consumer = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: `probe-${prefix}`, ...FAST_KAFKA_SETTINGS.consumer });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: integrationTopic('tipline', prefix), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
    try {
      const res = await http.call('POST', '/tipline/public/tips', {
        json: {
          category: 'vote_buying',
          subjects: [{ kind: 'person', name: '吴某', post: '村民小组长', villageCode: village }],
          text: '选举前挨家送购物卡。',
          anonymous: false,
          reporter: { name: '冯分布', phone: '13800001111' },
        },
      });
      expect(res.status).toBe(201);
      await waitFor(() => seen.some((m) => m.includes('tipline.TipReceived')), 30_000, 'TipReceived on the tipline topic');
      const msg = seen.find((m) => m.includes('tipline.TipReceived'))!;
      expect(JSON.parse(msg)).toMatchObject({ type: 'tipline.TipReceived', payload: { category: 'vote_buying', electionRelated: true, anonymous: false } });
      expect(msg).not.toContain('冯分布');
      expect(msg).not.toContain('13800001111');
    } finally {
      await consumer.disconnect();
    }
  }, 60_000);

  it('turns an auditing transfer that arrives over Kafka into a tip', async () => {
    const auditing = new KafkaBus({ brokers: kafka.brokers, clientId: 'auditing-probe', ...FAST_KAFKA_SETTINGS, topicPrefix: prefix, idempotentProducer: kafka.idempotentProducer });
    try {
      await auditing.publish([
        newEnvelope({
          type: 'auditing.ViolationTransferred',
          version: 1,
          producer: 'auditing',
          villageCode: village,
          actor: null,
          payload: {
            transferId: 'tr-1',
            engagementId: 'e-1',
            findingId: 'f-1',
            villageCode: village,
            transferredAt: new Date().toISOString(),
            category: 'collective_funds',
            description: '挪用集体资金',
            amount: '5000.00',
            responsiblePersons: [{ name: '郑出纳', post: '报账员' }],
          },
        }),
      ]);
    } finally {
      await auditing.stop();
    }
    const rows = await eventually(
      'the transferred tip in the inbox',
      async () => {
        const inbox = await http.ok('GET', '/tipline/tips?limit=100', { token });
        const fromAudit = (inbox.rows as any[]).filter((r) => r.channel === 'audit');
        return fromAudit.length > 0 && fromAudit;
      },
      30_000,
    );
    expect(rows).toEqual([expect.objectContaining({ category: 'collective_funds', villageCode: village })]);
  }, 60_000);
});
