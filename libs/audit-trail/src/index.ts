export * from './canonical-event';
export * from './batch-chain';
