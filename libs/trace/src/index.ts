export * from './query/trace-criteria';
export * from './query/trace-where';
export * from './query/trace-event.type';
