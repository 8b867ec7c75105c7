export * from './app-config';
export * from './config.module';
export { SERVICE_ROLES, envSchema } from './env.schema';
export type { ServiceRole } from './env.schema';
