import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { SecurityEventRepository } from './security-event.repository';
import { SecurityEvent, SecurityEventFilter, SecurityEventInput } from './security-event.type';

/** The append-only log of the console's own security events, readable by admins. */
@Injectable()
export class SecurityLogService {
  constructor(
    private readonly events: SecurityEventRepository,
    private readonly clock: Clock,
  ) {}

  record(event: SecurityEventInput): Promise<void> {
    return this.events.append(event, this.clock.now());
  }

  /** One page, newest first, and the cursor of the next (older) page when there is one. */
  async list(filter: SecurityEventFilter): Promise<{ items: SecurityEvent[]; nextCursor: string | null }> {
    const items = await this.events.findPage({ ...filter, limit: filter.limit + 1 });
    const more = items.length > filter.limit;
    const page = more ? items.slice(0, filter.limit) : items;
    return { items: page, nextCursor: more ? page[page.length - 1].id : null };
  }
}
