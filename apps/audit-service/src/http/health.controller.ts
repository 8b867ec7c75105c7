import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import { KAFKA } from '@app/kafka';

@ApiTags('health')
@Public('load balancers and orchestrators probe liveness and readiness without credentials')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @Optional() @Inject(KAFKA) private readonly kafka: Kafka | null,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers, and Kafka when it is configured' })
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 3000 }),
      ...(this.kafka ? [() => this.kafkaCheck(this.kafka!)] : []),
    ]);
  }

  private async kafkaCheck(kafka: Kafka) {
    const check = this.indicator.check('kafka');
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return check.up({ brokers: cluster.brokers.length });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
