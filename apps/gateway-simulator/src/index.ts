// The simulator as a library, for the tests and benchmarks that need realistic traffic.
export * from './event-generator.service';
export * from './simulate.command';
export * from './anomaly.util';
export * from './household.util';
export * from './province.util';
export type * from './province.type';
export type * from './outputs/event-output.type';
export * from './outputs/kafka-output.service';
export * from './outputs/http-output.service';
export * from './outputs/file-output.service';
export * from './outputs/csv-event.util';
export * from './outputs/account-directory.util';
