import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AlertsService } from '@app/alerts';
import { CommittedBatchListener, StoredBatch, StoredBatchHandlers } from '@app/audit-trail';
import { AppConfig, InjectConfig } from '@app/config';
import { MetricsService } from '@app/observability';
import { DetectionSettingsService } from '../settings/detection-settings.service';
import { STREAM_DETECTORS, StreamDetector } from './detector.type';
import { ExplainedEvidence } from './explained-evidence.service';

/**
 * Runs the stream detectors on every committed batch and raises what they find, seconds after the events were
 * stored. Never fails ingest: a detector's error is logged and counted, the batch stays stored, and the daily
 * scan (which runs the same detectors over the day) finds what the stream missed.
 */
@Injectable()
export class StreamDetection implements CommittedBatchListener, OnModuleInit {
  private readonly logger = new Logger(StreamDetection.name);
  private readonly seconds;
  private readonly failures;
  private readonly raised;

  constructor(
    private readonly handlers: StoredBatchHandlers,
    @Inject(STREAM_DETECTORS) private readonly detectors: StreamDetector[],
    private readonly settings: DetectionSettingsService,
    private readonly alerts: AlertsService,
    private readonly explained: ExplainedEvidence,
    @InjectConfig() private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    this.seconds = metrics.histogram('tthc_audit_detection_stream_seconds', 'Time the stream detectors take on one committed batch', ['detector'], [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);
    this.failures = metrics.counter('tthc_audit_detection_stream_failures_total', 'Committed batches a stream detector failed on (the day scan catches up)', ['detector']);
    this.raised = metrics.counter('tthc_audit_detection_stream_alerts_total', 'Alerts raised or updated by the stream detectors', ['type']);
  }

  onModuleInit(): void {
    if (this.detectors.length && this.config.detection.streaming) this.handlers.registerCommitted(this);
  }

  async onCommittedBatch(batch: StoredBatch): Promise<void> {
    const all = this.settings.current();
    for (const d of this.detectors) {
      const stop = this.seconds.startTimer({ detector: d.section });
      try {
        const parsed = d.parseSettings(all[d.section]);
        if (parsed.problems) throw new Error(parsed.problems.join('; '));
        for (const input of await d.detectBatch(batch, parsed.settings)) {
          await this.alerts.raise(await this.explained.complete(input));
          this.raised.inc({ type: input.type });
        }
      } catch (error) {
        this.failures.inc({ detector: d.section });
        this.logger.error({ err: error, batchId: batch.batchId }, `Stream detector ${d.section} failed on batch ${batch.batchId}; the day scan will judge its events`);
      } finally {
        stop();
      }
    }
  }
}
