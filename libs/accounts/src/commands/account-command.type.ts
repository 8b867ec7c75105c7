export type AccountCommandAction = 'lock' | 'unlock';
export type AccountCommandState = 'pending' | 'delivered' | 'failed';

/** A lock or unlock the TTHC system must apply, as kept in the outbox and as delivered. */
export interface AccountCommand {
  id: string;
  accountId: string;
  action: AccountCommandAction;
  reason: string;
  actor: string;
  idempotencyKey: string;
  state: AccountCommandState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  kafkaDeliveredAt: Date | null;
  webhookDeliveredAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** The message body on the topic and the webhook (version 1). */
export interface AccountCommandMessage {
  schemaVersion: 1;
  commandId: string;
  idempotencyKey: string;
  accountId: string;
  action: AccountCommandAction;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}
