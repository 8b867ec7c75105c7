import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AlertsModule } from '@app/alerts';
import { SecurityLogModule } from '@app/auth';
import { Clock } from '@app/common';
import { DetectionModule } from '@app/detection';
import { PersonalDataModule } from '@app/ingestion';
import { TraceAudit } from './audit/trace-audit.service';
import { TraceHistoryService } from './history/trace-history.service';
import { TraceRevealService } from './reveal/trace-reveal.service';
import { TraceEventRepository } from './search/trace-event.repository';
import { TraceSearchService } from './search/trace-search.service';
import { TraceTimelineRepository } from './timeline/trace-timeline.repository';
import { TraceTimelineService } from './timeline/trace-timeline.service';

/** Auditors' tracing (docs/trace.md): search, timelines, reveal, and the audit of it all. Needs the app's DataSource. */
@Module({
  imports: [SecurityLogModule, AlertsModule, DetectionModule, PersonalDataModule, AccountsModule],
  providers: [Clock, TraceEventRepository, TraceAudit, TraceSearchService, TraceTimelineRepository, TraceTimelineService, TraceRevealService, TraceHistoryService],
  exports: [TraceAudit, TraceSearchService, TraceEventRepository, TraceTimelineService, TraceRevealService, TraceHistoryService],
})
export class TraceModule {}
