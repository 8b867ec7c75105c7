export * from './domain.exception';
export * from './clock';
export * from './storable-text';
