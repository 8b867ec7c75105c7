import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { addDays, localDay, startOfLocalDay } from '../calendar/local-day.util';
import { withTryAdvisoryLock } from '../scan/advisory-lock.util';
import { PROCEDURE_CATALOG_CONFIG, ProcedureCatalogConfig } from './procedure-catalog-config.util';
import { ProcedureNeeds } from './procedure-needs.service';
import { learnProfiles } from './procedure-profile.util';
import { ProcedureProfile, ProcedureRepository } from './procedure.repository';

/** Any stable 64-bit number: one replica learns the profiles at a time. */
export const PROCEDURE_PROFILE_LOCK = 7_281_004_640;

/**
 * Learns what each procedure's lookups return (the last `learnedProfile.days` closed days, province-wide) and
 * stores it as the procedure's profile: its need where the catalog is silent. A profile applies to lookups stored
 * after it (and to days rebuilt by a rescan after it), never to counts already made.
 */
@Injectable()
export class ProcedureProfileService {
  private readonly logger = new Logger(ProcedureProfileService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ProcedureRepository,
    private readonly needs: ProcedureNeeds,
    private readonly clock: Clock,
    @Inject(PROCEDURE_CATALOG_CONFIG) private readonly config: ProcedureCatalogConfig,
  ) {}

  /** Learns the profiles on one replica: null when another holds the lock (it is doing the same). */
  async learnOnce(): Promise<ProcedureProfile[] | null> {
    return withTryAdvisoryLock(this.dataSource, PROCEDURE_PROFILE_LOCK, () => this.learn());
  }

  private async learn(): Promise<ProcedureProfile[]> {
    const s = this.config.learnedProfile;
    const toDay = addDays(localDay(this.clock.now()), -1);
    const fromDay = addDays(toDay, -(s.days - 1));
    const counts = await this.repository.countFields(startOfLocalDay(fromDay), startOfLocalDay(addDays(toDay, 1)));
    const profiles = learnProfiles(counts, s, { fromDay, toDay, computedAt: this.clock.now() });
    await this.repository.replaceProfiles(profiles);
    await this.needs.refresh();
    this.logger.log(`Learned the profiles of ${profiles.length} procedure(s) from lookups of ${fromDay} .. ${toDay}`);
    return profiles;
  }
}
