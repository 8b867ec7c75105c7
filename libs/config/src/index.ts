export * from './app-config';
export * from './config.module';
export { KAFKA_COMPRESSIONS, SERVICE_ROLES, envSchema } from './env.schema';
export type { KafkaCompression, ServiceRole } from './env.schema';
export * from './reports-config';
