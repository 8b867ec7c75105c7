import { Module } from '@nestjs/common';
import { Clock } from '@app/common';
import { SourceSystemRegistry } from './source-system-registry.service';
import { SourceSystemRepository } from './source-system.repository';
import { SourceSystemsService } from './source-systems.service';

@Module({
  providers: [SourceSystemRepository, SourceSystemRegistry, SourceSystemsService, Clock],
  exports: [SourceSystemRegistry, SourceSystemsService, SourceSystemRepository],
})
export class SourceSystemsModule {}
