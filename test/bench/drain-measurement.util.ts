import {
  databaseBackendsCpuSeconds,
  machineCpuSeconds,
  processCpuSeconds,
  WalMark,
  walMark,
} from './cpu-usage.util';
import { GroupProgress, ServiceUnderTest, startService, waitForHealth } from './service-run.util';

export interface DrainOptions {
  env: Record<string, string>;
  brokers: string[];
  database: { url: string; name: string };
  dist?: boolean;
  /** Folder for a CPU profile of the service, if wanted. */
  cpuProfileDir?: string;
  log(message: string): void;
}

export interface Drain {
  /** From the first committed offset seen to the last: the steady drain. */
  seconds: number;
  /** From spawning the service to the last committed offset. */
  wallSeconds: number;
  startSeconds: number;
  /** Messages committed in `seconds`. */
  drained: number;
  total: number;
  peakRssMiB: number;
  /** CPU seconds used during the steady drain: the service, its PostgreSQL backends, and the whole machine. */
  cpu: { service: number; postgres: number; machineBusy: number; machineCapacity: number };
  /** WAL written by the server during the steady drain, and checkpoints (requested = forced by max_wal_size). */
  wal: WalMark;
}

interface Mark {
  at: number;
  committed: number;
  service: number;
  postgres: number;
  machine: { busy: number; total: number };
  wal: WalMark;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en');

async function mark(service: ServiceUnderTest, o: DrainOptions, committed: number): Promise<Mark> {
  return {
    at: performance.now(),
    committed,
    service: processCpuSeconds(service.child.pid!),
    postgres: await databaseBackendsCpuSeconds(o.database.url, o.database.name),
    machine: machineCpuSeconds(),
    wal: await walMark(o.database.url),
  };
}

/**
 * Starts the service on a loaded topic and polls its consumer group's committed offsets (4 times a second)
 * until every message is committed, i.e. stored. Also samples the service's peak RSS and the CPU time spent.
 */
export async function measureDrain(o: DrainOptions): Promise<Drain> {
  const progress = new GroupProgress(o.brokers, o.env.KAFKA_TOPIC, o.env.KAFKA_GROUP_ID);
  await progress.connect();
  const total = await progress.endOffset();
  const spawnedAt = performance.now();
  const service = startService(o.env, { dist: o.dist, cpuProfileDir: o.cpuProfileDir });
  try {
    await waitForHealth(Number(o.env.PORT), service);
    const startSeconds = (performance.now() - spawnedAt) / 1000;
    o.log(
      `service up in ${startSeconds.toFixed(1)} s (node ${service.child.spawnargs.slice(1).join(' ')}); draining ${fmt(total)} messages`,
    );
    let first: Mark | undefined;
    let lastLog = performance.now();
    for (;;) {
      const committed = await progress.committed();
      service.peakRssMiB();
      if (!first && committed > 0) first = await mark(service, o, committed);
      if (committed >= total) {
        const last = await mark(service, o, committed);
        return summary(first!, last, { total, spawnedAt, startSeconds, peakRssMiB: service.peakRssMiB() });
      }
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        o.log(
          `  committed ${fmt(committed)} / ${fmt(total)}, RSS peak ${service.peakRssMiB().toFixed(0)} MiB`,
        );
      }
      if (service.child.exitCode !== null) {
        throw new Error(`The service exited (${service.child.exitCode}).\n${service.output().slice(-4000)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    const code = await service.stop();
    if (code !== 0) o.log(`service exit code ${code}; last output:\n${service.output().slice(-2000)}`);
    await progress.disconnect();
  }
}

function summary(
  first: Mark,
  last: Mark,
  run: { total: number; spawnedAt: number; startSeconds: number; peakRssMiB: number },
): Drain {
  return {
    seconds: (last.at - first.at) / 1000,
    wallSeconds: (last.at - run.spawnedAt) / 1000,
    startSeconds: run.startSeconds,
    drained: last.committed - first.committed,
    total: run.total,
    peakRssMiB: run.peakRssMiB,
    cpu: {
      service: last.service - first.service,
      postgres: last.postgres - first.postgres,
      machineBusy: last.machine.busy - first.machine.busy,
      machineCapacity: last.machine.total - first.machine.total,
    },
    wal: {
      walBytes: last.wal.walBytes - first.wal.walBytes,
      checkpointsRequested: last.wal.checkpointsRequested - first.wal.checkpointsRequested,
      checkpointsTimed: last.wal.checkpointsTimed - first.wal.checkpointsTimed,
    },
  };
}
