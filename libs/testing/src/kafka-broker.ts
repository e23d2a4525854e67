// Starter for the Kafka test broker (tools/kafka-test-broker/src/broker.c: librdkafka's mock
// cluster). It lives here rather than in tools/ because libs may only import libs: @lw/testing
// owns the TypeScript side and reaches the C source by path, never by import.
import { ChildProcessWithoutNullStreams, execFile, spawn } from 'child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, unlinkSync } from 'fs';
import { join } from 'path';
import { createInterface } from 'readline';
import { promisify } from 'util';
import { sleep } from './wait';

const run = promisify(execFile);

const TOOL_DIR = join(__dirname, '..', '..', '..', 'tools', 'kafka-test-broker');
export const KAFKA_TEST_BROKER_SOURCE = join(TOOL_DIR, 'src', 'broker.c');
export const KAFKA_TEST_BROKER_BINARY = join(TOOL_DIR, 'build', 'broker');

const INSTALL_HINT = 'the Kafka test broker needs librdkafka: apt-get install librdkafka-dev pkg-config';

export interface TopicSpec {
  name: string;
  partitions?: number;
}

export interface KafkaTestBroker {
  /** host:port of every mock broker, for kafkajs `brokers`. */
  bootstrap: string[];
  /** Disconnects a broker (id 1..n, or 'all') and refuses new connections until `up`. */
  down(id: number | 'all'): Promise<void>;
  up(id: number | 'all'): Promise<void>;
  /** The mock has no CreateTopics API: topics are created through the launcher. */
  createTopic(topic: TopicSpec): Promise<void>;
  stop(): Promise<void>;
}

export interface KafkaTestBrokerOptions {
  brokers?: number;
  topics?: TopicSpec[];
}

function isStale(binary: string, source: string): boolean {
  return !existsSync(binary) || statSync(binary).mtimeMs < statSync(source).mtimeMs;
}

/**
 * Compiles broker.c when the binary is missing or older than the source. Parallel Jest workers
 * serialise on a lock file, and the binary is written under a temporary name then renamed, so a
 * worker never executes a half-written file.
 */
export async function buildKafkaTestBroker(): Promise<string> {
  if (!isStale(KAFKA_TEST_BROKER_BINARY, KAFKA_TEST_BROKER_SOURCE)) return KAFKA_TEST_BROKER_BINARY;
  const buildDir = join(TOOL_DIR, 'build');
  mkdirSync(buildDir, { recursive: true });
  const lock = join(buildDir, '.build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock left by a killed compile would otherwise block every later run.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 60_000) unlinkSync(lock);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await sleep(200);
    }
  }
  try {
    if (!isStale(KAFKA_TEST_BROKER_BINARY, KAFKA_TEST_BROKER_SOURCE)) return KAFKA_TEST_BROKER_BINARY;
    if (!existsSync('/usr/include/librdkafka/rdkafka_mock.h') && !(await pkgConfigFound())) {
      throw new Error(INSTALL_HINT);
    }
    const flags = await pkgConfigFlags();
    const tmp = `${KAFKA_TEST_BROKER_BINARY}.${process.pid}.tmp`;
    try {
      await run('cc', ['-O2', '-Wall', '-o', tmp, KAFKA_TEST_BROKER_SOURCE, ...flags]);
    } catch (err) {
      const stderr = String((err as { stderr?: string }).stderr ?? (err as Error).message);
      if (/rdkafka(_mock)?\.h/.test(stderr)) throw new Error(`${INSTALL_HINT}\n${stderr}`);
      throw new Error(`compiling ${KAFKA_TEST_BROKER_SOURCE} failed:\n${stderr}`);
    }
    renameSync(tmp, KAFKA_TEST_BROKER_BINARY);
    return KAFKA_TEST_BROKER_BINARY;
  } finally {
    unlinkSync(lock);
  }
}

async function pkgConfigFound(): Promise<boolean> {
  return run('pkg-config', ['--exists', 'rdkafka']).then(
    () => true,
    () => false,
  );
}

async function pkgConfigFlags(): Promise<string[]> {
  try {
    const { stdout } = await run('pkg-config', ['--cflags', '--libs', 'rdkafka']);
    return stdout.trim().split(/\s+/).filter(Boolean);
  } catch {
    return ['-lrdkafka'];
  }
}

/** Starts a mock cluster in a child process; stop() (or the test process dying) ends it. */
export async function startKafkaTestBroker(options: KafkaTestBrokerOptions = {}): Promise<KafkaTestBroker> {
  const binary = await buildKafkaTestBroker();
  const args = ['-b', String(options.brokers ?? 3)];
  for (const t of options.topics ?? []) args.push('-t', `${t.name}:${t.partitions ?? 1}`);
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  return new BrokerProcess(child).ready();
}

class BrokerProcess implements KafkaTestBroker {
  bootstrap: string[] = [];
  private readonly lines: string[] = [];
  private waiter: ((line: string | null) => void) | null = null;
  private closed = false;
  private stderr = '';
  private queue: Promise<unknown> = Promise.resolve();
  private readonly exited: Promise<void>;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => this.push(line));
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.on('close', () => resolve()));
    child.on('close', () => {
      this.closed = true;
      this.push(null);
    });
    // Writing to a broker that already exited must surface as a rejected command, not a crash.
    child.stdin.on('error', () => undefined);
  }

  async ready(): Promise<this> {
    const first = await this.nextLine();
    if (!first?.startsWith('BOOTSTRAP ')) {
      throw new Error(`Kafka test broker did not start: ${first ?? ''} ${this.stderr}`.trim());
    }
    this.bootstrap = first.slice('BOOTSTRAP '.length).split(',');
    return this;
  }

  down(id: number | 'all'): Promise<void> {
    return this.command(`down ${id}`);
  }

  up(id: number | 'all'): Promise<void> {
    return this.command(`up ${id}`);
  }

  createTopic(topic: TopicSpec): Promise<void> {
    return this.command(`topic ${topic.name} ${topic.partitions ?? 1}`);
  }

  async stop(): Promise<void> {
    if (!this.closed) {
      this.child.stdin.end('quit\n');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(timer);
    }
  }

  private command(line: string): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.closed) throw new Error('Kafka test broker is not running');
      this.child.stdin.write(`${line}\n`);
      const answer = await this.nextLine();
      if (answer !== 'OK') throw new Error(`Kafka test broker: "${line}" answered ${answer ?? 'nothing (exited)'}`);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private push(line: string | null): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(line);
    } else if (line !== null) {
      this.lines.push(line);
    }
  }

  private nextLine(): Promise<string | null> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiter = resolve));
  }
}
