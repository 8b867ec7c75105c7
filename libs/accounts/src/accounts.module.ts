import { Module, OnModuleInit } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { AuditTrailModule, StoredBatchHandlers } from '@app/audit-trail';
import { Clock } from '@app/common';
import { NotificationsModule } from '@app/notifications';
import { SourceSystemsModule } from '@app/source-systems';
import { AccountHistoryRepository } from './account-history.repository';
import { AccountViewRepository } from './account-view.repository';
import { AccountRepository } from './account.repository';
import { AccountsService } from './accounts.service';
import { AccountActivityService } from './activity/account-activity.service';
import { AccountCommandDelivery } from './commands/account-command-delivery.service';
import { AccountCommandRepository } from './commands/account-command.repository';
import { DirectorySyncService } from './directory/directory-sync.service';
import { DirectoryValidator } from './directory/directory-validator.service';
import { ExemptionRepository } from './exemptions/exemption.repository';
import { ExemptionService } from './exemptions/exemption.service';
import { AccountLockService } from './lock/account-lock.service';
import { IdleLockService } from './lock/idle-lock.service';
import { LockWarningRepository } from './lock/lock-warning.repository';
import { LockWarningService } from './lock/lock-warning.service';
import { MassChangeGuard } from './mass-change/mass-change-guard.service';
import { ObservationWindowRepository } from './observation/observation-window.repository';
import { ObservationWindow } from './observation/observation-window.service';
import { AccountChanges } from './status/account-changes.service';
import { AccountStatusCache } from './status/account-status-cache.service';

/**
 * Account lifecycle: directory sync, last activity (a stored-batch handler), idle lock with warnings and
 * exemptions (counted from evidence only, guarded against mass changes), lock/unlock commands to the TTHC
 * system, and the gateway's status answer.
 * Needs the app's DataSource, config, KAFKA and MetricsService.
 */
@Module({
  imports: [AuditTrailModule, AlertsModule, NotificationsModule, SourceSystemsModule],
  providers: [
    Clock,
    AccountRepository,
    AccountViewRepository,
    AccountHistoryRepository,
    AccountCommandRepository,
    ExemptionRepository,
    LockWarningRepository,
    ObservationWindowRepository,
    ObservationWindow,
    MassChangeGuard,
    AccountChanges,
    AccountStatusCache,
    AccountLockService,
    AccountsService,
    AccountActivityService,
    AccountCommandDelivery,
    DirectoryValidator,
    DirectorySyncService,
    ExemptionService,
    IdleLockService,
    LockWarningService,
  ],
  exports: [
    AccountsService,
    AccountActivityService,
    AccountCommandDelivery,
    AccountCommandRepository,
    AccountLockService,
    AccountStatusCache,
    DirectorySyncService,
    ExemptionService,
    IdleLockService,
    LockWarningRepository,
    LockWarningService,
    ObservationWindow,
  ],
})
export class AccountsModule implements OnModuleInit {
  constructor(
    private readonly handlers: StoredBatchHandlers,
    private readonly activity: AccountActivityService,
  ) {}

  onModuleInit(): void {
    this.handlers.register(this.activity);
  }
}
