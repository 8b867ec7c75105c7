import type { QueryLogEventV1 } from '@app/contracts';

/** Where simulated events go. Batches arrive in time order; close() waits for everything to be delivered. */
export interface EventOutput {
  open(): Promise<void>;
  write(batch: QueryLogEventV1[]): Promise<void>;
  close(): Promise<void>;
  /** One line for the end-of-run summary, e.g. the service's answer counts. */
  describe(): string;
}
