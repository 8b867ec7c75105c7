export * from './domain.exception';
export * from './clock';
