import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Admin, Kafka, logLevel } from 'kafkajs';

const ROOT = join(__dirname, '..', '..');

export interface ServiceUnderTest {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Peak resident set size so far (VmHWM), in MiB; 0 once the process is gone. */
  peakRssMiB(): number;
  stop(): Promise<number | null>;
}

/** What `npm start` gives node (its flags, then the entry point, last), resolved against the repository. */
export function productionNodeArgs(): string[] {
  const start: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const [node, ...args] = start.split(/\s+/);
  if (node !== 'node') throw new Error(`npm start is expected to run node directly, not: ${start}`);
  return args.map((a) => (a.startsWith('-') ? a : join(ROOT, a)));
}

/**
 * The real service as its own OS process, ingest role only: from source (as the e2e tests run it), or with
 * dist, the built JavaScript (npm run build) as production runs it.
 * cpuProfileDir: write a V8 CPU profile there on exit (node --cpu-prof).
 */
export function startService(
  env: Record<string, string>,
  options: { dist?: boolean; cpuProfileDir?: string } = {},
): ServiceUnderTest {
  const production = options.dist ? productionNodeArgs() : [];
  const flags = [
    ...production.slice(0, -1),
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    // Extra V8/Node flags for experiments, after npm start's so that they win, e.g.
    // BENCH_NODE_FLAGS="--trace-gc --max-semi-space-size=16".
    ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
  ];
  const entry = options.dist
    ? production.slice(-1)
    : ['-r', '@swc-node/register', join(ROOT, 'apps/audit-service/src/main.ts')];
  const child = spawn(process.execPath, [...flags, ...entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer): void => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let peak = 0;
  const peakRssMiB = (): number => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const hwm = Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0) / 1024;
      peak = Math.max(peak, hwm);
    } catch {
      /* exited */
    }
    return peak;
  };
  return {
    child,
    output: () => output,
    exited,
    peakRssMiB,
    async stop() {
      peakRssMiB();
      child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function waitForHealth(
  port: number,
  service: ServiceUnderTest,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void service.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The service did not come up.\n${service.output().slice(-4000)}`);
}

/** Committed offsets of a consumer group against the end of the topic, through the Kafka admin API. */
export class GroupProgress {
  private readonly admin: Admin;

  constructor(
    brokers: string[],
    private readonly topic: string,
    private readonly groupId: string,
  ) {
    this.admin = new Kafka({ clientId: 'bench-monitor', brokers, logLevel: logLevel.NOTHING }).admin();
  }

  connect(): Promise<void> {
    return this.admin.connect();
  }

  async endOffset(): Promise<number> {
    const offsets = await this.admin.fetchTopicOffsets(this.topic);
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  }

  async committed(): Promise<number> {
    const [topic] = await this.admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] });
    return topic.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }
}

/**
 * The environment of a service run by a benchmark with every role (api, ingest, jobs): production mode on a
 * migrated database, consuming topic, the first admin from BOOTSTRAP_ADMIN_*, a fresh consumer group.
 */
export function fullServiceEnv(o: {
  databaseUrl: string;
  brokers: string[];
  topic: string;
  port: number;
  work: string;
  subjectHashKey: string;
  admin: { username: string; password: string };
  groupPrefix: string;
}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    ROLES: 'api,ingest,jobs',
    HOST: '127.0.0.1',
    PORT: String(o.port),
    LOG_LEVEL: 'warn',
    DATA_DIR: join(o.work, 'data'),
    DATABASE_URL: o.databaseUrl,
    DATABASE_MIGRATE_ON_START: 'false',
    KAFKA_BROKERS: o.brokers.join(','),
    KAFKA_TOPIC: o.topic,
    KAFKA_GROUP_ID: `${o.groupPrefix}-${randomBytes(3).toString('hex')}`,
    KAFKA_DLQ_TOPIC: `${o.topic}.dlq`,
    SUBJECT_HASH_KEY: o.subjectHashKey,
    SUBJECT_HASH_KEY_ID: 'k1',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    BOOTSTRAP_ADMIN_USERNAME: o.admin.username,
    BOOTSTRAP_ADMIN_PASSWORD: o.admin.password,
  };
}
