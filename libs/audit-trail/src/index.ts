export * from './canonical-event';
export * from './batch-chain';
export * from './stored-batch-handler';
export * from './audit-store.service';
export * from './audit-trail.module';
export * from './query-event-partition.service';
export { rowToStoredEvent } from './query-event-copy.util';
