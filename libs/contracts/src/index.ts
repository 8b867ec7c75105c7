export * from './contract-files.constant';
export * from './query-log-event.type';
