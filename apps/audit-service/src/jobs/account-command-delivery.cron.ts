import { Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AccountCommandDelivery } from '@app/accounts';
import { AppConfig, InjectConfig } from '@app/config';
import { IntervalJob } from './interval-job.util';

/**
 * Every ACCOUNT_COMMAND_DELIVERY_INTERVAL, delivers due lock/unlock commands (retries, and commands created on
 * other replicas). Safe with several replicas: each command is claimed before it is sent.
 */
@Injectable()
export class AccountCommandDeliveryCron extends IntervalJob {
  protected readonly logger = new Logger(AccountCommandDeliveryCron.name);

  constructor(
    @InjectConfig() config: AppConfig,
    scheduler: SchedulerRegistry,
    private readonly delivery: AccountCommandDelivery,
  ) {
    super(scheduler, {
      name: 'account-command-delivery',
      intervalSeconds: config.accounts.commands.deliveryInterval,
      failure: 'Delivering account commands failed',
    });
  }

  protected override enabled(): boolean {
    if (this.delivery.channels.length) return true;
    this.logger.warn('Neither KAFKA_BROKERS nor ACCOUNT_COMMAND_WEBHOOK_URL is set: lock/unlock commands stay pending');
    return false;
  }

  protected work(): Promise<unknown> {
    return this.delivery.deliverDue();
  }
}
