export * from './canonical-event';
export * from './batch-chain';
export * from './stored-batch-handler';
