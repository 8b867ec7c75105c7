import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { RejectionRepository } from '../rejections/rejection.repository';
import type { IngestStatusDto } from './dto/ingest-status.dto';
import { IngestStatusRepository } from './ingest-status.repository';
import { KafkaLag } from './kafka-lag.service';

const DAY_MS = 86_400_000;

/** Whether events are coming in: the rate stored, the last one, rejections of the day, and the Kafka lag. */
@Injectable()
export class IngestStatusService {
  constructor(
    private readonly repository: IngestStatusRepository,
    private readonly rejections: RejectionRepository,
    private readonly kafkaLag: KafkaLag,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async status(): Promise<IngestStatusDto> {
    const asOf = this.clock.now();
    const since = new Date(asOf.getTime() - DAY_MS);
    const [accepted, byReason, kafka] = await Promise.all([
      this.repository.accepted(asOf),
      this.rejections.countByReason({ from: since, to: new Date(asOf.getTime() + 1) }),
      this.kafkaLag.read(),
    ]);
    return {
      asOf,
      accepted: { lastMinute: accepted.lastMinute, lastHour: accepted.lastHour, perMinuteLastHour: Math.round((accepted.lastHour / 60) * 10) / 10 },
      lastAcceptedAt: accepted.lastAcceptedAt,
      rejections: { since, total: byReason.reduce((t, r) => t + r.count, 0), byReason },
      kafka,
    };
  }
}
