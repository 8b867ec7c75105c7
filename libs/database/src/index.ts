export * from './database.module';
export * from './data-source-options';
export * from './embedded-database-in-use.exception';
export * from './embedded-postgres';
export * from './migrator';
export { MIGRATIONS } from './migrations';
