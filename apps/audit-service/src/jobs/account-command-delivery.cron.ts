import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AccountCommandDelivery } from '@app/accounts';
import { AppConfig, InjectConfig } from '@app/config';

const JOB_NAME = 'account-command-delivery';

/**
 * Every ACCOUNT_COMMAND_DELIVERY_INTERVAL, delivers due lock/unlock commands (retries, and commands created on
 * other replicas). Safe with several replicas: each command is claimed before it is sent.
 */
@Injectable()
export class AccountCommandDeliveryCron implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountCommandDeliveryCron.name);
  private running = false;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly delivery: AccountCommandDelivery,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.delivery.channels.length) {
      this.logger.warn('Neither KAFKA_BROKERS nor ACCOUNT_COMMAND_WEBHOOK_URL is set: lock/unlock commands stay pending');
      return;
    }
    const timer = setInterval(() => void this.run(), this.config.accounts.commands.deliveryInterval * 1000);
    this.scheduler.addInterval(JOB_NAME, timer);
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.delivery.deliverDue();
    } catch (error) {
      this.logger.error({ err: error }, 'Delivering account commands failed');
    } finally {
      this.running = false;
    }
  }
}
