import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, InjectConfig } from '@app/config';
import { IdlePolicy } from '../idle-policy.util';
import { ObservationWindowRepository } from './observation-window.repository';

/**
 * From when the service has the gateway's logs: ACCOUNT_OBSERVATION_START when an operator set it (after a
 * back-fill, or to set aside a partial one), else the earliest stored event. Read on each use, because a
 * back-fill moves it.
 */
@Injectable()
export class ObservationWindow {
  constructor(
    private readonly repository: ObservationWindowRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async start(manager?: EntityManager): Promise<Date | null> {
    return this.config.accounts.observationStart ?? (await this.repository.findEarliestEventAt(this.config.ingest.futureSkew, manager));
  }

  /** The idle policy as of now; pass the caller's transaction so the lock and its evidence agree. */
  async idlePolicy(manager?: EntityManager): Promise<IdlePolicy> {
    const { idleMonths, timeZone } = this.config.accounts;
    return { idleMonths, timeZone, observationStart: await this.start(manager) };
  }
}
