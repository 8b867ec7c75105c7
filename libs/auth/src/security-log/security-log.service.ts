import { Injectable, Optional } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Clock } from '@app/common';
import { MetricsService } from '@app/observability';
import { SecurityEventRepository } from './security-event.repository';
import { SecurityEvent, SecurityEventFilter, SecurityEventInput } from './security-event.type';

/** The append-only log of the console's own security events, readable by admins, counted by type for alerting. */
@Injectable()
export class SecurityLogService {
  private readonly counter?: Counter<'type'>;

  constructor(
    private readonly events: SecurityEventRepository,
    private readonly clock: Clock,
    @Optional() metrics?: MetricsService,
  ) {
    this.counter = metrics?.counter(
      'tthc_audit_security_events_total',
      'Security events (sign-ins, denials, changes) by type',
      ['type'],
    );
  }

  async record(event: SecurityEventInput): Promise<void> {
    await this.events.append(event, this.clock.now());
    this.counter?.inc({ type: event.type });
  }

  /** One page, newest first, and the cursor of the next (older) page when there is one. */
  async list(filter: SecurityEventFilter): Promise<{ items: SecurityEvent[]; nextCursor: string | null }> {
    const items = await this.events.findPage({ ...filter, limit: filter.limit + 1 });
    const more = items.length > filter.limit;
    const page = more ? items.slice(0, filter.limit) : items;
    return { items: page, nextCursor: more ? page[page.length - 1].id : null };
  }
}
