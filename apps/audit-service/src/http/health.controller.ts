import { Controller, Get, Inject, Optional, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { IngestHealth } from '@app/ingestion';
import { KAFKA } from '@app/kafka';

const KAFKA_PROBE_TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Public('load balancers and orchestrators probe liveness and readiness without credentials')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly ingest: IngestHealth,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(KAFKA) private readonly kafka: Kafka | null,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the database answers, Kafka when it is configured, and on ingest replicas that ingest makes progress',
    description:
      'Not ready (503) names each reason: a consumer member down after a crash or still joining, no answer from the broker ' +
      'for longer than KAFKA_STALL_TIMEOUT, a partition stopped on a record batch that cannot be decoded, storing failing for that long.',
  })
  @HealthCheck()
  async ready(@Res({ passthrough: true }) res: Response) {
    const consuming = this.kafka && this.config.roles.has('ingest');
    const checks = this.health.check([
      () => this.db.pingCheck('database', { timeout: 3000 }),
      ...(this.kafka ? [() => this.kafkaCheck(this.kafka!)] : []),
      ...(consuming ? [() => this.ingestCheck()] : []),
    ]);
    try {
      return await checks;
    } catch (error) {
      // The report itself, with each reason: an orchestrator and an operator read it (it holds no personal data).
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse();
    }
  }

  private ingestCheck() {
    const check = this.indicator.check('ingest');
    const { ready, reasons, members, stoppedPartitions } = this.ingest.readiness();
    const details = { reasons, members, stoppedPartitions };
    return ready ? check.up(details) : check.down(details);
  }

  private async kafkaCheck(kafka: Kafka) {
    const check = this.indicator.check('kafka');
    const admin = kafka.admin();
    try {
      // A broker that accepts connections but does not answer must not hang the probe.
      const cluster = await withTimeout(
        admin.connect().then(() => admin.describeCluster()),
        KAFKA_PROBE_TIMEOUT_MS,
        `no answer from the brokers within ${KAFKA_PROBE_TIMEOUT_MS} ms`,
      );
      return check.up({ brokers: cluster.brokers.length });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    } finally {
      // Not awaited: against a broker that does not answer, the disconnect waits for the request timeout (30 s),
      // and the probe must answer within its own.
      void admin.disconnect().catch(() => undefined);
    }
  }
}
