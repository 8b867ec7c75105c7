export type DeliveryChannel = 'email' | 'webhook';
export const DELIVERY_CHANNELS: readonly DeliveryChannel[] = ['email', 'webhook'];
export type DeliveryStatus = 'pending' | 'sent' | 'failed';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'sent', 'failed'];

/** One report or urgent notice, to one recipient on one channel (table report_delivery). */
export interface ReportDelivery {
  id: string;
  /** Exactly one of reportId (a report) and alertId (an urgent notice) is set. */
  reportId: string | null;
  alertId: string | null;
  channel: DeliveryChannel;
  /** The email address, or the webhook URL. */
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  idempotencyKey: string;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

/** A claim of a delivery by one replica: only its holder records the outcome of the send. */
export interface DeliveryClaim {
  id: string;
  claimToken: string;
}

export type ClaimedDelivery = ReportDelivery & DeliveryClaim;

export interface NewDelivery {
  channel: DeliveryChannel;
  recipient: string;
}

export interface DeliveryPassReport {
  sent: number;
  retrying: number;
  failed: number;
}
