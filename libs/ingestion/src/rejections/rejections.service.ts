import { Injectable } from '@nestjs/common';
import { RejectionFilter, RejectionRepository, StoredRejection } from './rejection.repository';

export interface RejectionPage {
  items: StoredRejection[];
  countsByReason: { reason: string; count: number }[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Rejected records as operators read them: newest first, with counts by reason for the same filter. */
@Injectable()
export class RejectionsService {
  constructor(private readonly repository: RejectionRepository) {}

  async list(filter: RejectionFilter, limit: number, before?: string): Promise<RejectionPage> {
    const [items, countsByReason] = await Promise.all([
      this.repository.findPage(filter, limit + 1, before),
      this.repository.countByReason(filter),
    ]);
    const more = items.length > limit;
    const page = more ? items.slice(0, limit) : items;
    return { items: page, countsByReason, nextCursor: more ? page[page.length - 1].id : null };
  }
}
