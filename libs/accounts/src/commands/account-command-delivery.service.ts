import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { CompressionTypes, Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { compressionTypeOf, KAFKA } from '@app/kafka';
import { DeliveryQueue, nextRetryAt, WebhookSender } from '@app/notifications';
import { MetricsService } from '@app/observability';
import { AccountRepository } from '../account.repository';
import { AccountChanges } from '../status/account-changes.service';
import { AccountCommandRepository } from './account-command.repository';
import { AccountCommand, AccountCommandMessage } from './account-command.type';

export interface DeliveryReport {
  delivered: number;
  retrying: number;
  failed: number;
}

/** How long a replica holds a claimed command before another may retry it (it died mid-delivery). */
const CLAIM_LEASE_SECONDS = 120;
const CLAIM_BATCH = 100;

/**
 * Delivers the outbox of lock/unlock commands to the TTHC system: on the Kafka topic (key = account id) and/or
 * the webhook (signed body, Idempotency-Key). A channel that succeeded is not repeated; a failure is retried
 * with exponential backoff until the last attempt, then the command is marked failed.
 */
@Injectable()
export class AccountCommandDelivery implements OnApplicationShutdown {
  private readonly logger = new Logger(AccountCommandDelivery.name);
  private readonly settings: AppConfig['accounts']['commands'];
  private readonly compression: CompressionTypes;
  private readonly queue = new DeliveryQueue(() => this.deliverPass(), this.logger, 'Account command delivery failed');
  private producer?: Promise<Producer>;
  private readonly outcomes;

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: AccountCommandRepository,
    private readonly accounts: AccountRepository,
    private readonly webhook: WebhookSender,
    private readonly changes: AccountChanges,
    private readonly clock: Clock,
    @Inject(KAFKA) private readonly kafka: Kafka | null,
    @InjectConfig() config: AppConfig,
    metrics: MetricsService,
  ) {
    this.settings = config.accounts.commands;
    this.compression = compressionTypeOf(config.kafka?.compression ?? 'none');
    this.outcomes = metrics.counter('tthc_audit_account_command_attempts_total', 'Delivery attempts of account commands', ['outcome']);
    changes.subscribe(() => this.kick());
  }

  /** Kafka and/or webhook, as configured. With neither, commands stay pending (visible) until one is set. */
  get channels(): ('kafka' | 'webhook')[] {
    return [...(this.kafka ? (['kafka'] as const) : []), ...(this.settings.webhookUrl ? (['webhook'] as const) : [])];
  }

  /**
   * Delivers promptly after a change, without making the caller wait. Kicks that come while one is waiting to start
   * are folded into it (a pass delivers everything due, so a mass lock does not queue one pass per account).
   */
  kick(): void {
    this.queue.kick();
  }

  /** One pass over every due command. Passes in this process run one after the other. */
  deliverDue(): Promise<DeliveryReport> {
    return this.queue.run();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.drain();
    if (this.producer) await (await this.producer.catch(() => undefined))?.disconnect();
  }

  private async deliverPass(): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
    if (!this.channels.length) return report;
    for (;;) {
      const due = await this.commands.claimDue(this.clock.now(), CLAIM_LEASE_SECONDS, CLAIM_BATCH);
      if (!due.length) return report;
      for (const command of due) report[await this.deliver(command)]++;
    }
  }

  private async deliver(command: AccountCommand): Promise<keyof DeliveryReport> {
    const body = JSON.stringify(messageOf(command));
    const errors: string[] = [];
    if (this.kafka && !command.kafkaDeliveredAt) {
      await this.sendToKafka(command, body).then(
        () => this.commands.recordChannelDelivered(command.id, 'kafka', this.clock.now()),
        (error: Error) => errors.push(`kafka: ${error.message}`),
      );
    }
    if (this.settings.webhookUrl && !command.webhookDeliveredAt) {
      const post = { url: this.settings.webhookUrl, body, secret: this.settings.webhookSecret, idempotencyKey: command.idempotencyKey };
      await this.webhook.post(post).then(
        () => this.commands.recordChannelDelivered(command.id, 'webhook', this.clock.now()),
        (error: Error) => errors.push(`webhook: ${error.message}`),
      );
    }
    if (!errors.length) {
      const at = this.clock.now();
      await this.dataSource.transaction(async (m) => {
        await this.commands.markDelivered(m, command.id, at);
        if (command.action === 'lock') await this.accounts.markLockDelivered(m, command.id, at);
      });
      this.outcomes.inc({ outcome: 'delivered' });
      await this.changes.publish([command.accountId]);
      return 'delivered';
    }
    return this.recordFailure(command, errors.join('; '));
  }

  private async recordFailure(command: AccountCommand, error: string): Promise<keyof DeliveryReport> {
    const attempt = command.attempts + 1;
    const retryAt = nextRetryAt(this.clock.now(), attempt, this.settings);
    const giveUp = retryAt === null;
    await this.commands.recordFailure(command.id, error, retryAt);
    this.outcomes.inc({ outcome: giveUp ? 'failed' : 'retry' });
    this.logger.warn({ commandId: command.id, accountId: command.accountId, attempt, error }, giveUp ? 'Account command failed for good' : 'Account command delivery failed; will retry');
    if (giveUp) await this.changes.publish([command.accountId]);
    return giveUp ? 'failed' : 'retrying';
  }

  private async sendToKafka(command: AccountCommand, body: string): Promise<void> {
    const producer = await (this.producer ??= this.connectProducer().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    }));
    await producer.send({
      topic: this.settings.topic,
      acks: -1,
      compression: this.compression,
      messages: [{ key: command.accountId, value: body, headers: { 'idempotency-key': command.idempotencyKey } }],
    });
  }

  private async connectProducer(): Promise<Producer> {
    // Create the topic when allowed; a cluster where the service may not create topics has it made by its admins.
    const admin = this.kafka!.admin();
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: this.settings.topic }], waitForLeaders: true });
    } catch (error) {
      this.logger.warn({ err: error, topic: this.settings.topic }, 'Could not create the account command topic; using it as it is');
    } finally {
      await admin.disconnect();
    }
    const producer = this.kafka!.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    return producer;
  }
}

function messageOf(c: AccountCommand): AccountCommandMessage {
  return {
    schemaVersion: 1,
    commandId: c.id,
    idempotencyKey: c.idempotencyKey,
    accountId: c.accountId,
    action: c.action,
    reason: c.reason,
    requestedBy: c.actor,
    requestedAt: new Date(c.createdAt).toISOString(),
  };
}
