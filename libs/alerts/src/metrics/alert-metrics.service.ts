import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { MetricsService } from '@app/observability';
import { AlertRepository } from '../alert.repository';

/** Counting every alert on each scrape would hit the database per scrape; a count 30 s old is fresh enough to alert on. */
export const ALERT_COUNT_REFRESH_MS = 30_000;

/**
 * tthc_audit_alerts{type,severity,status}: how many alerts stand in each state, as Prometheus gauges. Labels are
 * closed sets (never an alert, account or user id), so the series stay few.
 */
@Injectable()
export class AlertMetricsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertMetricsService.name);
  private counts: { type: string; severity: string; status: string; n: number }[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly alerts: AlertRepository,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.metrics) return;
    this.metrics.gauge('tthc_audit_alerts', 'Alerts by type, severity and status (counted every 30 s)', ['type', 'severity', 'status'], (gauge) => {
      gauge.reset();
      for (const c of this.counts) gauge.set({ type: c.type, severity: c.severity, status: c.status }, c.n);
    });
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), ALERT_COUNT_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Reads the counts now (the timer calls it; tests call it to skip the wait). */
  async refresh(): Promise<void> {
    try {
      this.counts = await this.alerts.countByTypeSeverityStatus();
    } catch (error) {
      // Keeps the last counts: a scrape during a database outage shows them rather than nothing.
      this.logger.warn(`Alert counts not refreshed: ${(error as Error).message}`);
    }
  }
}
