import { Module } from '@nestjs/common';
import { Clock } from '@app/common';
import { SecurityEventRepository } from './security-event.repository';
import { SecurityLogService } from './security-log.service';

/** The security log alone, for features that record security events without the rest of auth (e.g. ingest). */
@Module({
  providers: [Clock, SecurityEventRepository, SecurityLogService],
  exports: [SecurityLogService],
})
export class SecurityLogModule {}
